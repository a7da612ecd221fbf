"""What `genforge sample` draws from an image run: a PNG grid (one row per class for a conditional
model) or an .npz, from the prior or an ex-post sampler; the labels of each chunk made as it is drawn."""

from __future__ import annotations

from pathlib import Path

import torch

from ...core import Samples
from ...core.errors import GenforgeError
from ...training.run_folder import RunFolder
from ..handlers import SamplingPlan
from ..sample import TEXT_FLAGS
from ..samplers import SAMPLERS


def class_labels(model, request, n: int, fmt: str):
    """(labels of items start..start+count, the count drawn, grid columns) for a conditional model;
    (None, n, None) for an unconditional one."""
    classes = model.num_classes
    if request.class_index is not None:
        if not classes:
            raise GenforgeError("--class needs a conditional model; this run is unconditional")
        if not 0 <= request.class_index < classes:
            raise GenforgeError(f"--class must be in 0..{classes - 1}, got {request.class_index}")
        return lambda start, count: torch.full((count,), request.class_index), n, None
    if not classes:
        return None, n, None
    if fmt == "png":  # one row per class (modalities/image/grids.class_rows), made a chunk at a time
        per_row = max(1, n // classes)
        return lambda start, count: torch.arange(start, start + count) // per_row, classes * per_row, per_row
    return lambda start, count: torch.arange(start, start + count) % classes, n, None


def plan_images(model, request, n: int, fmt: str) -> SamplingPlan:
    for flag in TEXT_FLAGS:
        if getattr(request, flag) is not None:
            model.capabilities.require("continue_prompt", f"`genforge sample --{flag.replace('_', '-')}`",
                                       request.run_folder, model.config.name)
    labels_of, n, columns = class_labels(model, request, n, fmt)
    if request.sampler != "prior" and labels_of is not None:
        raise GenforgeError("ex-post samplers are for unconditional VAEs")
    sampler = SAMPLERS.get(request.sampler)
    config = RunFolder(Path(request.run_folder)).read_config() if request.sampler != "prior" else None

    def draw(start: int, count: int, seed: int) -> Samples:
        if request.sampler != "prior":
            values = sampler(model, config, Path(request.run_folder), count, seed)
            return Samples(model.modality, values, conditioning={"seed": seed, "sampler": request.sampler})
        return model.sample(count, seed=seed, labels=None if labels_of is None else labels_of(start, count))

    return SamplingPlan(n, draw, layout={"columns": columns})
