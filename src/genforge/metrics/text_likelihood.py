"""Likelihood figures of a language model on held-out text: the exact negative log-likelihood of
every character of the split, scored in consecutive windows of the model's context (each
character given at most context - 1 before it), in nats and bits per character."""

from __future__ import annotations

import math

import torch

from ..core import Batch
from ..models.base import evaluating


@torch.no_grad()
def text_likelihood_report(model, data, limit: int | None = None, batch_size: int = 16) -> dict:
    """NLL of the first `limit` characters of `data` (a TokenStream), all of them when None."""
    ids = data.ids[:limit] if limit else data.ids
    window = data.sequence_length + 1
    starts = torch.arange(0, len(ids) - window + 1, window - 1)  # windows overlap by one: every target once
    total, count = 0.0, 0
    with evaluating(model):
        for chunk in starts.split(batch_size):
            batch = Batch(x=ids[chunk.unsqueeze(1) + torch.arange(window)].to(model.device))
            predicted = batch.x.shape[0] * (window - 1)
            total += float(model.nats_per_token(batch)) * predicted
            count += predicted
    nats = total / count
    return {"characters": count, "nll_nats_per_character": nats, "bits_per_character": nats / math.log(2),
            "context": data.sequence_length}
