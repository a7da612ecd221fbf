"""Terms of the evidence lower bound (Kingma and Welling 2014), summed per image, in nats.

ELBO(x) = E_q(z|x)[log p(x|z)] - KL(q(z|x) || p(z)); the training loss is its negative,
reconstruction + KL, averaged over the batch.
"""

import math

import torch
import torch.nn.functional as F


def gaussian_kl_to_standard_normal(mean: torch.Tensor, log_variance: torch.Tensor) -> torch.Tensor:
    """KL(N(mean, exp(log_variance)) || N(0, I)) per row, Kingma and Welling 2014, appendix B."""
    return 0.5 * (mean.pow(2) + log_variance.exp() - 1.0 - log_variance).flatten(1).sum(1)


def bernoulli_negative_log_likelihood(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """-log p(target | logits) per image for a Bernoulli decoder; target is an intensity in [0, 1].

    For non-binary targets this is the cross-entropy, the usual (not normalised) VAE choice.
    """
    return F.binary_cross_entropy_with_logits(logits, target, reduction="none").flatten(1).sum(1)


def gaussian_negative_log_likelihood(mean: torch.Tensor, target: torch.Tensor, log_scale: float) -> torch.Tensor:
    """-log N(target; mean, exp(log_scale)^2) per image, summed over pixels."""
    squared_error = (target - mean).pow(2) * math.exp(-2.0 * log_scale)
    per_pixel = 0.5 * squared_error + log_scale + 0.5 * math.log(2 * math.pi)
    return per_pixel.flatten(1).sum(1)
