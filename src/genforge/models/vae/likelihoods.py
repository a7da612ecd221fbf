"""Decoder likelihoods p(x|z) of the VAE, by name: each gives the per-image NLL and the mean image."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch

from ...objectives.elbo import bernoulli_negative_log_likelihood, gaussian_negative_log_likelihood
from ...registry import Registry


@dataclass(frozen=True)
class DecoderLikelihood:
    # (decoder output, target in [0, 1], config) -> -log p(x|z) per image, in nats
    negative_log_likelihood: Callable[[torch.Tensor, torch.Tensor, object], torch.Tensor]
    # decoder output -> the mean of p(x|z), an image in [0, 1]
    mean: Callable[[torch.Tensor], torch.Tensor]


LIKELIHOODS: Registry[DecoderLikelihood] = Registry("VAE decoder")

LIKELIHOODS.register("bernoulli")(DecoderLikelihood(
    negative_log_likelihood=lambda logits, target, config: bernoulli_negative_log_likelihood(logits, target),
    mean=torch.sigmoid,
))
LIKELIHOODS.register("gaussian")(DecoderLikelihood(
    negative_log_likelihood=lambda means, target, config: gaussian_negative_log_likelihood(
        means, target, config.decoder_log_scale),
    mean=lambda means: means.clamp(0.0, 1.0),
))
