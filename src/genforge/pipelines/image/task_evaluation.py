"""`genforge eval RUN` of an image-to-image run: PSNR, SSIM (and for inpainting the L1 inside the hole)
of its outputs on the held-out pairs of its task, beside the classic baselines computed by the same
code on the same pairs:

    super-resolution   bicubic: the task's input itself (the low-resolution image, bicubic upsampled)
    inpaint            mean colour: the hole filled with each image's mean known colour;
                       biharmonic: scikit-image's `inpaint_biharmonic` (the hole smoothly continued)
    edges, colourise   identity: the input copied (repeated to the target's channels)
"""

from __future__ import annotations

import time

import numpy as np
import torch

from ...core.registry import Registry
from ...data import held_out_split
from ...data.image.tasks import keep_known
from ...metrics.image.paired import paired_figures
from ...metrics.results import EvalResult
from ...modalities.image.training import viewable
from ..loading import load
from .tasks import held_out_pairs, outputs_for

DEFAULT_PAIRS = 1000  # held-out pairs scored (the baselines' biharmonic filling is the slow part)

BASELINES: Registry = Registry("baseline")


def mean_colour(pairs: dict) -> torch.Tensor:
    images, masks = pairs["target"], pairs["mask"]
    known = (1 - masks)
    mean = (images * known).sum((2, 3), keepdim=True) / known.sum((2, 3), keepdim=True).clamp(min=1)
    return keep_known(images, masks, mean.expand_as(images))


def biharmonic(pairs: dict) -> torch.Tensor:
    from skimage.restoration import inpaint_biharmonic

    images, masks = pairs["target"], pairs["mask"]
    filled = []
    for image, mask in zip(images.numpy(), masks[:, 0].numpy().astype(bool)):
        if not mask.any():
            filled.append(image)
            continue
        filled.append(np.moveaxis(inpaint_biharmonic(np.moveaxis(image, 0, -1), mask, channel_axis=-1), -1, 0))
    return keep_known(images, masks, torch.from_numpy(np.stack(filled)).float())


BASELINES.register("super-resolution")({"bicubic": lambda pairs: pairs["source"]})
BASELINES.register("inpaint")({"mean colour": mean_colour, "biharmonic": biharmonic})
for _task in ("edges", "colourise"):
    BASELINES.register(_task)({"identity": lambda pairs: viewable(pairs["source"], pairs["target"].shape[1])})


def scored_with_baselines(outputs: torch.Tensor, pairs: dict, task: str) -> tuple[dict, dict]:
    """(values, baselines): the outputs' figures, and each baseline's beside them (as "figure (name)")."""
    masks = pairs.get("mask")
    values = paired_figures(outputs, pairs["target"], masks)
    baselines = {}
    for name, baseline in BASELINES.get(task).items():
        baselines[name] = paired_figures(baseline(pairs), pairs["target"], masks)
        values.update({f"{figure} ({name})": value for figure, value in baselines[name].items()})
    return values, baselines


def inpainting_figures(model, data_config, count: int, seed: int = 0) -> dict[str, float]:
    """Any model that inpaints (a GAN or VAE through its latent, pix2pix) on the held-out pairs of the
    inpainting `data_config` describes (its mask and hole fraction), beside the baselines."""
    pairs = held_out_pairs(data_config, count, seed)
    masks = pairs["mask"]
    return scored_with_baselines(model.inpaint(pairs["target"] * (1 - masks), masks), pairs, "inpaint")[0]


def evaluate_task_run(folder, config, request) -> EvalResult:
    started = time.perf_counter()
    model = request.model if request.model is not None else load(folder.root, checkpoint=request.chosen)
    pairs = held_out_pairs(config.data, request.count or DEFAULT_PAIRS, request.seed)
    values, baselines = scored_with_baselines(outputs_for(model, pairs), pairs, config.data.task)
    options = config.data
    split = held_out_split(config.data)
    count = len(pairs["target"])
    record = {"kind": "task-metrics", "task": options.task, "metrics": values, "baselines": baselines,
              "pairs": count, "seconds": time.perf_counter() - started,
              "fake": {"count": count, "source": f"outputs for {options.task} pairs, seed {request.seed}"},
              "real": {"count": count, "source": f"{config.data.name}:{split} (the targets)"},
              "computed_on": "the held-out split's first images, their pairs made from the eval seed and each image's "
                             "index; PSNR per image on [0, 1] (the luminance of RGB) then averaged; SSIM with an 11-tap "
                             "Gaussian window, sigma 1.5 (torchmetrics), data_range 1",
              "options": {"factor": options.factor} if options.task == "super-resolution" else
                         {"mask": options.mask, "hole_fraction": options.hole_fraction} if options.task == "inpaint" else {}}
    return EvalResult(values, [], record)
