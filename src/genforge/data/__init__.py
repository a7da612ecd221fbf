"""Data sources behind one interface: `load_dataset(DataConfig) -> ImageSet` (uint8 images)."""

import dataclasses

from ..config import DataConfig
from .image_set import BatchSchedule, ImageSet
from .sources import DATASETS
from . import celeba, fashion_mnist, image_folder  # noqa: F401  (register the sources)


def load_dataset(config: DataConfig) -> ImageSet:
    return DATASETS.get(config.name)(config)


def load_split(config: DataConfig, split: str) -> ImageSet:
    """The same source as `config`, another split (e.g. the test images of a run's dataset)."""
    return load_dataset(dataclasses.replace(config, split=split))


__all__ = ["BatchSchedule", "DATASETS", "ImageSet", "load_dataset", "load_split"]
