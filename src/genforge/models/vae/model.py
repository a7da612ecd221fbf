"""A variational autoencoder (Kingma and Welling 2014) with a convolutional Gaussian encoder."""

from __future__ import annotations

import torch

from ...data.transforms import from_unit, to_unit
from ...objectives.elbo import gaussian_kl_to_standard_normal
from ..base import GenerativeModel
from ..registry import MODELS
from .config import VAEConfig
from .likelihoods import LIKELIHOODS
from .networks import ConvDecoder, ConvEncoder


@MODELS.register("vae")
class VAE(GenerativeModel):
    config_class = VAEConfig

    def __init__(self, config: VAEConfig):
        super().__init__(config)
        self.likelihood = LIKELIHOODS.get(config.decoder)
        self.encoder = ConvEncoder(config.image_size, config.channels, config.width, config.latent_dim)
        self.decoder = ConvDecoder(config.image_size, config.channels, config.width, config.latent_dim)

    @property
    def latent_shape(self) -> tuple[int, ...]:
        return (self.config.latent_dim,)

    def build_optimizers(self):
        return {"vae": torch.optim.Adam(self.parameters(), lr=self.config.lr, betas=self.config.betas)}

    def negative_elbo(self, target: torch.Tensor) -> dict[str, torch.Tensor]:
        """Per-image reconstruction NLL and KL, in nats, with one reparameterised sample of z."""
        mean, log_variance = self.encoder(target)
        # Reparameterisation (Kingma and Welling 2014, eq. 10): z = mean + sigma * eps.
        latents = mean + torch.randn_like(mean) * (0.5 * log_variance).exp()
        decoded = self.decoder(latents).float()
        reconstruction = self.likelihood.negative_log_likelihood(decoded, target, self.config)
        kl = gaussian_kl_to_standard_normal(mean.float(), log_variance.float())
        return {"reconstruction": reconstruction, "kl": kl}

    def train_step(self, images, labels, optimizers, autocast):
        target = to_unit(images)
        with autocast():
            terms = self.negative_elbo(target)
            loss = (terms["reconstruction"] + terms["kl"]).mean()
        optimizers["vae"].zero_grad(set_to_none=True)
        loss.backward()
        optimizers["vae"].step()
        return {
            "loss": loss.item(),  # the negative ELBO per image, in nats
            "reconstruction": terms["reconstruction"].mean().item(),
            "kl": terms["kl"].mean().item(),
        }

    def decode_latents(self, latents, labels=None):
        # The mean of p(x|z), as is usual for VAE samples, rather than a noisy draw from it.
        return from_unit(self.likelihood.mean(self.decoder(latents).float()))
