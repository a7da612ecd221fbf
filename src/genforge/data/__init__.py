"""Data sources behind one interface: `load_dataset(DataConfig) -> ImageSet` (uint8 images)."""

import dataclasses

from ..config import DataConfig
from .image_set import BatchSchedule, ImageSet
from .sources import DATASETS
from . import celeba, fashion_mnist, image_folder  # noqa: F401  (register the sources)


def load_dataset(config: DataConfig) -> ImageSet:
    images = DATASETS.get(config.name)(config)
    return images.subset(config.max_images) if config.max_images is not None else images


def load_split(config: DataConfig, split: str) -> ImageSet:
    """The same source as `config`, another split (e.g. the test images of a run's dataset), whole:
    `max_images` limits what a run trains on, not what it is compared with."""
    return load_dataset(dataclasses.replace(config, split=split, max_images=None))


# Sources whose only split is "train" (all their images): held-out tools fall back to it.
SINGLE_SPLIT_SOURCES = {"folder"}


def held_out_split(config: DataConfig) -> str:
    """The split to reconstruct, interpolate or compare with: test, unless the source has none."""
    return "train" if config.name in SINGLE_SPLIT_SOURCES else "test"


__all__ = ["held_out_split", "BatchSchedule", "DATASETS", "ImageSet", "load_dataset", "load_split"]
