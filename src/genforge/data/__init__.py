"""Data sources behind one interface: `load_dataset(DataConfig)` -> a dataset with `modality`, `spec`
and `take(indices) -> Batch` (image/: ImageSet; text/: TokenStream, TokenSequences, PairSet), one
package per kind of data. The sources' declarations and configs need no torch; a source's module
loads with its data."""

import dataclasses

from ..core.lazy import lazy_attributes
from .config import DataConfig
from .sources import DATA_CONFIGS, DATASETS, DataSource, data_config


def load_dataset(config: DataConfig):
    return config.subset_of(DATASETS.get(config.name).load(config))


def load_split(config: DataConfig, split: str):
    """The same source as `config`, another split (e.g. the test images of a run's dataset), whole:
    a limit on what a run trains on (`max_images`) is not a limit on what it is compared with."""
    return load_dataset(dataclasses.replace(config.whole(), split=split))


def held_out_split(config: DataConfig) -> str:
    """The split to reconstruct, interpolate or compare with: the source's held-out split, else its
    training images (an image folder has no other)."""
    return DATASETS.get(config.name).held_out_split()


def validation_split(config: DataConfig) -> str:
    """The split a run is validated on while it trains (text corpora: valid; the held-out one otherwise)."""
    return DATASETS.get(config.name).validation_split()


__all__ = ["held_out_split", "validation_split", "DATA_CONFIGS", "DATASETS", "DataSource", "data_config",
           "ImageSet", "load_dataset", "load_split"]

__getattr__ = lazy_attributes(__name__, {"ImageSet": ".image.image_set"})
