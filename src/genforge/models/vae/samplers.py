"""Ex-post latent densities for a trained VAE (Ghosh et al. 2020; Dai and Wipf 2019): samples from
the prior N(0, I) fall where the aggregate posterior has little mass, so a density fitted to the
encoded training set gives sharper samples. Here a Gaussian mixture fitted by EM."""

from __future__ import annotations

import math
from dataclasses import dataclass

import torch


@dataclass
class GaussianMixture:
    weights: torch.Tensor  # (K,)
    means: torch.Tensor  # (K, D)
    covariances: torch.Tensor  # (K, D, D)

    def log_component_densities(self, x: torch.Tensor) -> torch.Tensor:
        """log w_k + log N(x; mu_k, Sigma_k), shape (N, K)."""
        cholesky = torch.linalg.cholesky(self.covariances)
        centred = x.unsqueeze(1) - self.means.unsqueeze(0)  # (N, K, D)
        solved = torch.linalg.solve_triangular(cholesky.unsqueeze(0), centred.unsqueeze(-1), upper=False).squeeze(-1)
        log_det = 2 * torch.log(torch.diagonal(cholesky, dim1=-2, dim2=-1)).sum(-1)
        dim = x.shape[1]
        return torch.log(self.weights) - 0.5 * (solved.pow(2).sum(-1) + log_det + dim * math.log(2 * math.pi))

    def sample(self, n: int, generator: torch.Generator) -> torch.Tensor:
        components = torch.multinomial(self.weights, n, replacement=True, generator=generator)
        noise = torch.randn(n, self.means.shape[1], generator=generator, dtype=self.means.dtype)
        cholesky = torch.linalg.cholesky(self.covariances)[components]
        return self.means[components] + (cholesky @ noise.unsqueeze(-1)).squeeze(-1)

    def moments(self) -> tuple[torch.Tensor, torch.Tensor]:
        """The mixture's mean and covariance."""
        mean = (self.weights[:, None] * self.means).sum(0)
        second = (self.weights[:, None, None] * (self.covariances + self.means[:, :, None] * self.means[:, None, :])).sum(0)
        return mean, second - mean[:, None] * mean[None, :]

    def to_tensors(self) -> dict[str, torch.Tensor]:
        return {"weights": self.weights, "means": self.means, "covariances": self.covariances}


def fit_gaussian_mixture(x: torch.Tensor, components: int = 10, iterations: int = 100, seed: int = 0,
                         regularisation: float = 1e-6) -> GaussianMixture:
    """Full-covariance EM, initialised at randomly chosen points; float64 throughout."""
    x = x.double()
    n, dim = x.shape
    generator = torch.Generator().manual_seed(seed)
    start = x[torch.randperm(n, generator=generator)[:components]]
    covariance = torch.cov(x.T) + regularisation * torch.eye(dim, dtype=x.dtype)
    mixture = GaussianMixture(torch.full((components,), 1.0 / components, dtype=x.dtype), start,
                              covariance.expand(components, dim, dim).clone())
    for _ in range(iterations):
        log_resp = mixture.log_component_densities(x)
        responsibilities = torch.exp(log_resp - torch.logsumexp(log_resp, dim=1, keepdim=True))  # E step
        counts = responsibilities.sum(0) + 1e-10  # M step
        means = responsibilities.T @ x / counts[:, None]
        centred = x.unsqueeze(1) - means.unsqueeze(0)
        covariances = torch.einsum("nk,nki,nkj->kij", responsibilities, centred, centred) / counts[:, None, None]
        mixture = GaussianMixture(counts / n, means, covariances + regularisation * torch.eye(dim, dtype=x.dtype))
    return mixture
