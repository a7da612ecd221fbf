"""The text modality's callback in the training loop: a sample text at every checkpoint."""

from __future__ import annotations

from pathlib import Path

from ...core.callbacks import Callback
from .writers import write_texts

PREVIEW_CHARACTERS = 500


class SampleTexts(Callback):
    """RUN/samples/step-K.txt: two continuations of a newline, with the run's seed, at temperature 0.8."""

    def on_checkpoint(self, trainer) -> None:
        samples = trainer.model.sample(2, seed=trainer.config.train.seed, length=PREVIEW_CHARACTERS, temperature=0.8)
        write_texts(samples, self.path(trainer), "txt")

    @staticmethod
    def path(trainer) -> Path:
        return trainer.run.sample_grid_path(trainer.step).with_suffix(".txt")

    def files(self, trainer) -> dict[str, Path]:
        return {"samples": self.path(trainer)}
