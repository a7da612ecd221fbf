"""Decoder likelihoods p(x|z) of the VAE, by name: the per-image NLL, the mean image, and what the
number means (a Bernoulli NLL on [0, 1] intensities is not comparable to a Gaussian density)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

import torch

from ...objectives.elbo import bernoulli_negative_log_likelihood, gaussian_negative_log_likelihood
from ...core.registry import Registry


@dataclass(frozen=True)
class DecoderLikelihood:
    # (decoder output, target in [0, 1], log sigma or None) -> -log p(x|z) per image, in nats
    negative_log_likelihood: Callable[[torch.Tensor, torch.Tensor, torch.Tensor | None], torch.Tensor]
    mean: Callable[[torch.Tensor], torch.Tensor]  # decoder output -> the mean of p(x|z), in [0, 1]
    scale_of_data: str  # stated next to every NLL


LIKELIHOODS: Registry[DecoderLikelihood] = Registry("VAE decoder")

LIKELIHOODS.register("bernoulli")(DecoderLikelihood(
    negative_log_likelihood=lambda logits, target, log_scale: bernoulli_negative_log_likelihood(logits, target),
    mean=torch.sigmoid,
    scale_of_data="Bernoulli cross-entropy on intensities in [0, 1] (not a normalised density for gray pixels; "
                  "comparable only with other Bernoulli-decoder NLLs)",
))
LIKELIHOODS.register("gaussian")(DecoderLikelihood(
    negative_log_likelihood=lambda means, target, log_scale: gaussian_negative_log_likelihood(means, target, log_scale),
    mean=lambda means: means.clamp(0.0, 1.0),
    scale_of_data="continuous Gaussian density on intensities in [0, 1] (add D*ln 256 nats for the "
                  "uniformly dequantised 8-bit figure)",
))
