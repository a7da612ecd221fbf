"""A GAN: generator, discriminator, and the alternating train step (Goodfellow et al. 2014, algorithm 1)."""

from __future__ import annotations

import torch

from ...data.transforms import from_signed_unit, to_signed_unit
from ...objectives.gan import nonsaturating_discriminator_loss, nonsaturating_generator_loss
from ..base import GenerativeModel, frozen
from ..registry import MODELS
from .config import GANConfig
from .dcgan import DCGANDiscriminator, DCGANGenerator


@MODELS.register("dcgan")
class DCGAN(GenerativeModel):
    config_class = GANConfig

    def __init__(self, config: GANConfig):
        super().__init__(config)
        self.generator = DCGANGenerator(config.latent_dim, config.image_size, config.channels,
                                        config.generator_width)
        self.discriminator = DCGANDiscriminator(config.image_size, config.channels, config.discriminator_width)

    @property
    def latent_shape(self) -> tuple[int, ...]:
        return (self.config.latent_dim,)

    def build_optimizers(self) -> dict[str, torch.optim.Optimizer]:
        adam = dict(lr=self.config.lr, betas=self.config.betas)
        return {
            "discriminator": torch.optim.Adam(self.discriminator.parameters(), **adam),
            "generator": torch.optim.Adam(self.generator.parameters(), **adam),
        }

    def train_step(self, images, optimizers, autocast):
        real = to_signed_unit(images)
        latents = torch.randn(real.shape[0], self.config.latent_dim, device=real.device)

        # Discriminator step on real and (detached) generated images.
        with autocast():
            fake = self.generator(latents)
            real_logits = self.discriminator(real)
            fake_logits = self.discriminator(fake.detach())
            d_loss = nonsaturating_discriminator_loss(real_logits.float(), fake_logits.float())
        optimizers["discriminator"].zero_grad(set_to_none=True)
        d_loss.backward()
        optimizers["discriminator"].step()

        # Generator step against the updated discriminator, reusing the same fakes. D's weights
        # are frozen so backward skips their gradients, which this step would throw away.
        with autocast(), frozen(self.discriminator):
            fake_logits_for_g = self.discriminator(fake)
            g_loss = nonsaturating_generator_loss(fake_logits_for_g.float())
        optimizers["generator"].zero_grad(set_to_none=True)
        g_loss.backward()
        optimizers["generator"].step()

        return {
            "loss_d": d_loss.item(),
            "loss_g": g_loss.item(),
            # D's mean output probability on real and fake images: the usual health check.
            "d_real": torch.sigmoid(real_logits.detach().float()).mean().item(),
            "d_fake": torch.sigmoid(fake_logits.detach().float()).mean().item(),
        }

    def decode_latents(self, latents):
        return from_signed_unit(self.generator(latents))
