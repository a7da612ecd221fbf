"""The image latent tools: reconstructions, and interpolations between two held-out encodings (or
two seeds' latent draws): slerp for Gaussian latents, linear otherwise."""

from __future__ import annotations

import torch

from ...core.capabilities import require
from ...core.errors import GenforgeError
from ...data import held_out_split, load_split
from ...models import GenerativeModel
from ...training.run_config import RunConfig


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


@torch.no_grad()
def reconstructions(model: GenerativeModel, images: torch.Tensor) -> torch.Tensor:
    require(model, "reconstruct", "`genforge reconstruct`")
    model.eval()
    return model.decode_latents(model.encode_mean(images)).cpu()


def end_latents(model: GenerativeModel, config: RunConfig, a: int, b: int) -> tuple[torch.Tensor, torch.Tensor]:
    """A VAE's encodings of test images a and b, or a GAN's latent draws from seeds a and b."""
    if model.capabilities.encode:
        images = load_split(config.data, held_out_split(config.data)).images
        for index in (a, b):
            if not 0 <= index < len(images):
                raise GenforgeError(f"test image index {index} is outside 0..{len(images) - 1}")
        ends = model.encode_mean(images[[a, b]]).cpu()
        return ends[0], ends[1]
    draw = lambda seed: torch.randn(model.latent_shape, generator=torch.Generator().manual_seed(seed))  # noqa: E731
    return draw(a), draw(b)


def interpolation(model: GenerativeModel, config: RunConfig, a: int, b: int, steps: int) -> torch.Tensor:
    """uint8 images along the path between the two ends: slerp for Gaussian latents, else linear."""
    start, end = end_latents(model, config, a, b)
    blend = slerp if model.gaussian_latents else lerp
    path = blend(start.flatten(), end.flatten(), steps).view(steps, *model.latent_shape)
    labels = torch.zeros(steps, dtype=torch.long) if model.num_classes else None
    return model.sample(steps, latents=path, labels=labels).values
