"""Likelihood figures of a language model on held-out text: the exact negative log-likelihood of every
token of the split, scored in consecutive windows of the model's context (each token given at most
context - 1 before it), per token (and its perplexity, exp of that) and per character.

Per character is what compares models across tokenisers (Graves 2013; nanoGPT's shakespeare_char):
the total NLL divided by the characters the scored tokens spell, each example's end (<eos>) counted
as one character, as a line break would be."""

from __future__ import annotations

import math

import torch

from ...core import Batch
from ...data.text.tokenizers import EOS, PAD
from ...core.errors import GenforgeError
from ...models.base import evaluating


def nll_figures(total: float, tokens: int, characters: int, data) -> dict:
    """A summed NLL per token (and its perplexity) and per character, with the tokenisation it is on."""
    return {"tokens": tokens, "nll_nats_per_token": total / tokens, "perplexity": math.exp(total / tokens),
            "characters": characters, "nll_nats_per_character": total / characters,
            "bits_per_character": total / characters / math.log(2), "tokenizer": data.tokenizer.describe(),
            "context": data.sequence_length}


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
    return nll_figures(total, count, characters, data)


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
    characters = sum(data.target_characters)  # of the scored tokens: a target cut to the context counts its kept part
    return {"pairs": len(data), **nll_figures(total, tokens, characters, data)}


@torch.no_grad()
def sequence_likelihood_report(model, data, limit: int | None = None, batch_size: int = 32) -> dict:
    """The exact NLL of the held-out sentences of `data` (a TokenSequences) under a model that is a
    language model of whole sentences (the text GAN's generator): every token after <bos>, <eos>
    included, <pad> not. The first `limit` sentences, all of them when None."""
    count = min(limit or len(data), len(data))
    total, tokens = 0.0, 0
    with evaluating(model):
        for start in range(0, count, batch_size):
            batch = data.take(torch.arange(start, min(start + batch_size, count))).to(model.device)
            scored = int((batch.x[:, 1:] != PAD).sum())
            total += float(model.nats_per_token(batch)) * scored
            tokens += scored
    characters = sum(data.characters[:count])  # of the scored tokens: a cut example counts its kept part
    return {"sentences": count, "nll_nats_per_sentence": total / count, **nll_figures(total, tokens, characters, data)}


@torch.no_grad()
def example_likelihood_report(model, data, limit: int | None = None, batch_size: int = 32) -> dict:
    """A stream language model's NLL of each of the first `limit` examples of `data` (a TokenSequences) on
    its own: its kept tokens and its <eos> given the <eos> before it (where the stream's examples start).
    Per sentence this is what a sentence VAE's bound on the same sequences compares with (He et al. 2019,
    Table 2: an LSTM LM's NLL beside the VAEs')."""
    count = min(limit or len(data), len(data))
    if data.sequence_length + 1 > model.config.context:
        raise GenforgeError(f"examples of up to {data.sequence_length} tokens need a context of "
                            f"{data.sequence_length + 1}; the model has {model.config.context}")
    rows = data.ids[:count].clone()
    rows[:, 0] = EOS  # the stream's start of an example in place of the sequences' <bos>
    lengths = data.lengths[:count]
    total, tokens = 0.0, 0
    with evaluating(model):
        for length in lengths.unique().tolist():
            for chunk in rows[lengths == length].split(batch_size):
                total += float(model.nats_per_token(Batch(x=chunk[:, :length].to(model.device)))) * chunk.shape[0] * (length - 1)
                tokens += chunk.shape[0] * (length - 1)
    characters = sum(data.characters[:count])
    return {"sentences": count, "nll_nats_per_sentence": total / count, **nll_figures(total, tokens, characters, data)}
