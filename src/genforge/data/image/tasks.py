"""Image-to-image tasks made from any image data on the fly: what the model is given (`source`) for
each image it should produce (`target`), as a pure function of the images and one seed per image.

    inpaint            the image with a hole (filled with 0, mid-grey) and the hole as one more channel
                       (`mask`: centre | rectangles | strokes, covering `hole_fraction`: masks.py)
    super-resolution   the image downsampled by `factor` (antialiased bicubic) and brought back to its
                       size (bicubic): degradations.py says which resize, as results depend on it
    edges              Canny's edge map of the luminance, one channel
    colourise          the luminance, one channel (RGB data)

Images are floats in [-1, 1]. The training loop's seeds come from the batch schedule's per-item
stream "task" (a resumed run makes the same pairs); held-out pairs from the seed and each image's
index (`held_out_seeds`), so every evaluation of a run scores the same pairs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch

from ...core.errors import ConfigError
from ...core.registry import Registry
from . import degradations
from .masks import hole_masks


@dataclass(frozen=True)
class TaskOptions:
    mask: str = "rectangles"
    hole_fraction: float = 0.25
    factor: int = 4


@dataclass(frozen=True)
class ImageTask:
    name: str
    source_channels: Callable[[int], int]  # image channels -> the source's
    make: Callable[[torch.Tensor, torch.Tensor, TaskOptions], dict]  # (images, seeds, options) -> Batch fields
    needs_rgb: bool = False

    def pairs(self, images: torch.Tensor, seeds: torch.Tensor, options: TaskOptions) -> dict[str, torch.Tensor]:
        """{"source", "target"[, "mask"]} for float images in [-1, 1]."""
        return {"target": images, **self.make(images, seeds, options)}

    def check(self, channels: int, size: int, options: TaskOptions) -> None:
        if self.needs_rgb and channels != 3:
            raise ConfigError(f"--task {self.name} needs colour images; this data has {channels} channel(s)")
        if self.name == "super-resolution" and (size % options.factor or size // options.factor < 2):
            raise ConfigError(f"--factor {options.factor} does not divide the {size}-pixel images into a low-resolution "
                              "image of 2 pixels or more")


TASKS: Registry[ImageTask] = Registry("task")


def register(task: ImageTask) -> ImageTask:
    return TASKS.register(task.name)(task)


def inpainting_pairs(images: torch.Tensor, seeds: torch.Tensor, options: TaskOptions) -> dict:
    masks = hole_masks(options.mask, seeds, images.shape[-1], options.hole_fraction).to(images)
    return {"source": torch.cat([images * (1 - masks), masks * 2 - 1], dim=1), "mask": masks}


register(ImageTask("inpaint", lambda channels: channels + 1, inpainting_pairs))
register(ImageTask("super-resolution", lambda channels: channels,
                   lambda images, seeds, options: {"source": degradations.bicubic_round_trip(images, options.factor)}))
register(ImageTask("edges", lambda channels: 1, lambda images, seeds, options: {"source": degradations.edge_map(images)}))
register(ImageTask("colourise", lambda channels: 1,
                   lambda images, seeds, options: {"source": degradations.luminance(images)}, needs_rgb=True))


def keep_known(images: torch.Tensor, masks: torch.Tensor, output: torch.Tensor) -> torch.Tensor:
    """An inpainting's result: the output inside the hole (masks 1), the input's pixels outside it."""
    return images * (1 - masks) + output * masks


def finished(pairs: dict[str, torch.Tensor], output: torch.Tensor) -> torch.Tensor:
    """A task model's output as its result: for inpainting, with the known pixels of the input kept."""
    return keep_known(pairs["target"], pairs["mask"], output) if "mask" in pairs else output


def held_out_seeds(seed: int, indices: torch.Tensor) -> torch.Tensor:
    """One seed per held-out image, from the run's seed and the image's index."""
    return indices.long() * 1_000_003 + seed * 7_919 + 1
