"""A named figure that says which way is better, so the loop can keep the best checkpoint of any metric."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Metric:
    name: str  # as logged in metrics.jsonl, e.g. "fid_fmnist" or "val_loss"
    higher_is_better: bool = False
    unit: str = ""  # for tables and reports, e.g. "nats/char"

    def improves(self, value: float, best: float | None) -> bool:
        """Whether `value` beats `best` (None: nothing yet)."""
        if best is None:
            return True
        return value > best if self.higher_is_better else value < best
