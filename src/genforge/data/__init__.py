"""Data sources behind one interface: `load_dataset(DataConfig) -> ImageSet` (uint8, in memory)."""

from ..config import DataConfig
from .image_set import BatchSchedule, ImageSet
from .sources import DATASETS
from . import fashion_mnist  # noqa: F401  (registers the source)


def load_dataset(config: DataConfig) -> ImageSet:
    return DATASETS.get(config.name)(config)


__all__ = ["BatchSchedule", "DATASETS", "ImageSet", "load_dataset"]
