"""The text modality's callbacks in the training loop: a sample text at every checkpoint, and the
run's tokeniser and data record beside its checkpoints."""

from __future__ import annotations

from pathlib import Path

from ...core.callbacks import Callback
from ...core.storage import write_json_atomically
from .writers import write_texts

PREVIEW_TOKENS = 500


class SampleTexts(Callback):
    """RUN/samples/step-K.txt: two samples with the run's seed, at temperature 0.8."""

    def on_checkpoint(self, trainer) -> None:
        samples = trainer.model.sample(2, seed=trainer.config.train.seed, length=PREVIEW_TOKENS, temperature=0.8)
        write_texts(samples, self.path(trainer), "txt")

    @staticmethod
    def path(trainer) -> Path:
        return trainer.run.sample_grid_path(trainer.step).with_suffix(".txt")

    def files(self, trainer) -> dict[str, Path]:
        return {"samples": self.path(trainer)}


class RecordTextData(Callback):
    """RUN/tokenizer.json (the tokeniser, as the checkpoints hold it) and RUN/text-data.json (the files
    the text came from with their SHA-256, the split rule, the counts), written at the first checkpoint."""

    def on_checkpoint(self, trainer) -> None:
        root = trainer.run.root
        if not (root / "tokenizer.json").exists():
            write_json_atomically(root / "tokenizer.json", trainer.model.assets()["tokenizer"], "the tokeniser")
            write_json_atomically(root / "text-data.json", trainer.data.record, "the data record")

    def files(self, trainer) -> dict[str, Path]:
        return {"tokeniser": trainer.run.root / "tokenizer.json"}
