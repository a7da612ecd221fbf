"""Typed run configuration: dataclasses in, YAML out, unknown keys rejected with a suggestion.

A run is described by three sections:

    model:  {name: dcgan, ...options of that model family}
    data:   {name: fashion-mnist, dir: null, split: train, ...options of that source}
    train:  {steps: 2000, batch_size: 64, seed: 0, ...}

The model and data sections' classes are found by name in the registries a RunConfigReader is handed
(RUN_CONFIGS below is handed the model families' and data sources' configs), so this module knows no family
and no source, and nothing here imports torch: a config is read, and every choice checked, before
anything loads.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# The sections' classes live with their layers; they are re-exported here, where runs are read.
from ..core.config_fields import (ADAM_BETA, COUNT, NON_NEGATIVE, POSITIVE, SIZE, Range, check_choices,  # noqa: F401
                                  check_ranges, from_dict)
from ..data.config import DataConfig, translated
from ..data.image.config import ImageDataConfig
from ..core.errors import ConfigError
from ..data.sources import DATA_CONFIGS
from ..models.model_config import MODEL_CONFIGS, ModelConfig  # noqa: F401
from ..core.registry import Registry, closest
from .train_config import TrainConfig  # noqa: F401


@dataclass
class RunConfig:
    model: ModelConfig = field(default_factory=ModelConfig)
    data: DataConfig = field(default_factory=ImageDataConfig)
    train: TrainConfig = field(default_factory=TrainConfig)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), sort_keys=False)


def section_name(values, section: str, default: str) -> str:
    if not isinstance(values, dict):
        raise ConfigError(f"{section} must be a mapping, got {values!r}")
    name = values.get("name", default)
    if not isinstance(name, str):
        raise ConfigError(f"{section}.name must be text, got {name!r}")
    return name


class RunConfigReader:
    """Reads run configs whose model and data sections are the classes registered under their names:
    `model_configs` (model name -> config class) and `data_configs` (data source name -> config class)."""

    def __init__(self, model_configs: Registry[type[ModelConfig]], data_configs: Registry[type[DataConfig]]):
        self.model_configs = model_configs
        self.data_configs = data_configs

    def model_section(self, values) -> ModelConfig:
        values = {} if values is None else values
        cls = self.model_configs.get(section_name(values, "model", ModelConfig.name))
        return from_dict(cls, values, "model")

    def data_section(self, values) -> DataConfig:
        """The data section as its source's own class (data/<kind>/config.py), old flat keys translated."""
        values = {} if values is None else values
        cls = self.data_configs.get(section_name(values, "data", DataConfig.name))
        return from_dict(cls, translated(values, cls, self.option_owners()), "data")

    def option_owners(self) -> dict[str, list[str]]:
        """Data option -> the sources that take it, for messages."""
        owners: dict[str, list[str]] = {}
        for name in self.data_configs.names():
            for key in self.data_configs.get(name).__dataclass_fields__:
                owners.setdefault(key, []).append(name)
        return owners

    def read(self, values: dict | None, cross_checks: bool = True) -> RunConfig:
        """The typed config of `values`: unknown keys, wrong types, out-of-range numbers and unknown
        choices are one ConfigError naming the key. `cross_checks=False` skips the checks between
        keys (a config file's values on their own, before the command line's flags complete them)."""
        values = dict(values or {})
        sections = [f.name for f in dataclasses.fields(RunConfig)]
        for key in values:
            if key not in sections:
                raise ConfigError(f"unknown key {key}{closest(str(key), sections)}")
        model = self.model_section(values.get("model"))
        config = RunConfig(model=model, data=laid_out_for(model, self.data_section(values.get("data"))),
                           train=from_dict(TrainConfig, values.get("train"), "train"))
        if cross_checks:
            config.data.validate()
            config.train.validate()
        return config

    def load(self, path: str | Path) -> RunConfig:
        return self.read(read_yaml(path))


def laid_out_for(model: ModelConfig, data: DataConfig) -> DataConfig:
    """The data section with the layout the model reads (a language model a stream, seq2seq pairs),
    or one line when the source cannot serve it. A model that reads no text, or a source of another
    modality, is left to the train pipeline's modality check."""
    wanted = model.DATA_LAYOUT
    if wanted is None or not data.LAYOUTS:
        return data
    field = data.LAYOUT_FIELD
    if wanted not in data.LAYOUTS:
        raise ConfigError(f"model {model.name} reads {data.LAYOUT_WHAT} as {wanted}; dataset {data.name} gives "
                          f"{' or '.join(data.LAYOUTS)}" + (": use --pairs FILE, couplets or dialogue" if wanted == "pairs" else ""))
    if getattr(data, field) not in (wanted, getattr(type(data), field)):  # set by hand to another than the model reads
        raise ConfigError(f"data.{field} is {getattr(data, field)} but model {model.name} reads {wanted}; leave it out")
    return dataclasses.replace(data, **{field: wanted})


def merge(base: dict, overrides: dict) -> dict:
    """Deep-merge `overrides` into a copy of `base` (flags override the file)."""
    merged = dict(base)
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def read_yaml(path: str | Path) -> dict:
    path = Path(path)
    try:
        text = path.read_text()
    except OSError as error:
        raise ConfigError(f"cannot read config {path}: {error.strerror}") from None
    try:
        values = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ConfigError(f"{path} is not valid YAML: {str(error).splitlines()[0]}") from None
    if values is None:
        return {}
    if not isinstance(values, dict):
        raise ConfigError(f"{path} must hold a mapping of sections (model, data, train)")
    return values


# The reader of every run config: the families' and the sources' sections, found by name.
RUN_CONFIGS = RunConfigReader(MODEL_CONFIGS, DATA_CONFIGS)


def build_run_config(values: dict | None, cross_checks: bool = True) -> RunConfig:
    return RUN_CONFIGS.read(values, cross_checks)


def load_run_config(path) -> RunConfig:
    return RUN_CONFIGS.load(path)

