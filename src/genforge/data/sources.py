"""The registry of data sources. Each entry declares, before anything loads, what its data is
(`modality`), which splits it has (the held-out one the tools compare with) and which feature
network fits it for FID-like metrics, so commands decide from the declaration, not from its name."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Callable

from .config import DataConfig
from ..registry import Registry


@dataclass(frozen=True)
class DataSource:
    name: str
    load: Callable[[DataConfig], Any]  # -> a dataset: `modality`, `spec`, `take(indices) -> Batch`
    modality: str
    splits: tuple[str, ...]  # the first is what a run trains on by default
    held_out: str | None  # the split reconstructions, likelihoods and FID compare with; None: none of its own
    feature_network: str | None = None  # the shipped network that fits this data for FID during training
    config_class: type = DataConfig  # the data section's options for this source (data/config.py)

    @property
    def has_test_split(self) -> bool:
        return self.held_out is not None

    def held_out_split(self) -> str:
        """The split to reconstruct, interpolate or compare with: the held-out one, else the training images."""
        return self.held_out or self.splits[0]


DATASETS: Registry[DataSource] = Registry("dataset")


def register_source(name: str, modality: str, splits: tuple[str, ...], held_out: str | None,
                    feature_network: str | None = None, config: type = DataConfig) -> Callable:
    """Decorator: register a loader function as the data source `name`, with its config class."""

    def add(load: Callable) -> Callable:
        DATASETS.register(name)(DataSource(name, load, modality, splits, held_out, feature_network, config))
        return load

    return add


def data_config(name: str = "fashion-mnist", **values) -> DataConfig:
    """The data config of source `name` (its own class) with `values`."""
    return DATASETS.get(name).config_class(name=name, **values)


def option_owners() -> dict[str, list[str]]:
    """Data option -> the sources that take it, for messages."""
    owners: dict[str, list[str]] = {}
    for name in DATASETS.names():
        for key in DATASETS.get(name).config_class.__dataclass_fields__:
            owners.setdefault(key, []).append(name)
    return owners
