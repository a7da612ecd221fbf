"""Terms of the evidence lower bound (Kingma and Welling 2014), summed per image, in nats.

ELBO(x) = E_q(z|x)[log p(x|z)] - KL(q(z|x) || p(z)); the training loss is its negative,
reconstruction + KL, averaged over the batch.
"""

import math

import torch
import torch.nn.functional as F


def gaussian_kl_per_dimension(mean: torch.Tensor, log_variance: torch.Tensor) -> torch.Tensor:
    """KL(N(mean, exp(log_variance)) || N(0, 1)) for each latent dimension, Kingma and Welling 2014, appendix B."""
    return 0.5 * (mean.pow(2) + log_variance.exp() - 1.0 - log_variance)


def gaussian_kl_to_standard_normal(mean: torch.Tensor, log_variance: torch.Tensor) -> torch.Tensor:
    """KL(N(mean, exp(log_variance)) || N(0, I)) per row."""
    return gaussian_kl_per_dimension(mean, log_variance).flatten(1).sum(1)


def bernoulli_negative_log_likelihood(logits: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    """-log p(target | logits) per image for a Bernoulli decoder; target is an intensity in [0, 1].

    For non-binary targets this is the cross-entropy, the usual (not normalised) VAE choice.
    """
    return F.binary_cross_entropy_with_logits(logits, target, reduction="none").flatten(1).sum(1)


def gaussian_negative_log_likelihood(mean: torch.Tensor, target: torch.Tensor, log_scale) -> torch.Tensor:
    """-log N(target; mean, exp(log_scale)^2) per image, summed over pixels; log_scale is a number
    or a tensor broadcastable to the images (a learned per-channel scale)."""
    log_scale = torch.as_tensor(log_scale, dtype=mean.dtype, device=mean.device)
    squared_error = (target - mean).pow(2) * torch.exp(-2.0 * log_scale)
    per_pixel = 0.5 * squared_error + log_scale + 0.5 * math.log(2 * math.pi)
    return per_pixel.flatten(1).sum(1)


def log_standard_normal(z: torch.Tensor) -> torch.Tensor:
    """log N(z; 0, I) per row."""
    return (-0.5 * z.pow(2) - 0.5 * math.log(2 * math.pi)).flatten(1).sum(1)


def log_diagonal_gaussian(z: torch.Tensor, mean: torch.Tensor, log_variance: torch.Tensor) -> torch.Tensor:
    """log N(z; mean, diag(exp(log_variance))) per row."""
    per_dim = -0.5 * ((z - mean).pow(2) * torch.exp(-log_variance) + log_variance + math.log(2 * math.pi))
    return per_dim.flatten(1).sum(1)


def importance_weighted_bound(log_weights: torch.Tensor) -> torch.Tensor:
    """Burda et al. 2016, eq. 8: log (1/k) sum_i w_i, from log w of shape (k, batch); k = 1 is the ELBO."""
    return torch.logsumexp(log_weights, dim=0) - math.log(log_weights.shape[0])


def free_bits_kl(kl_per_dimension: torch.Tensor, free_bits: float) -> torch.Tensor:
    """Kingma et al. 2016, eq. 15: each latent dimension's batch-mean KL counts at least `free_bits`
    nats, so the optimiser gains nothing by pushing it lower. Returns the batch-mean total."""
    return torch.clamp(kl_per_dimension.mean(0), min=free_bits).sum()


def kl_weight(step: int, schedule: str, period: int) -> float:
    """The KL term's weight at `step` (before beta): constant, linear warm-up over `period` steps,
    logistic (Bowman et al. 2016: 1 / (1 + exp(-k (step - x0))), centred at half the period, k such
    that it rises from 0.01 to 0.99 over the period), or cyclical (Fu et al. 2019: ramp over the
    first half of each period, then 1)."""
    if schedule == "none" or period <= 0:
        return 1.0
    if schedule == "linear":
        return min(1.0, step / period)
    if schedule == "logistic":
        k = 2 * math.log(99) / period
        return 1.0 / (1.0 + math.exp(-k * (step - period / 2)))
    if schedule == "cyclical":
        return min(1.0, (step % period) / (0.5 * period))
    raise ValueError(f"unknown KL schedule {schedule!r}")
