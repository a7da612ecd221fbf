"""The two-stage VAE sampler (Dai and Wipf 2019, section 4): a second, small VAE is trained on the
first VAE's encoded training set, with a learned decoder variance (their key ingredient, gamma);
sampling draws u ~ N(0, I), decodes it to a first-stage latent z, and decodes z to an image."""

from __future__ import annotations

import torch
from torch import nn

from ...objectives.elbo import gaussian_kl_to_standard_normal, gaussian_negative_log_likelihood


def mlp(inputs: int, hidden: int, outputs: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(inputs, hidden), nn.SiLU(), nn.Linear(hidden, hidden), nn.SiLU(),
                         nn.Linear(hidden, outputs))


class SecondStageVAE(nn.Module):
    def __init__(self, dim: int, hidden: int = 256):
        super().__init__()
        self.encoder = mlp(dim, hidden, 2 * dim)
        self.decoder = mlp(dim, hidden, dim)
        self.log_gamma = nn.Parameter(torch.zeros(()))  # log of the decoder's standard deviation

    def loss(self, z: torch.Tensor) -> torch.Tensor:
        mean, log_variance = self.encoder(z).chunk(2, dim=1)
        u = mean + torch.randn_like(mean) * (0.5 * log_variance).exp()
        reconstruction = gaussian_negative_log_likelihood(self.decoder(u), z, self.log_gamma)
        return (reconstruction + gaussian_kl_to_standard_normal(mean, log_variance)).mean()

    @torch.no_grad()
    def sample(self, n: int, generator: torch.Generator) -> torch.Tensor:
        return self.decoder(torch.randn(n, self.decoder[0].in_features, generator=generator))


def fit_second_stage(latents: torch.Tensor, epochs: int = 20, batch_size: int = 256, lr: float = 1e-3,
                     seed: int = 0) -> SecondStageVAE:
    """Train on the encoded training set; its own RNG stream, so the caller's is untouched."""
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        stage = SecondStageVAE(latents.shape[1])
        optimizer = torch.optim.Adam(stage.parameters(), lr=lr)
        for _ in range(epochs):
            for index in torch.randperm(latents.shape[0]).split(batch_size):
                loss = stage.loss(latents[index])
                optimizer.zero_grad(set_to_none=True)
                loss.backward()
                optimizer.step()
    return stage.eval()
