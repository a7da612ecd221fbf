"""The text modality's entry in core.MODALITIES."""

from __future__ import annotations

from ...core import MODALITIES, Batch, Modality
from .training import RecordTextData, SampleTexts
from .writers import FORMATS, write_texts


class TextModality(Modality):
    name = "text"
    unit = "token"
    formats = FORMATS
    feature_metrics = False  # text is scored by its likelihood (genforge nll)
    training_metric = "val-loss"
    evaluate_by_default = True  # cheap: every checkpoint logs the validation loss

    def write(self, samples, path, fmt: str) -> None:
        write_texts(samples, path, fmt)

    def units_in(self, batch: Batch) -> int:
        """Tokens predicted: each window of T + 1 ids trains on T next-token predictions; padded
        sequences and pairs' targets count their tokens after <bos> (<pad> is 0)."""
        if batch.x is None:  # (source, target) pairs: the targets are what is predicted
            return int((batch.target[:, 1:] != 0).sum())
        if batch.mask is not None:  # padded sequences
            return int(batch.mask[:, 1:].sum())
        return batch.x.shape[0] * (batch.x.shape[1] - 1)

    def training_callbacks(self, config, data) -> list:
        return [SampleTexts(), RecordTextData()]


MODALITIES.register("text")(TextModality())
