"""A run of an image-to-image task on its held-out images: the pairs its task makes from them (from the
run's seed and each image's index, so every evaluation scores the same pairs) and the model's outputs."""

from __future__ import annotations

from pathlib import Path

import torch

from ...data import held_out_split, load_split
from ...data.image.tasks import TASKS, finished, held_out_seeds
from ...data.image.transforms import from_signed_unit, to_signed_unit
from ...modalities.image.training import viewable
from ...training.run_folder import RunFolder


def held_out_pairs(data_config, n: int | None, seed: int) -> dict[str, torch.Tensor]:
    """{"source", "target"[, "mask"]} (floats in [-1, 1]) of the first n held-out images."""
    held_out = load_split(data_config, held_out_split(data_config))
    count = len(held_out) if n is None else min(n, len(held_out))
    index = torch.arange(count)
    spec = held_out.spec
    return TASKS.get(spec.task).pairs(to_signed_unit(held_out.images_at(index)), held_out_seeds(seed, index),
                                      spec.task_options)


def outputs_for(model, pairs: dict[str, torch.Tensor]) -> torch.Tensor:
    """The model's outputs, in [-1, 1]; an inpainting keeps the known pixels of its input."""
    return finished(pairs, model.convert(pairs["source"]))


def held_out_outputs(model, run: str | Path, n: int, seed: int = 0) -> dict[str, torch.Tensor]:
    """uint8 {"source", "output", "target"} of the run's first n held-out pairs."""
    return held_out_outputs_of(model, RunFolder(Path(run)).read_config().data, n, seed)


def held_out_outputs_of(model, data_config, n: int, seed: int = 0) -> dict[str, torch.Tensor]:
    """uint8 {"source", "output", "target"}; for two domains the target column is the cycle a -> b -> a."""
    if data_config.domain_a is not None:  # two domains: the first n held-out images of a, translated to b
        held_out = load_split(data_config, held_out_split(data_config))
        images = held_out.domain_images("a", torch.arange(min(n, held_out.stream_length("a"))))
        output = model.translate(to_signed_unit(images), "a2b")
        return {"source": images, "output": from_signed_unit(output),  # the cycle back in the third column
                "target": from_signed_unit(model.translate(output, "b2a"))}
    pairs = held_out_pairs(data_config, n, seed)
    output = outputs_for(model, pairs)
    return {"source": from_signed_unit(viewable(pairs["source"], output.shape[1])), "output": from_signed_unit(output),
            "target": from_signed_unit(pairs["target"])}
