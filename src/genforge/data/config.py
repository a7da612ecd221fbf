"""The data section of a run config (no torch: configs are read before anything loads)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..core.config_fields import Range


@dataclass
class DataConfig:
    RANGES: ClassVar[dict[str, Range]] = {"image_size": Range(4, 4096), "channels": Range(1, 3),
                                          "crop": Range(1, 2**16), "max_images": Range(1, 2**40),
                                          "sequence_length": Range(1, 2**16)}
    CHOICES: ClassVar[dict] = {"resize": ("center-crop", "stretch", "pad")}

    name: str = "fashion-mnist"  # fashion-mnist | celeba | folder | tinyshakespeare (see data/sources.py)
    dir: str | None = None  # defaults to $GENFORGE_DATA, then the source's own default
    split: str = "train"
    # Photos (celeba, folder): decoded once into a uint8 cache, then read from there.
    image_size: int | None = None  # square side in pixels (celeba: 64; folder: 64)
    channels: int | None = None  # 1 (grayscale) or 3 (RGB, the default for photos)
    crop: int | None = None  # centre square cut before resizing (celeba: 178, the usual face crop)
    resize: str = "center-crop"  # center-crop (shorter side to size, then the middle) | stretch | pad
    classes: bool = False  # folder: first-level sub-folders are the classes
    attributes: str = ""  # celeba: comma-separated attributes used as class labels, e.g. "Smiling,Male"
    cache: bool = True  # False decodes every batch from the files (slower; for comparison)
    max_images: int | None = None  # train on a fixed random subset of this many images (None: all)
    mirror: bool = False  # flip each drawn image left-right with probability 1/2 (x-flip augmentation)
    background: str = "white"  # photos: white | black | #rrggbb under transparent pixels (in the cache key)
    sequence_length: int = 256  # text: tokens each training sequence holds (the model's context)

    def validate(self) -> None:
        pass  # the ranges are checked as the section is read
