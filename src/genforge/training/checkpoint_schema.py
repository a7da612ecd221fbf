"""The schema of a checkpoint's state.json, checked whenever one is read.

A state.json edited by hand, cut short or written by another program must be one line naming the
field that is wrong, never a KeyError or a TypeError from deep inside a resume.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any, Callable

from ..core.errors import RunError


class CorruptCheckpoint(RunError):
    """A checkpoint whose files cannot be read, whose state does not have the schema's shape, or whose
    tensors do not fit the model its run's config builds. `advice` says what to do when no older
    checkpoint can be used instead (it is left out of the warning when one can)."""

    def __init__(self, problem: str, advice: str = ""):
        super().__init__(f"{problem}; {advice}" if advice else problem)
        self.problem = problem
        self.advice = advice


def _whole(minimum: int) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if type(value) is not int or value < minimum:
            return f"a whole number >= {minimum}"
        return None
    return check


def _number(minimum: float, strictly: bool = False) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if type(value) not in (int, float) or not math.isfinite(value) \
                or value < minimum or (strictly and value == minimum):
            return f"a finite number {'>' if strictly else '>='} {minimum:g}"
        return None
    return check


def _mapping(values: Callable[[Any], str | None] | None = None) -> Callable[[Any], str | None]:
    def check(value: Any) -> str | None:
        if not isinstance(value, dict):
            return "a JSON object"
        if values is not None:
            for key, item in value.items():
                problem = values(item)
                if problem:
                    return f"a JSON object whose values are each {problem} ({key!r} is not)"
        return None
    return check


def _text(value: Any) -> str | None:
    return None if isinstance(value, str) else "a string"


def _finite(value: Any) -> bool:
    return type(value) in (int, float) and math.isfinite(value)


def _group_problem(group: Any) -> bool:
    """A parameter group whose hyperparameters the optimiser would fail on mid-training."""
    if not isinstance(group, dict) or not isinstance(group.get("params", []), list):
        return True
    if any(key in group and not _finite(group[key]) for key in ("lr", "eps", "weight_decay")):
        return True
    betas = group.get("betas", (0.0, 0.0))
    return not (isinstance(betas, (list, tuple)) and len(betas) == 2 and all(_finite(beta) for beta in betas))


def _optimizer(value: Any) -> str | None:
    if not isinstance(value, dict) or not isinstance(value.get("param_groups"), list) \
            or any(_group_problem(group) for group in value["param_groups"]) \
            or not isinstance(value.get("scalars"), dict) \
            or not all(isinstance(entry, dict) for entry in value["scalars"].values()):
        return "an optimiser state ({param_groups: [{lr, betas, ...}], scalars: {...}})"
    return None


def _rng(value: Any) -> str | None:
    if not isinstance(value, dict) or not isinstance(value.get("torch_cpu"), str) \
            or not all(isinstance(item, str) for item in value.values()):
        return "RNG states ({torch_cpu: base64 text, ...})"
    return None


REQUIRED: dict[str, Callable[[Any], str | None]] = {
    "format": _text,
    "step": _whole(0),
    "seconds": _number(0),
    "config": _mapping(),
    "rng": _rng,
    "optimizers": _mapping(_optimizer),
}
OPTIONAL: dict[str, Callable[[Any], str | None]] = {
    "lr_scale": _number(0, strictly=True),
    "rollbacks": _whole(0),
    "grad_scalers": _mapping(_mapping()),
    "processes": _whole(1),
    "best": _mapping(_number(-math.inf)),
    "assets": _mapping(_mapping()),
}


def check_state(state: Any, path: Path, expected_format: str) -> None:
    """CorruptCheckpoint naming the first field of `state` that is missing or of the wrong type."""
    where = f"checkpoint {path}: state.json"
    if not isinstance(state, dict):
        raise CorruptCheckpoint(f"{where} must hold a JSON object, not {type(state).__name__}")
    if state.get("format") != expected_format:
        raise CorruptCheckpoint(f"{where} has format {state.get('format')!r}, expected {expected_format!r}")
    for key in REQUIRED:
        if key not in state:
            raise CorruptCheckpoint(f"{where} lacks the field {key!r}")
    for key, check in (*REQUIRED.items(), *OPTIONAL.items()):
        if key in state:
            problem = check(state[key])
            if problem:
                raise CorruptCheckpoint(f"{where} field {key!r} must be {problem}, got {_short(state[key])}")


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."
