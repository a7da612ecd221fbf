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

    # Semantic inpainting (models/latent_inpainting.py): a family that declares `inpaint` gives a
    # differentiable decoder and its prior loss.
    prior_weight: float = 0.0

    def decoded(self, latents: torch.Tensor) -> torch.Tensor:
        """Latents -> float images in [-1, 1], differentiable (an unconditional model's)."""
        raise NotImplementedError

    def latent_prior_loss(self, images: torch.Tensor, latents: torch.Tensor) -> torch.Tensor:
        """Per image: how unlikely the generated images (or their latents) are under the model's prior."""
        raise NotImplementedError

    def inpaint(self, images: torch.Tensor, masks: torch.Tensor) -> torch.Tensor:
        """Float images in [-1, 1] with masks (1: the hole) -> the completed images, known pixels kept
        (Yeh et al. 2017: the latent fitted to the known pixels, Poisson-blended into the hole)."""
        from ..core.errors import GenforgeError
        from .latent_inpainting import latent_inpaint

        size = self.config.image_size
        if images.shape[-1] != size or images.shape[-2] != size:
            raise GenforgeError(f"this {self.config.name} run works on {size}x{size} images; the input is "
                                f"{images.shape[-1]}x{images.shape[-2]} (resize it first)")
        return latent_inpaint(self, images, masks)

    def sample_by_class(self, labels: torch.Tensor, seed: int | None = None) -> Samples:
        """One image per label (a conditional model)."""
        return self.sample(len(labels), seed=seed, labels=labels)

    def interpolate(self, a: torch.Tensor, b: torch.Tensor, steps: int) -> torch.Tensor:
        """uint8 images along the path between latents a and b: slerp for Gaussian latents, else linear."""
        blend = slerp if self.gaussian_latents else lerp
        path = blend(a.flatten(), b.flatten(), steps).view(steps, *self.latent_shape)
        labels = torch.zeros(steps, dtype=torch.long) if self.num_classes else None
        return self.sample(steps, latents=path, labels=labels).values

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
        images = self.draw_images(n, seeded_generator(seed), labels, batch_size, latents)
        return Samples("image", images, labels=None if labels is None else labels.long(),
                       conditioning={"seed": seed, **({"latents": "given"} if latents is not None else {})})

    def draw_images(self, n: int, generator: torch.Generator, labels: torch.Tensor | None, batch_size: int,
                 latents: torch.Tensor | None) -> torch.Tensor:
        """The uint8 images of `sample`: latents from N(0, I) (or those given) decoded in chunks."""
        if latents is None:
            latents = torch.randn((n, *self.latent_shape), generator=generator)
        label_chunks = labels.long().split(batch_size) if labels is not None else [None] * len(latents.split(batch_size))
        with evaluating(self):
            return torch.cat([self.decode_latents(chunk.to(self.device), None if lab is None else lab.to(self.device)).cpu()
                              for chunk, lab in zip(latents.split(batch_size), label_chunks)])


class LatentAutoencoder(LatentImageModel):
    """An image model with an encoder (a VAE, a VQ-VAE): it encodes and reconstructs."""

    def encode_mean(self, images: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    @torch.no_grad()
    def encode(self, items: torch.Tensor) -> torch.Tensor:
        """uint8 images -> their latents (a posterior's mean; a VQ-VAE's codes)."""
        return self.encode_mean(items)

    @torch.no_grad()
    def reconstruct(self, items: torch.Tensor) -> torch.Tensor:
        """uint8 images -> uint8 images through the latent space, in eval mode."""
        with evaluating(self):
            return self.decode_latents(self.encode_mean(items.to(self.device))).cpu()


def lerp(a: torch.Tensor, b: torch.Tensor, steps: int) -> torch.Tensor:
    t = torch.linspace(0, 1, steps).unsqueeze(1)
    return (1 - t) * a + t * b


def slerp(a: torch.Tensor, b: torch.Tensor, steps: int) -> torch.Tensor:
    """Spherical interpolation (Shoemake 1985; White 2016 for generative models), `steps` points."""
    t = torch.linspace(0, 1, steps).unsqueeze(1)
    cosine = torch.dot(a / a.norm(), b / b.norm()).clamp(-1, 1)
    angle = torch.arccos(cosine)
    if angle.abs() < 1e-6:
        return lerp(a, b, steps)
    return (torch.sin((1 - t) * angle) * a + torch.sin(t * angle) * b) / torch.sin(angle)
