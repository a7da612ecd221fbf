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
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError
from .registry import closest


@dataclass
class ModelConfig:
    """Base of every model family's config. `name` selects the family in the model registry."""

    name: str = "dcgan"
    # Filled from the dataset when left empty, so one config trains at any resolution.
    image_size: int | None = None
    channels: int | None = None
    num_classes: int | None = None  # classes of the data, for conditional models


@dataclass
class DataConfig:
    name: str = "fashion-mnist"  # fashion-mnist | celeba | folder (see data/sources.py)
    dir: str | None = None  # defaults to $GENFORGE_DATA, then the source's own default
    split: str = "train"
    # Photos (celeba, folder): decoded once into a uint8 cache, then read from there.
    image_size: int | None = None  # square side in pixels (celeba: 64; folder: 64)
    channels: int | None = None  # 1 (grayscale) or 3 (RGB, the default for photos)
    crop: int | None = None  # centre square cut before resizing (celeba: 178, the usual face crop)
    resize: str = "center-crop"  # center-crop (shorter side to size, then the middle) | stretch | pad
    classes: bool = False  # folder: first-level sub-folders are the classes
    attributes: str = ""  # celeba: comma-separated attributes used as class labels, e.g. "Smiling,Male"
    cache: bool = True  # False decodes every batch from the files (slower; for comparison)
    max_images: int | None = None  # train on a fixed random subset of this many images (None: all)
    mirror: bool = False  # flip each drawn image left-right with probability 1/2 (x-flip augmentation)

    def validate(self) -> None:
        if self.max_images is not None and self.max_images <= 0:
            raise ConfigError(f"data.max_images must be positive, got {self.max_images}")


@dataclass
class TrainConfig:
    steps: int | None = 2000  # stop after this many optimisation steps...
    minutes: float | None = None  # ...or after this much wall time, whichever comes first
    batch_size: int = 64
    seed: int = 0
    device: str = "cpu"
    precision: str = "fp32"  # fp32 | bf16 | fp16 (autocast; fp16 adds a gradient scaler)
    channels_last: bool = False  # NHWC memory layout: faster convolutions on GPUs with tensor cores
    compile: str = ""  # torch.compile the trained networks with this backend ("inductor"); "" = off
    sync_batchnorm: bool = False  # torchrun on GPUs: BatchNorm statistics over the global batch
    lr_decay: str = "none"  # none | linear: every learning rate falls linearly to 0 at the end of the budget
    checkpoint_every: int = 250  # steps between checkpoints, sample grids and side-by-side images
    keep_checkpoints: int = 3
    log_every: int = 25  # steps between lines in metrics.jsonl
    grid_size: int = 64  # images in each fixed-noise sample grid
    eval_every: int | None = None  # steps between FID evaluations (logged; the best is kept as checkpoints/best)
    eval_samples: int = 5000  # generated images per evaluation during training
    eval_extractor: str = "fmnist"  # feature network for FID during training
    eval_reference: str = "test"  # dataset split FID during training compares with
    tensorboard: bool = False  # also log scalars and sample grids to RUN/tb
    guard: bool = True  # roll back to the last checkpoint on NaN/Inf, exploding gradients or collapse
    guard_max_grad_norm: float = 1e4
    guard_lr_factor: float = 0.5  # learning rates are multiplied by this at each rollback
    guard_max_rollbacks: int = 5

    def validate(self) -> None:
        if self.steps is None and self.minutes is None:
            raise ConfigError("train: set steps or minutes (or both)")
        positive = {"batch_size": self.batch_size, "checkpoint_every": self.checkpoint_every,
                    "keep_checkpoints": self.keep_checkpoints, "log_every": self.log_every,
                    "grid_size": self.grid_size}
        if self.steps is not None:
            positive["steps"] = self.steps
        if self.eval_every is not None:
            positive["eval_every"] = self.eval_every
            positive["eval_samples"] = self.eval_samples
        if self.minutes is not None:
            positive["minutes"] = self.minutes
        for key, value in positive.items():
            if value <= 0:
                raise ConfigError(f"train.{key} must be positive, got {value}")
        if self.lr_decay not in ("none", "linear"):
            raise ConfigError(f"train.lr_decay must be none or linear, got {self.lr_decay!r}")
        if self.precision not in ("fp32", "bf16", "fp16"):
            raise ConfigError(f"train.precision must be fp32, bf16 or fp16, got {self.precision!r}")
        if self.device not in ("cpu", "cuda") and not self.device.startswith("cuda:"):
            raise ConfigError(f"train.device must be cpu or cuda, got {self.device!r}")


@dataclass
class RunConfig:
    model: ModelConfig = field(default_factory=ModelConfig)
    data: DataConfig = field(default_factory=DataConfig)
    train: TrainConfig = field(default_factory=TrainConfig)

    def to_dict(self) -> dict:
        return dataclasses.asdict(self)

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), sort_keys=False)


def _coerce(value: Any, annotation: Any, where: str) -> Any:
    """Check `value` against a (simple) type annotation, converting ints to floats and lists to tuples."""
    origin = typing.get_origin(annotation)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(annotation)
        if value is None and type(None) in options:
            return None
        errors = []
        for option in options:
            if option is type(None):
                continue
            try:
                return _coerce(value, option, where)
            except ConfigError as error:
                errors.append(error)
        raise errors[0]
    if origin is tuple:
        item_types = typing.get_args(annotation)
        if not isinstance(value, (list, tuple)) or len(value) != len(item_types):
            raise ConfigError(f"{where} must be a list of {len(item_types)} values, got {value!r}")
        return tuple(_coerce(v, t, f"{where}[{i}]") for i, (v, t) in enumerate(zip(value, item_types)))
    if annotation is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    if annotation in (int, float, str, bool):
        if type(value) is not annotation:
            raise ConfigError(f"{where} must be {annotation.__name__}, got {value!r}")
        return value
    raise TypeError(f"config field {where} has an unsupported annotation {annotation!r}")


def from_dict(cls: type, values: dict | None, where: str) -> Any:
    """Build dataclass `cls` from a dict, rejecting unknown keys and wrong types."""
    values = values or {}
    if not isinstance(values, dict):
        raise ConfigError(f"{where} must be a mapping, got {values!r}")
    hints = typing.get_type_hints(cls)
    names = [f.name for f in dataclasses.fields(cls)]
    for key in values:
        if key not in names:
            raise ConfigError(f"unknown key {where}.{key}{closest(str(key), names)}")
    kwargs = {key: _coerce(value, hints[key], f"{where}.{key}") for key, value in values.items()}
    return cls(**kwargs)


def model_config_class(name: str) -> type:
    from .models import MODELS  # imported here: models import this module

    return MODELS.get(name).config_class


def build_run_config(values: dict | None) -> RunConfig:
    values = dict(values or {})
    sections = [f.name for f in dataclasses.fields(RunConfig)]
    for key in values:
        if key not in sections:
            raise ConfigError(f"unknown key {key}{closest(str(key), sections)}")
    model_values = dict(values.get("model") or {})
    name = model_values.get("name", ModelConfig.name)
    config = RunConfig(
        model=from_dict(model_config_class(name), model_values, "model"),
        data=from_dict(DataConfig, values.get("data"), "data"),
        train=from_dict(TrainConfig, values.get("train"), "train"),
    )
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
