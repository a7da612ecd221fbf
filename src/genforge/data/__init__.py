"""Data sources behind one interface: `load_dataset(DataConfig)` -> a dataset with `modality`, `spec`
and `take(indices) -> Batch` (ImageSet for images, TokenStream for text). The sources' declarations
and configs need no torch; a source's module loads with its data."""

import dataclasses

from ..lazy import lazy_attributes
from .config import DataConfig, ImageDataConfig
from .sources import DATA_CONFIGS, DATASETS, DataSource, data_config


def load_dataset(config: DataConfig):
    data = DATASETS.get(config.name).load(config)
    if isinstance(config, ImageDataConfig) and config.max_images is not None:
        return data.subset(config.max_images)
    return data


def load_split(config: DataConfig, split: str):
    """The same source as `config`, another split (e.g. the test images of a run's dataset), whole:
    `max_images` limits what a run trains on, not what it is compared with."""
    whole = {"max_images": None} if isinstance(config, ImageDataConfig) else {}
    return load_dataset(dataclasses.replace(config, split=split, **whole))


def held_out_split(config: DataConfig) -> str:
    """The split to reconstruct, interpolate or compare with: the source's held-out split, else its
    training images (an image folder has no other)."""
    return DATASETS.get(config.name).held_out_split()


def validation_split(config: DataConfig) -> str:
    """The split a run is validated on while it trains (text corpora: valid; the held-out one otherwise)."""
    return DATASETS.get(config.name).validation_split()


__all__ = ["held_out_split", "validation_split", "BatchSchedule", "DATA_CONFIGS", "DATASETS", "DataSource", "data_config",
           "ImageSet", "load_dataset", "load_split"]

__getattr__ = lazy_attributes(__name__, {"BatchSchedule": ".image_set", "ImageSet": ".image_set"})
