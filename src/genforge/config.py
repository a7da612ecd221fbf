"""Typed run configuration: dataclasses in, YAML out, unknown keys rejected with a suggestion.

A run is described by three sections:

    model:  {name: dcgan, ...options of that model family}
    data:   {name: fashion-mnist, dir: null, split: train}
    train:  {steps: 2000, batch_size: 64, seed: 0, ...}

The model section's options come from the family's own config dataclass (models/<family>/config.py),
looked up by `name` in the model registry, so the loop never needs to know them.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path

import yaml

# The sections' classes live with their layers; they are re-exported here, where runs are read.
from .core.config_fields import (ADAM_BETA, COUNT, NON_NEGATIVE, POSITIVE, SIZE, Range, check_choices,  # noqa: F401
                                 check_ranges, from_dict)
from .data import DATASETS, option_owners
from .data.config import DataConfig, ImageDataConfig, translated
from .errors import ConfigError
from .models.model_config import ModelConfig
from .models.registry import MODELS
from .registry import closest
from .training.config import TrainConfig


@dataclass
class RunConfig:
    model: ModelConfig = field(default_factory=ModelConfig)
    data: DataConfig = field(default_factory=ImageDataConfig)
    train: TrainConfig = field(default_factory=TrainConfig)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), sort_keys=False)


def model_config_class(name: str) -> type:
    return MODELS.get(name).config_class


def data_section(values) -> DataConfig:
    """The data section as its source's own config class (data/config.py), old flat keys translated."""
    if values is None:
        values = {}
    if not isinstance(values, dict):
        raise ConfigError(f"data must be a mapping, got {values!r}")
    name = values.get("name", DataConfig.name)
    if not isinstance(name, str):
        raise ConfigError(f"data.name must be text, got {name!r}")
    cls = DATASETS.get(name).config_class
    return from_dict(cls, translated(values, cls, option_owners()), "data")


def build_run_config(values: dict | None, cross_checks: bool = True) -> RunConfig:
    """The typed config of `values`: unknown keys, wrong types and out-of-range numbers are one
    ConfigError naming the key. `cross_checks=False` skips the checks between keys (a config
    file's values on their own, before the command line's flags complete them)."""
    values = dict(values or {})
    sections = [f.name for f in dataclasses.fields(RunConfig)]
    for key in values:
        if key not in sections:
            raise ConfigError(f"unknown key {key}{closest(str(key), sections)}")
    model_values = values.get("model") or {}
    if not isinstance(model_values, dict):
        raise ConfigError(f"model must be a mapping, got {model_values!r}")
    name = model_values.get("name", ModelConfig.name)
    if not isinstance(name, str):
        raise ConfigError(f"model.name must be text, got {name!r}")
    config = RunConfig(
        model=from_dict(model_config_class(name), model_values, "model"),
        data=data_section(values.get("data")),
        train=from_dict(TrainConfig, values.get("train"), "train"),
    )
    if cross_checks:
        config.data.validate()
        config.train.validate()
    return config


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


def load_run_config(path: str | Path) -> RunConfig:
    return build_run_config(read_yaml(path))
