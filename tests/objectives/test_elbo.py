import math

import torch
from torch.distributions import Bernoulli, Normal, kl_divergence

from genforge.objectives.elbo import (bernoulli_negative_log_likelihood, gaussian_kl_to_standard_normal,
                                      gaussian_negative_log_likelihood)


def test_kl_matches_torch_distributions():
    mean, log_variance = torch.randn(4, 6, dtype=torch.float64), torch.randn(4, 6, dtype=torch.float64)
    expected = kl_divergence(Normal(mean, (0.5 * log_variance).exp()), Normal(0.0, 1.0)).sum(1)
    assert torch.allclose(gaussian_kl_to_standard_normal(mean, log_variance), expected)


def test_kl_hand_computed():
    # mean 1, variance 1: KL = 0.5 * (1 + 1 - 1 - 0) = 0.5 per dimension
    assert gaussian_kl_to_standard_normal(torch.ones(1, 3), torch.zeros(1, 3)).item() == 1.5


def test_bernoulli_nll_on_binary_images():
    logits = torch.randn(3, 1, 4, 4, dtype=torch.float64)
    target = (torch.rand(3, 1, 4, 4, dtype=torch.float64) > 0.5).double()
    expected = -Bernoulli(logits=logits).log_prob(target).flatten(1).sum(1)
    assert torch.allclose(bernoulli_negative_log_likelihood(logits, target), expected)


def test_gaussian_nll_matches_normal_log_prob():
    mean, target = torch.rand(2, 1, 3, 3, dtype=torch.float64), torch.rand(2, 1, 3, 3, dtype=torch.float64)
    expected = -Normal(mean, math.exp(-1.5)).log_prob(target).flatten(1).sum(1)
    assert torch.allclose(gaussian_negative_log_likelihood(mean, target, -1.5), expected)
