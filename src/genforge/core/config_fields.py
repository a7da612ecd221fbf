"""How every config section is read: dataclass fields with declared numeric ranges and fixed sets of
choices, built from a YAML mapping with unknown keys, wrong types, out-of-range numbers and
unknown choices refused in one line that names the key (and the nearest valid name). No torch:
configs are checked before anything loads."""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from dataclasses import dataclass
from typing import Any, Iterable

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


def check_choices(config: Any, where: str) -> None:
    """Every field named in the class's (and its bases') CHOICES is one of its names. Where the names
    are a registry's that holds networks or losses (torch), the config lists them itself, so that a
    config is checked without importing torch; tests check that the two lists agree."""
    choices: dict[str, Iterable[str]] = {}
    for cls in reversed(type(config).__mro__):
        choices.update(getattr(cls, "CHOICES", {}))
    for key, allowed in choices.items():
        value = getattr(config, key)
        if value is None:
            continue
        names = list(allowed)
        if value not in names:
            listed = ", ".join(map(str, names[:-1])) + f" or {names[-1]}" if len(names) > 1 else str(names[0])
            raise ConfigError(f"{where}.{key} must be {listed}, got {value!r}"
                              f"{closest(str(value), [str(name) for name in names])}")


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
    check_choices(config, where)
    return config


