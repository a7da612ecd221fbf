"""Evaluation during training as a callback: every k steps a metric of the model is logged, and the
state is kept as checkpoints/best when it is the best so far, in the direction the metric declares."""

from __future__ import annotations

from typing import Callable

from ..core import Metric
from ..core.callbacks import Callback


class EvaluateEvery(Callback):
    def __init__(self, every: int, metric: Metric, measure: Callable[[object], float]):
        """`measure(model) -> value` of `metric` (FID of a fixed-seed sample; a validation loss)."""
        self.every, self.metric, self.measure = every, metric, measure
        self.best: float | None = None
        self.best_read = False  # checkpoints/best is read at the first evaluation, after any resume

    def after_step(self, trainer) -> None:
        if trainer.step % self.every:
            return
        if not self.best_read:
            self.best, self.best_read = trainer.best_so_far(), True
        value = self.measure(trainer.model)
        trainer.record({"step": trainer.step, "seconds": round(trainer.seconds, 3), self.metric.name: value})
        if self.metric.improves(value, self.best):
            self.best = value
            trainer.save_best({self.metric.name: value})
