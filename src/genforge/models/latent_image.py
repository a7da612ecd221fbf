"""What the image families share: a config fitted to the data's ImageSpec, and sampling by decoding
latents (a GAN's generator, a VAE's decoder, a VQ-VAE's codes) into uint8 images."""

from __future__ import annotations

import torch

from ..core import Samples
from .base import GenerativeModel, evaluating, seeded_generator
from .image_config import ImageModelConfig  # noqa: F401  (the families' config base, re-exported)


class LatentImageModel(GenerativeModel):
    """An image model that samples by decoding latents: `latent_shape` and `decode_latents` are its own."""

    @property
    def latent_shape(self) -> tuple[int, ...]:
        raise NotImplementedError

    def decode_latents(self, latents: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        """Latents (and class labels, for conditional models) -> uint8 images (N, C, H, W)."""
        raise NotImplementedError

    @property
    def gaussian_latents(self) -> bool:
        """Latents drawn from N(0, I) (interpolated spherically), as opposed to discrete codes."""
        return self.capabilities.latent == "gaussian"

    @torch.no_grad()
    def sample(self, n: int, seed: int | None = None, labels: torch.Tensor | None = None,
               batch_size: int = 500, latents: torch.Tensor | None = None) -> Samples:
        """n images as uint8 (n, C, H, W) on the CPU, from latents drawn with their own generator.

        The latents are drawn on the CPU so a seed gives the same images on any device. A
        conditional model draws the classes in turn (0, 1, ..., 0, 1, ...) unless `labels` are
        given. `latents` replaces the draw (an ex-post sampler's latents, an interpolation path).
        """
        if self.num_classes and labels is None:
            labels = torch.arange(n) % self.num_classes
        images = self.generate(n, seeded_generator(seed), labels, batch_size, latents)
        return Samples("image", images, labels=None if labels is None else labels.long(),
                       conditioning={"seed": seed, **({"latents": "given"} if latents is not None else {})})

    def generate(self, n: int, generator: torch.Generator, labels: torch.Tensor | None, batch_size: int,
                 latents: torch.Tensor | None) -> torch.Tensor:
        """The uint8 images of `sample`: latents from N(0, I) (or those given) decoded in chunks."""
        if latents is None:
            latents = torch.randn((n, *self.latent_shape), generator=generator)
        label_chunks = labels.long().split(batch_size) if labels is not None else [None] * len(latents.split(batch_size))
        with evaluating(self):
            return torch.cat([self.decode_latents(chunk.to(self.device), None if lab is None else lab.to(self.device)).cpu()
                              for chunk, lab in zip(latents.split(batch_size), label_chunks)])
