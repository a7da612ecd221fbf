"""The held-out NLL of a music model, computed as the literature does: the total NLL of the split's
predicted units divided by their number (Bai et al. 2018's `evaluate`: the Bernoulli NLL summed over
the 88 keys and over frames 1..T-1 of every chorale, divided by the frames; melodies: the NLL of
every event of every window, divided by the events)."""

from __future__ import annotations

import math

import torch

from ...core import Metric
from ...data import load_split, validation_split
from ...models.base import evaluating


def predicted_units(batch) -> int:
    """Frames 1..T-1 of each piece (a piano roll), or every event of each window (a melody)."""
    if batch.lengths is not None:
        return int((batch.lengths - 1).clamp(min=0).sum())
    return int(batch.x.numel())


@torch.no_grad()
def held_out_nll(model, held_out, batch_size: int = 16) -> dict:
    """{"nll": nats per unit, "units": how many, "items": pieces or windows}."""
    total, units = 0.0, 0
    with evaluating(model):
        for index in torch.arange(len(held_out)).split(batch_size):
            batch = held_out.take(index).to(model.device)
            total -= float(model.log_likelihood(batch).double().sum())
            units += predicted_units(batch)
    return {"nll": total / max(1, units), "units": units, "items": len(held_out)}


class MusicValidationLoss:
    """The NLL of the whole validation split at each checkpoint, per unit of its spec (nats/frame, nats/event)."""

    def __init__(self, data, limit: int = 512):
        held_out = load_split(data, validation_split(data))
        self.metric = Metric("val_loss", higher_is_better=False, unit=held_out.spec.loss_unit)
        chosen = torch.randperm(len(held_out), generator=torch.Generator().manual_seed(0))[:limit]
        self.held_out = Subset(held_out, chosen)

    def __call__(self, model) -> float:
        value = held_out_nll(model, self.held_out)["nll"]
        return value if math.isfinite(value) else float("inf")


class Subset:
    def __init__(self, data, index: torch.Tensor):
        self.data, self.index = data, index

    def __len__(self) -> int:
        return len(self.index)

    def take(self, index: torch.Tensor):
        return self.data.take(self.index[index])
