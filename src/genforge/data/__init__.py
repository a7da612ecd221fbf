"""Data sources behind one interface: `load_dataset(DataConfig) -> ImageSet` (uint8 images)."""

import dataclasses

from ..config import DataConfig
from .image_set import BatchSchedule, ImageSet
from .sources import DATASETS, DataSource
from . import celeba, fashion_mnist, image_folder  # noqa: F401  (register the sources)


def load_dataset(config: DataConfig) -> ImageSet:
    images = DATASETS.get(config.name).load(config)
    return images.subset(config.max_images) if config.max_images is not None else images


def load_split(config: DataConfig, split: str) -> ImageSet:
    """The same source as `config`, another split (e.g. the test images of a run's dataset), whole:
    `max_images` limits what a run trains on, not what it is compared with."""
    return load_dataset(dataclasses.replace(config, split=split, max_images=None))


def held_out_split(config: DataConfig) -> str:
    """The split to reconstruct, interpolate or compare with: the source's held-out split, else its
    training images (an image folder has no other)."""
    return DATASETS.get(config.name).held_out_split()


__all__ = ["held_out_split", "BatchSchedule", "DATASETS", "DataSource", "ImageSet", "load_dataset", "load_split"]
