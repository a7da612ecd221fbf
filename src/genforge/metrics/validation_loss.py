"""Validation loss during training: the model's own loss (GenerativeModel.validation_loss: a language
model's mean cross-entropy) on a fixed set of items of the held-out split, in the unit the data's spec
declares (nats per token for text; per frame for polyphonic music): nanoGPT's estimate_loss, with
the items fixed by a seed so that every evaluation of a run scores the same data."""

from __future__ import annotations

import torch

from ..data.config import DataConfig
from ..core import Metric
from ..data import load_split, validation_split
from ..models.base import evaluating

class ValidationLoss:
    def __init__(self, data: DataConfig, windows: int = 256, batch_size: int = 32, seed: int = 0):
        held_out = load_split(data, validation_split(data))
        self.metric = Metric("val_loss", higher_is_better=False, unit=held_out.spec.loss_unit)
        chosen = torch.randperm(len(held_out), generator=torch.Generator().manual_seed(seed))[:windows]
        self.batches = [held_out.take(part) for part in chosen.split(batch_size)]

    @torch.no_grad()
    def __call__(self, model) -> float:
        with evaluating(model):
            losses = [float(model.validation_loss(batch.to(model.device))) * len(batch) for batch in self.batches]
        return sum(losses) / sum(len(batch) for batch in self.batches)


def validation_loss(config) -> ValidationLoss:
    """The measure for a run of `config` (metrics/handlers.py): its held-out windows, chosen with its seed."""
    return ValidationLoss(config.data, seed=config.train.seed)
