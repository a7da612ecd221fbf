"""What an image run's report shows of its model: nearest training images of its samples, one row
per class (conditional models), reconstructions and an interpolation (models with an encoder)."""

from __future__ import annotations

from dataclasses import dataclass

import torch

from ...data import held_out_split, load_dataset, load_split
from ...modalities.image.grids import class_rows
from ...training.run_config import RunConfig
from .latent_paths import interpolation, reconstructions
from .neighbours import nearest_training_images


@dataclass
class ClassRows:
    images: torch.Tensor  # uint8, one row of `columns` per class
    columns: int
    names: tuple[str, ...]


@dataclass
class LatentViews:
    originals: torch.Tensor  # held-out images
    reconstructed: torch.Tensor
    interpolation: torch.Tensor  # between held-out images 0 and 1


def image_report_data(model, config: RunConfig) -> dict:
    if config.data.task or config.data.domain_a is not None:  # input | output | target of held-out images
        from .tasks import held_out_outputs_of

        shown = held_out_outputs_of(model, config.data, 8)
        columns = "input | output | target" if config.data.task else "a | a -> b | a -> b -> a"
        return {"task_rows": torch.stack([shown["source"], shown["output"], shown["target"]], 1).flatten(0, 1),
                "task_columns": columns}
    data: dict = {"neighbours": nearest_training_images(model, config)}
    if model.num_classes:
        labels, columns = class_rows(model.num_classes, 8 * model.num_classes)
        data["class_rows"] = ClassRows(model.sample(len(labels), seed=0, labels=labels).values, columns,
                                       load_dataset(config.data).class_names)
    if model.capabilities.reconstruct:
        held_out = load_split(config.data, held_out_split(config.data))
        originals = held_out.images_at(torch.arange(min(16, len(held_out))))
        data["latents"] = LatentViews(originals, reconstructions(model, originals),
                                      interpolation(model, config, 0, 1, 10))
    return data
