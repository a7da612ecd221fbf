"""What the loop calls at fixed points so that it can stay ignorant of models and modalities.

The layers above build the callbacks from a run's config: a modality's previews and augmentation
(modalities/image: sample grids, x-flips, channels-last; modalities/text: sample text), and
evaluation during training (metrics/: FID; validation loss), and hand them to the Trainer through
`TrainingHooks`. The loop calls each hook in the order the list gives.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from .batch import Batch

if TYPE_CHECKING:
    from ..training.run_config import RunConfig
    from ..training.loop import Trainer


class Callback:
    def on_model(self, trainer: "Trainer") -> None:
        """After the model is built, before its optimisers are (a memory layout, say)."""

    def on_batch(self, trainer: "Trainer", batch: Batch) -> Batch:
        """The batch of `trainer.step`, on the device, before the model sees it (augmentation). It
        must be a pure function of (seed, step, batch), so a resumed run sees the same batches."""
        return batch

    def on_checkpoint(self, trainer: "Trainer") -> None:
        """After each checkpoint (previews of the samples)."""

    def after_step(self, trainer: "Trainer") -> None:
        """After every step, on rank 0 only (evaluation every k steps)."""

    def files(self, trainer: "Trainer") -> dict[str, Path]:
        """What it wrote that the user may want to open, by label (the train command lists them)."""
        return {}


@dataclass
class TrainingHooks:
    """What the layers above hand the loop: the unit its throughput counts and the callbacks,
    built from the run's config once it is fitted to the data."""

    unit: str = "item"  # metrics.jsonl logs f"{unit}s_per_second"
    units_in: Callable[[Batch], int] = len
    callbacks: Callable[["RunConfig", object], list[Callback]] = field(default=lambda config, data: [])
