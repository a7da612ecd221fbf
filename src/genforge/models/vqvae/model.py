"""VQ-VAE (van den Oord et al. 2017) with a learned PixelCNN prior over its codes, trained together
in the one loop: the prior fits the current encoder's (detached) codes at every step, so the
model can sample as soon as it has trained. Bernoulli decoder on [0, 1] intensities."""

from __future__ import annotations

import torch
import torch.nn.functional as F

from ...data.image.transforms import from_unit, to_unit
from ...core import Capabilities
from ..base import evaluating
from ..latent_image import LatentAutoencoder
from ..families import MODELS
from ..conv_networks import ConvDecoder, ConvEncoder, base_resolution
from .config import VQVAEConfig
from .pixelcnn import PixelCNNPrior
from .quantizer import VectorQuantizer


@MODELS.register("vq-vae", modality="image")
class VQVAE(LatentAutoencoder):
    config_class = VQVAEConfig
    # Discrete codes: interpolation is linear in the encoder's output space, then quantised. No
    # likelihood: the PixelCNN prior scores codes, not images.
    CAPABLE_OF = ("sample", "encode", "reconstruct", "interpolate")
    capabilities = Capabilities(encode=True, reconstruct=True, interpolate=True, latent="codes")

    def __init__(self, config: VQVAEConfig):
        super().__init__(config)
        self.grid, _ = base_resolution(config.image_size)
        self.encoder = ConvEncoder(config.image_size, config.channels, config.width, config.code_dim, spatial=True)
        self.quantizer = VectorQuantizer(config.codebook_size, config.code_dim)
        self.decoder = ConvDecoder(config.image_size, config.channels, config.width, config.code_dim, spatial=True)
        self.prior = PixelCNNPrior(config.codebook_size, config.prior_width, config.prior_layers)

    @property
    def latent_shape(self) -> tuple[int, ...]:
        return (self.config.code_dim, self.grid, self.grid)

    def build_optimizers(self):
        autoencoder = [p for name, p in self.named_parameters() if not name.startswith("prior.")]
        return {"autoencoder": torch.optim.Adam(autoencoder, lr=self.config.lr, betas=self.config.betas),
                "prior": torch.optim.Adam(self.prior.parameters(), lr=self.config.prior_lr, betas=self.config.betas)}

    def train_step(self, batch, optimizers, engine):
        target = to_unit(batch.x)
        with engine.autocast():
            quantised, codes, codebook_loss, commitment_loss = self.quantizer(self.encoder(target).float())
            logits = self.decoder(quantised).float()
            reconstruction = F.binary_cross_entropy_with_logits(logits, target, reduction="none").flatten(1).sum(1)
            loss = (reconstruction + codebook_loss + self.config.commitment * commitment_loss).mean()
        engine.update(loss, optimizers["autoencoder"], "autoencoder")
        with engine.autocast():
            prior_loss = F.cross_entropy(self.prior(codes.detach()).float(), codes.detach())  # nats per code
        engine.update(prior_loss, optimizers["prior"], "prior")
        used = codes.unique().numel()
        return {"loss": loss.item(), "reconstruction": reconstruction.mean().item(),
                "commitment": commitment_loss.mean().item(), "prior_nats_per_code": prior_loss.item(),
                "codes_used": float(used)}

    @torch.no_grad()
    def encode_mean(self, images: torch.Tensor) -> torch.Tensor:
        """The encoder's continuous output z_e (interpolated linearly, then quantised, by the tools)."""
        return self.encoder(to_unit(images.to(self.device)))

    def decode_latents(self, latents, labels=None):
        """Continuous latents (B, D, H, W) are snapped to their nearest codes, then decoded."""
        quantised = self.quantizer.embed(self.quantizer.nearest_codes(latents))
        return from_unit(torch.sigmoid(self.decoder(quantised).float()))

    def draw_images(self, n, generator, labels, batch_size, latents):
        """Codes from the PixelCNN prior (or the given latents), decoded."""
        if latents is not None:
            return super().draw_images(n, generator, labels, batch_size, latents)
        chunks = []
        with evaluating(self):
            for start in range(0, n, batch_size):
                codes = self.prior.sample(min(batch_size, n - start), self.grid, self.grid, generator, self.device)
                chunks.append(from_unit(torch.sigmoid(self.decoder(self.quantizer.embed(codes)).float())).cpu())
        return torch.cat(chunks)
