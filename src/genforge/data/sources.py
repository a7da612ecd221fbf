"""The registry of data sources. Each entry declares, before anything loads, what its data is
(`modality`), which splits it has (the held-out one the tools compare with), which feature network
fits it for FID-like metrics, and its config class, so commands decide from the declaration, not from
its name. The declarations hold no torch: a source's loader module is imported when it loads."""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from .config import (CelebAConfig, CoupletsConfig, DataConfig, DialogueConfig, FolderConfig, FortunesConfig,
                     ImageDataConfig, PairsConfig, TangPoemsConfig, TextDataConfig, UserTextConfig)
from ..registry import Registry


@dataclass(frozen=True)
class DataSource:
    name: str
    modality: str
    splits: tuple[str, ...]  # the first is what a run trains on by default
    held_out: str | None  # the split reconstructions, likelihoods and FID compare with; None: none of its own
    loader: str  # "module:function" (relative to genforge.data) -> a dataset: `modality`, `spec`, `take(indices) -> Batch`
    config_class: type = DataConfig  # the data section's options for this source (data/config.py)
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


DATASETS: Registry[DataSource] = Registry("dataset")
DATA_CONFIGS: Registry[type[DataConfig]] = Registry("dataset")  # source name -> its config class


def register(source: DataSource) -> None:
    DATASETS.register(source.name)(source)
    DATA_CONFIGS.register(source.name)(source.config_class)


register(DataSource("fashion-mnist", "image", ("train", "test"), held_out="test",
                    loader=".fashion_mnist:load_fashion_mnist", config_class=ImageDataConfig, feature_network="fmnist"))
register(DataSource("celeba", "image", ("train", "valid", "test", "all"), held_out="test",
                    loader=".celeba:load_celeba", config_class=CelebAConfig))
register(DataSource("folder", "image", ("train",), held_out=None,
                    loader=".image_folder:load_image_folder", config_class=FolderConfig))
register(DataSource("tinyshakespeare", "text", ("train", "valid"), held_out="valid",
                    loader=".text.loaders:load_tinyshakespeare", config_class=TextDataConfig))
register(DataSource("fortunes", "text", ("train", "valid", "test"), held_out="test", validation="valid",
                    loader=".text.loaders:load_fortunes", config_class=FortunesConfig))
register(DataSource("tang-poems", "text", ("train", "valid", "test"), held_out="test", validation="valid",
                    loader=".text.loaders:load_tang_poems", config_class=TangPoemsConfig))
register(DataSource("text", "text", ("train", "valid", "test"), held_out="test", validation="valid",
                    loader=".text.loaders:load_user_text", config_class=UserTextConfig))
for name, config_class in (("pairs", PairsConfig), ("couplets", CoupletsConfig), ("dialogue", DialogueConfig)):
    register(DataSource(name, "text", ("train", "valid", "test"), held_out="test", validation="valid",
                        loader=f".text.loaders:load_{name}", config_class=config_class))


def data_config(name: str = "fashion-mnist", **values) -> DataConfig:
    """The data config of source `name` (its own class) with `values`."""
    return DATA_CONFIGS.get(name)(name=name, **values)

