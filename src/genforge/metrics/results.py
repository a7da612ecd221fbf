"""What an evaluation returns, whatever the modality: the figures, notes on them, and the record."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class EvalResult:
    values: dict[str, float]
    notes: list[str]
    record: dict = field(default_factory=dict)  # everything eval.json holds, with its `modality` and `kind`
