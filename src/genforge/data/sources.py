"""The registry of data sources. Each entry declares, before anything loads, what its data is
(`modality`), which splits it has (the held-out one the tools compare with), which feature network
fits it for FID-like metrics, and its config class, so commands decide from the declaration, not from
its name. The declarations hold no torch: a source's loader module is imported when it loads.

Each kind of data registers its sources in its own package (data/<kind>/sources.py, found here on
the first lookup); a source from outside the package registers through `register` the same way.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from .config import DataConfig
from ..core.registry import Registry, import_subpackages


@dataclass(frozen=True)
class DataSource:
    name: str
    modality: str
    splits: tuple[str, ...]  # the first is what a run trains on by default
    held_out: str | None  # the split reconstructions, likelihoods and FID compare with; None: none of its own
    # "module:function" -> a dataset: `modality`, `spec`, `take(indices) -> Batch`; the module relative to
    # genforge.data (".image.celeba") or absolute (a source registered from outside the package)
    loader: str
    config_class: type = DataConfig  # the data section's options for this source (data/<kind>/config.py)
    feature_network: str | None = None  # the shipped network that fits this data for FID during training
    validation: str | None = None  # the split a run is validated on while it trains; None: the held-out one

    @property
    def has_test_split(self) -> bool:
        return self.held_out is not None

    def held_out_split(self) -> str:
        """The split to reconstruct, interpolate or compare with: the held-out one, else the training images."""
        return self.held_out or self.splits[0]

    def validation_split(self) -> str:
        return self.validation or self.held_out_split()

    def load(self, config: DataConfig):
        module, _, function = self.loader.partition(":")
        return getattr(importlib.import_module(module, __package__), function)(config)


def import_source_packages() -> None:
    """Every sub-package of genforge.data is a kind of data whose sources.py registers its sources."""
    import_subpackages(__package__, "sources")


DATASETS: Registry[DataSource] = Registry("dataset", populate=import_source_packages)
DATA_CONFIGS: Registry[type[DataConfig]] = Registry("dataset", populate=import_source_packages)  # name -> config class


def register(source: DataSource) -> None:
    DATASETS.register(source.name)(source)
    DATA_CONFIGS.register(source.name)(source.config_class)


def data_config(name: str = DataConfig.name, **values) -> DataConfig:
    """The data config of source `name` (its own class) with `values`."""
    return DATA_CONFIGS.get(name)(name=name, **values)
