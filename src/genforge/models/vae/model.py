"""Variational autoencoders with a convolutional Gaussian encoder: the VAE (Kingma and Welling 2014),
beta-VAE (Higgins et al. 2017) and IWAE (Burda et al. 2016), with KL warm-up and free bits."""

from __future__ import annotations

import math

import torch
from torch import nn

from ...data.image.transforms import from_unit, to_unit
from ...core.errors import ConfigError
from ...objectives.elbo import (free_bits_kl, gaussian_kl_per_dimension, importance_weighted_bound, kl_weight,
                                log_diagonal_gaussian, log_standard_normal)
from ...core import Capabilities
from ..latent_image import LatentAutoencoder
from ..families import MODELS
from .config import BetaVAEConfig, IWAEConfig, VAEConfig
from .likelihoods import LIKELIHOODS
from ..conv_networks import ConvDecoder, ConvEncoder


class VAE(LatentAutoencoder):
    config_class = VAEConfig

    def __init__(self, config: VAEConfig):
        super().__init__(config)
        if config.kl_schedule not in ("none", "linear", "cyclical"):
            raise ConfigError(f"model.kl_schedule must be none, linear or cyclical, got {config.kl_schedule!r}")
        if config.importance_samples < 1:
            raise ConfigError("model.importance_samples must be at least 1")
        self.likelihood = LIKELIHOODS.get(config.decoder)
        self.encoder = ConvEncoder(config.image_size, config.channels, config.width, config.latent_dim)
        self.decoder = ConvDecoder(config.image_size, config.channels, config.width, config.latent_dim)
        start = torch.full((config.channels, 1, 1), config.decoder_log_scale)
        if config.learn_decoder_scale:
            self.log_scale = nn.Parameter(start)
        else:
            self.register_buffer("log_scale", start)
        # Optimisation steps taken, for the KL schedule; a buffer so checkpoints carry it.
        self.register_buffer("steps_done", torch.zeros((), dtype=torch.long))

    CAPABLE_OF = ("sample", "encode", "reconstruct", "interpolate", "likelihood", "inpaint")
    capabilities = Capabilities(encode=True, reconstruct=True, interpolate=True, likelihood=True, inpaint=True,
                                latent="gaussian")
    prior_weight = 0.1  # of ||z||^2 / 2 in semantic inpainting (models/latent_inpainting.py): our choice

    @property
    def latent_shape(self) -> tuple[int, ...]:
        return (self.config.latent_dim,)

    def build_optimizers(self):
        return {"vae": torch.optim.Adam(self.parameters(), lr=self.config.lr, betas=self.config.betas)}

    def reconstruction_nll(self, decoded: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
        return self.likelihood.negative_log_likelihood(decoded.float(), target, self.log_scale)

    def negative_elbo(self, target: torch.Tensor) -> dict[str, torch.Tensor]:
        """Per-image reconstruction NLL and KL (and KL per latent dimension), one sample of z."""
        mean, log_variance = self.encoder(target)
        # Reparameterisation (Kingma and Welling 2014, eq. 10): z = mean + sigma * eps.
        latents = mean + torch.randn_like(mean) * (0.5 * log_variance).exp()
        reconstruction = self.reconstruction_nll(self.decoder(latents), target)
        kl_per_dimension = gaussian_kl_per_dimension(mean.float(), log_variance.float())
        return {"reconstruction": reconstruction, "kl": kl_per_dimension.sum(1), "kl_per_dimension": kl_per_dimension}

    def log_importance_weights(self, target: torch.Tensor, samples: int) -> torch.Tensor:
        """log p(x, z_i) - log q(z_i | x) for `samples` draws per image: shape (samples, batch)."""
        mean, log_variance = (t.float() for t in self.encoder(target))
        batch = target.shape[0]
        latents = mean + torch.randn(samples, *mean.shape, device=mean.device) * (0.5 * log_variance).exp()
        flat = latents.reshape(samples * batch, -1)
        decoded = self.decoder(flat)
        repeated = target.unsqueeze(0).expand(samples, *target.shape).reshape(samples * batch, *target.shape[1:])
        log_likelihood = -self.reconstruction_nll(decoded, repeated)
        log_prior = log_standard_normal(flat)
        log_posterior = log_diagonal_gaussian(flat, mean.repeat(samples, 1), log_variance.repeat(samples, 1))
        return (log_likelihood + log_prior - log_posterior).view(samples, batch)

    def kl_weight_now(self) -> float:
        config = self.config
        return config.beta * kl_weight(int(self.steps_done), config.kl_schedule, config.kl_schedule_steps)

    def training_loss(self, target: torch.Tensor) -> tuple[torch.Tensor, dict[str, float]]:
        if self.config.importance_samples > 1:
            bound = importance_weighted_bound(self.log_importance_weights(target, self.config.importance_samples))
            loss = -bound.mean()
            return loss, {"loss": loss.item(), "iwae_bound": bound.mean().item()}
        terms, weight = self.negative_elbo(target), self.kl_weight_now()
        kl_term = (free_bits_kl(terms["kl_per_dimension"], self.config.free_bits) if self.config.free_bits
                   else terms["kl"].mean())
        loss = terms["reconstruction"].mean() + weight * kl_term
        negative_elbo = (terms["reconstruction"] + terms["kl"]).mean()
        return loss, {"loss": loss.item(), "negative_elbo": negative_elbo.item(),  # nats per image
                      "reconstruction": terms["reconstruction"].mean().item(), "kl": terms["kl"].mean().item(),
                      "kl_weight": weight}

    def train_step(self, batch, optimizers, engine):
        with engine.autocast():
            loss, scalars = self.training_loss(to_unit(batch.x))
        engine.update(loss, optimizers["vae"], "vae")
        self.steps_done += 1
        return scalars

    @torch.no_grad()
    def log_likelihood(self, images: torch.Tensor, samples: int = 1000, chunk: int = 100) -> torch.Tensor:
        """Importance-sampled log p(x) per image (the IWAE bound with k = `samples`), in nats.

        The k samples are drawn `chunk` at a time and combined with logsumexp, so memory stays flat.
        """
        target = to_unit(images.to(self.device))
        parts = [torch.logsumexp(self.log_importance_weights(target, min(chunk, samples - start)), dim=0)
                 for start in range(0, samples, chunk)]
        return torch.logsumexp(torch.stack(parts), dim=0) - math.log(samples)

    @torch.no_grad()
    def encode_mean(self, images: torch.Tensor) -> torch.Tensor:
        return self.encoder(to_unit(images.to(self.device)))[0]

    def decode_latents(self, latents, labels=None):
        # The mean of p(x|z), as is usual for VAE samples, rather than a noisy draw from it.
        return from_unit(self.likelihood.mean(self.decoder(latents).float()))

    def decoded(self, latents):
        return self.likelihood.mean(self.decoder(latents).float()) * 2 - 1

    def latent_prior_loss(self, images, latents):
        return 0.5 * latents.pow(2).flatten(1).sum(1)  # -log N(z; 0, I) up to a constant


MODELS.register("vae", modality="image")(VAE)
MODELS.register("beta-vae", modality="image")(type("BetaVAE", (VAE,), {"config_class": BetaVAEConfig}))
MODELS.register("iwae", modality="image")(type("IWAE", (VAE,), {"config_class": IWAEConfig}))
