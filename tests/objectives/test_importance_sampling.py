"""The IWAE bound on a linear-Gaussian model, where log p(x) has a closed form."""

import math

import torch

from genforge.objectives.elbo import (free_bits_kl, importance_weighted_bound, kl_weight, log_diagonal_gaussian,
                                      log_standard_normal)

# p(z) = N(0, 1), p(x | z) = N(w z + b, s^2)  =>  p(x) = N(b, w^2 + s^2)
W, B, S = 1.5, 0.3, 0.5


def log_weights(x: torch.Tensor, samples: int) -> torch.Tensor:
    """Importance weights with a deliberately imperfect q(z | x) = N(0.5 x, 0.6^2)."""
    q_mean, q_log_variance = 0.5 * x, torch.full_like(x, 2 * math.log(0.6))
    z = q_mean + torch.randn(samples, x.shape[0], 1, dtype=torch.float64) * 0.6
    log_likelihood = -0.5 * ((x - (W * z + B)) / S) ** 2 - math.log(S) - 0.5 * math.log(2 * math.pi)
    rows = z.reshape(-1, 1)  # every (sample, x) pair a row of the per-row densities, at once
    log_prior = log_standard_normal(rows).view(samples, -1)
    log_q = log_diagonal_gaussian(rows, q_mean.expand_as(z).reshape(-1, 1),
                                  q_log_variance.expand_as(z).reshape(-1, 1)).view(samples, -1)
    return log_likelihood.squeeze(-1) + log_prior - log_q


def test_iwae_estimate_converges_to_the_exact_log_likelihood_and_the_elbo_lies_below():
    torch.manual_seed(0)
    x = torch.tensor([[-1.0], [0.2], [2.0]], dtype=torch.float64)
    exact = (-0.5 * (x - B) ** 2 / (W ** 2 + S ** 2) - 0.5 * math.log(2 * math.pi * (W ** 2 + S ** 2))).squeeze(1)
    elbo = log_weights(x, 20000).mean(0)  # the ELBO, estimated precisely
    gaps = []
    repeats = 1000
    for k in (1, 10, 100, 1000):
        # `repeats` independent k-sample bounds, averaged: the expected bound for this k.
        bound = importance_weighted_bound(log_weights(x, k * repeats).view(k, repeats, -1)).mean(0)
        gaps.append((exact - bound).min().item())
    assert (elbo < exact - 0.05).all()
    assert gaps[0] > gaps[1] > gaps[2] > gaps[3] > -0.005 and gaps[3] < 0.01


def test_the_bound_is_never_below_the_mean_of_its_own_weights():
    log_w = torch.randn(50, 7, dtype=torch.float64) * 3
    assert (importance_weighted_bound(log_w) >= log_w.mean(0)).all()  # Jensen, for any set of weights


def test_kl_schedules_and_free_bits():
    assert kl_weight(500, "none", 1000) == 1.0
    assert kl_weight(250, "linear", 1000) == 0.25 and kl_weight(5000, "linear", 1000) == 1.0
    assert kl_weight(1250, "cyclical", 1000) == 0.5 and kl_weight(1800, "cyclical", 1000) == 1.0
    kl = torch.tensor([[0.01, 2.0], [0.03, 4.0]])
    assert free_bits_kl(kl, 0.5).item() == 0.5 + 3.0  # the first dimension counts its floor
