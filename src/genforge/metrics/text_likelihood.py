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
from ..data.text.tokenizers import EOS, PAD
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


@torch.no_grad()
def pair_likelihood_report(model, data, batch_size: int = 32) -> dict:
    """NLL of every target token of `data` (a PairSet) given its source and the target before it
    (teacher forcing, no label smoothing), per token, per character (each target's end counted once)."""
    total, tokens = 0.0, 0
    with evaluating(model):
        for start in range(0, len(data), batch_size):
            batch = data.take(torch.arange(start, min(start + batch_size, len(data)))).to(model.device)
            loss, count = model.token_losses(batch)
            total += float(loss) * int(count)
            tokens += int(count)
    characters = sum(len(target) + 1 for _, target in data.pairs)
    return {"pairs": len(data), "tokens": tokens, "nll_nats_per_token": total / tokens,
            "perplexity": math.exp(total / tokens), "characters": characters,
            "nll_nats_per_character": total / characters, "bits_per_character": total / characters / math.log(2),
            "tokenizer": data.tokenizer.describe(), "context": data.sequence_length}


@torch.no_grad()
def sequence_likelihood_report(model, data, batch_size: int = 32) -> dict:
    """The exact NLL of the held-out sentences of `data` (a TokenSequences) under a model that is a
    language model of whole sentences (the text GAN's generator): every token after <bos>, <eos>
    included, <pad> not."""
    total, tokens = 0.0, 0
    with evaluating(model):
        for start in range(0, len(data), batch_size):
            batch = data.take(torch.arange(start, min(start + batch_size, len(data)))).to(model.device)
            count = int((batch.x[:, 1:] != PAD).sum())
            total += float(model.nats_per_token(batch)) * count
            tokens += count
    characters = sum(len(example) + 1 for example in data.examples)
    return {"sentences": len(data), "tokens": tokens, "nll_nats_per_token": total / tokens,
            "perplexity": math.exp(total / tokens), "characters": characters,
            "nll_nats_per_character": total / characters, "bits_per_character": total / characters / math.log(2),
            "tokenizer": data.tokenizer.describe(), "context": data.sequence_length}
