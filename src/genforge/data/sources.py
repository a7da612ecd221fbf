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

    @property
    def has_test_split(self) -> bool:
        return self.held_out is not None

    def held_out_split(self) -> str:
        """The split to reconstruct, interpolate or compare with: the held-out one, else the training images."""
        return self.held_out or self.splits[0]


DATASETS: Registry[DataSource] = Registry("dataset")


def register_source(name: str, modality: str, splits: tuple[str, ...], held_out: str | None,
                    feature_network: str | None = None) -> Callable:
    """Decorator: register a loader function as the data source `name`."""

    def add(load: Callable) -> Callable:
        DATASETS.register(name)(DataSource(name, load, modality, splits, held_out, feature_network))
        return load

    return add
