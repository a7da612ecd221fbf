"""Likelihood figures of a language model on held-out text: the exact negative log-likelihood of every
token of the split, scored in consecutive windows of the model's context (each token given at most
context - 1 before it), per token (and its perplexity, exp of that) and per character.

Per character is what compares models across tokenisers (Graves 2013; nanoGPT's shakespeare_char):
the total NLL divided by the characters the scored tokens spell, each example's end (<eos>) counted
as one character, as a line break would be."""

from __future__ import annotations

import math

import torch

from ..core import Batch
from ..data.text.tokenizers import EOS
from ..models.base import evaluating


@torch.no_grad()
def text_likelihood_report(model, data, limit: int | None = None, batch_size: int = 16) -> dict:
    """NLL of the first `limit` tokens of `data` (a TokenStream), all of them when None."""
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
    targets = ids[1:1 + count]
    characters = len(data.tokenizer.decode(targets.tolist())) + int((targets == EOS).sum())
    return {"tokens": count, "nll_nats_per_token": total / count, "perplexity": math.exp(total / count),
            "characters": characters, "nll_nats_per_character": total / characters,
            "bits_per_character": total / characters / math.log(2), "tokenizer": data.tokenizer.describe(),
            "context": data.sequence_length}
