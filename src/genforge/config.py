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
import math
import types
import typing
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar

import yaml

from .errors import ConfigError
from .registry import closest


@dataclass(frozen=True)
class Range:
    """The values a number in a config may take: [low, high], an end left out when `low_open` or
    `high_open`."""

    low: float | None = None
    high: float | None = None
    low_open: bool = False
    high_open: bool = False

    def problem(self, value: float) -> str | None:
        too_low = self.low is not None and (value < self.low or (self.low_open and value == self.low))
        too_high = self.high is not None and (value > self.high or (self.high_open and value == self.high))
        if not (too_low or too_high):
            return None
        low, high = _plain(self.low), _plain(self.high)
        if self.low is not None and self.high is not None:
            return f"in {'(' if self.low_open else '['}{low}, {high}{')' if self.high_open else ']'}"
        if self.low is not None:
            return f"{'>' if self.low_open else '>='} {low}"
        return f"{'<' if self.high_open else '<='} {high}"


def _plain(number: float | None) -> str:
    """65536 rather than 65536.0 or 6.5536e+04: bounds read as they would be typed."""
    if number is None:
        return ""
    if float(number).is_integer() and abs(number) < 1e16:
        return str(int(number))
    return f"{number:g}"


POSITIVE = Range(0, None, low_open=True)  # learning rates, budgets in minutes
COUNT = Range(1, 2**31)  # layers, widths, steps between events: whole numbers from 1
SIZE = Range(1, 65536)  # widths and dimensions: at least 1, and never so large that memory goes first
NON_NEGATIVE = Range(0)  # loss weights
ADAM_BETA = Range(0, 1, high_open=True)  # each of Adam's betas: in [0, 1), as torch.optim.Adam requires


def check_ranges(config: Any, where: str) -> None:
    """Every field named in the class's (and its bases') RANGES lies in its range (each item of a tuple)."""
    ranges: dict[str, Range] = {}
    for cls in reversed(type(config).__mro__):
        ranges.update(getattr(cls, "RANGES", {}))
    for key, allowed in ranges.items():
        value = getattr(config, key)
        for item in value if isinstance(value, tuple) else (value,):
            if item is None:
                continue
            problem = allowed.problem(item)
            if problem:
                raise ConfigError(f"{where}.{key} must be {problem}, got {value!r}")


@dataclass
class ModelConfig:
    """Base of every model family's config. `name` selects the family in the model registry; what a
    family needs to know of its data (image size, vocabulary) it takes from the dataset's spec in
    `fitted_to` (models/latent_image.py: ImageModelConfig)."""

    name: str = "dcgan"

    def fitted_to(self, spec) -> "ModelConfig":
        """This config completed from the dataset's spec (core/spec.py), or refused when they disagree."""
        return self


@dataclass
class DataConfig:
    RANGES: ClassVar[dict[str, Range]] = {"image_size": Range(4, 4096), "channels": Range(1, 3),
                                          "crop": Range(1, 2**16), "max_images": Range(1, 2**40)}

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
    background: str = "white"  # photos: white | black | #rrggbb under transparent pixels (in the cache key)

    def validate(self) -> None:
        pass  # the ranges are checked as the section is read


@dataclass
class TrainConfig:
    RANGES: ClassVar[dict[str, Range]] = {
        "steps": Range(1, 10**12), "minutes": Range(0, 10**7, low_open=True), "batch_size": Range(1, 2**16),
        "seed": Range(-2**63, 2**64 - 1), "checkpoint_every": COUNT, "keep_checkpoints": Range(1, 1000),
        "log_every": COUNT, "grid_size": Range(1, 4096), "eval_every": COUNT, "eval_samples": Range(1, 10**7),
        "guard_max_grad_norm": POSITIVE, "guard_lr_factor": Range(0, 1, low_open=True),
        "guard_max_rollbacks": Range(0, 1000)}

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
        if abs(value) > 2**1023:
            raise ConfigError(f"{where} must be a finite number, got {value!r}")
        return float(value)
    if annotation is float and type(value) is float and not math.isfinite(value):
        raise ConfigError(f"{where} must be a finite number, got {value!r}")
    if annotation in (int, float, str, bool):
        if type(value) is not annotation:
            kind = {int: "a whole number", float: "a number", str: "text", bool: "true or false"}[annotation]
            raise ConfigError(f"{where} must be {kind}, got {value!r}")
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
    config = cls(**kwargs)
    check_ranges(config, where)
    return config


def model_config_class(name: str) -> type:
    from .models import MODELS  # imported here: models import this module

    return MODELS.get(name).config_class


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
        data=from_dict(DataConfig, values.get("data"), "data"),
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
