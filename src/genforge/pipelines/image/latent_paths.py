"""The image latent tools: reconstructions, and interpolations between two held-out encodings (or
two seeds' latent draws), through the models' `reconstruct`, `encode` and `interpolate`."""

from __future__ import annotations

import torch

from ...core.capabilities import require
from ...core.errors import GenforgeError
from ...data import held_out_split, load_split
from ...models import GenerativeModel
from ...training.run_config import RunConfig


def reconstructions(model: GenerativeModel, images: torch.Tensor) -> torch.Tensor:
    require(model, "reconstruct", "`genforge reconstruct`")
    return model.reconstruct(images)


def end_latents(model: GenerativeModel, config: RunConfig, a: int, b: int) -> tuple[torch.Tensor, torch.Tensor]:
    """A VAE's encodings of test images a and b, or a GAN's latent draws from seeds a and b."""
    if model.capabilities.encode:
        images = load_split(config.data, held_out_split(config.data)).images
        for index in (a, b):
            if not 0 <= index < len(images):
                raise GenforgeError(f"test image index {index} is outside 0..{len(images) - 1}")
        ends = model.encode(images[[a, b]]).cpu()
        return ends[0], ends[1]
    draw = lambda seed: torch.randn(model.latent_shape, generator=torch.Generator().manual_seed(seed))  # noqa: E731
    return draw(a), draw(b)


def interpolation(model: GenerativeModel, config: RunConfig, a: int, b: int, steps: int) -> torch.Tensor:
    """uint8 images along the path between the two ends (the model's interpolate: slerp for Gaussian
    latents, else linear)."""
    return model.interpolate(*end_latents(model, config, a, b), steps)
