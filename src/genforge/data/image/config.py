"""The data section's options of the image sources (no torch):

    ImageDataConfig        + max_images, mirror                    fashion-mnist
    PhotoDataConfig        + image_size, channels, crop, resize,   (photos: decoded once into a
                             cache, background                      uint8 cache, read from there)
      CelebAConfig         + attributes                            celeba
      FolderConfig         + classes                               folder
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import Range
from ...core.errors import ConfigError
from ..config import DataConfig


TASK_NAMES = ("inpaint", "super-resolution", "edges", "colourise")  # data/image/tasks.py's TASKS
MASK_NAMES = ("centre", "rectangles", "strokes")  # data/image/masks.py's MASKS


@dataclass
class ImageDataConfig(DataConfig):
    RANGES: ClassVar[dict[str, Range]] = {"max_images": Range(1, 2**40), "hole_fraction": Range(0, 1, True, True),
                                          "factor": Range(2, 64)}
    CHOICES: ClassVar[dict] = {"task": TASK_NAMES, "mask": MASK_NAMES}

    max_images: int | None = None  # train on a fixed random subset of this many images (None: all)
    mirror: bool = False  # flip each drawn image left-right with probability 1/2 (x-flip augmentation)
    # An image-to-image task made from the images on the fly (data/image/tasks.py): what a model that
    # learns one (pix2pix, unet-l1) is given for each image. None: the images themselves.
    task: str | None = None
    mask: str = "rectangles"  # inpaint: centre | rectangles | strokes (DeepFill v2's free-form)
    hole_fraction: float = 0.25  # inpaint: the share of each image in the hole
    factor: int = 4  # super-resolution: the downsampling factor (x2, x4)
    # Two unpaired domains (CycleGAN): two classes of the source, by name or index (data/image/domains.py).
    domain_a: str | None = None
    domain_b: str | None = None

    def subset_of(self, data):
        data = data if self.max_images is None else data.subset(self.max_images)
        if (self.domain_a is None) != (self.domain_b is None):
            raise ConfigError("two domains need both --domain-a and --domain-b")
        if self.domain_a is not None:
            if self.task is not None:
                raise ConfigError("--task makes pairs from one set of images; two domains (--domain-a, --domain-b) "
                                  "are unpaired: give one or the other")
            from .domains import TwoDomains

            return TwoDomains.of(data, self)
        if self.task is None:
            return data
        from .task_images import TaskImages

        return TaskImages.of(data, self)

    def whole(self) -> "ImageDataConfig":
        return dataclasses.replace(self, max_images=None)


@dataclass
class PhotoDataConfig(ImageDataConfig):
    RANGES: ClassVar[dict[str, Range]] = {"image_size": Range(4, 4096), "channels": Range(1, 3),
                                          "crop": Range(1, 2**16)}
    CHOICES: ClassVar[dict] = {"resize": ("center-crop", "stretch", "pad")}

    image_size: int | None = None  # square side in pixels (celeba: 64; folder: 64)
    channels: int | None = None  # 1 (grayscale) or 3 (RGB, the default for photos)
    crop: int | None = None  # centre square cut before resizing (celeba: 178, the usual face crop)
    resize: str = "center-crop"  # center-crop (shorter side to size, then the middle) | stretch | pad
    cache: bool = True  # False decodes every batch from the files (slower; for comparison)
    background: str = "white"  # white | black | #rrggbb under transparent pixels (in the cache key)


@dataclass
class CelebAConfig(PhotoDataConfig):
    name: str = "celeba"
    attributes: str = ""  # comma-separated attributes used as class labels, e.g. "Smiling,Male"


@dataclass
class FolderConfig(PhotoDataConfig):
    name: str = "folder"
    classes: bool = False  # first-level sub-folders (or a dataset.json) are the classes
