"""What the image families' networks share: the layer plan of DCGAN (a 7x7 or 4x4 base map, doubled
to the image size), and the convolutional encoder and decoder of the VAE and the VQ-VAE.

With `spatial=True` (the VQ-VAE) the latent is the base map itself, `latent_dim` channels deep,
instead of a vector made by a linear layer. Shared here, not imported across family folders, so
that the families stay independent of each other (an import-linter contract).
"""

from __future__ import annotations

import math

from torch import nn

from ..core.errors import ConfigError


def base_resolution(image_size: int) -> tuple[int, int]:
    """(starting map size, number of doublings) for a supported image size."""
    if image_size not in (28, 32, 64, 128):
        raise ConfigError(f"this architecture supports 28, 32, 64 and 128 pixels, not {image_size}")
    base = 7 if image_size == 28 else 4
    return base, round(math.log2(image_size / base))


class ConvEncoder(nn.Module):
    """Image -> (mean, log variance) of a diagonal Gaussian q(z|x), or a (latent_dim, base, base) map."""

    def __init__(self, image_size: int, channels: int, width: int, latent_dim: int, spatial: bool = False):
        super().__init__()
        base, doublings = base_resolution(image_size)
        widths = [width * 2 ** i for i in range(doublings)]
        layers: list[nn.Module] = []
        previous = channels
        for current in widths:
            layers += [nn.Conv2d(previous, current, 4, 2, 1), nn.SiLU()]
            previous = current
        self.spatial = spatial
        if spatial:
            self.features = nn.Sequential(*layers)
            self.head = nn.Conv2d(widths[-1], latent_dim, 1)
        else:
            self.features = nn.Sequential(*layers, nn.Flatten())
            self.head = nn.Linear(widths[-1] * base * base, 2 * latent_dim)

    def forward(self, images):
        out = self.head(self.features(images))
        if self.spatial:
            return out
        mean, log_variance = out.chunk(2, dim=1)
        return mean, log_variance


class ConvDecoder(nn.Module):
    """z -> per-pixel decoder parameters (Bernoulli logits or Gaussian means)."""

    def __init__(self, image_size: int, channels: int, width: int, latent_dim: int, spatial: bool = False):
        super().__init__()
        base, doublings = base_resolution(image_size)
        widths = [width * 2 ** i for i in reversed(range(doublings))]
        self.base = base
        self.first_width = widths[0]
        self.spatial = spatial
        if spatial:
            self.project = nn.Sequential(nn.Conv2d(latent_dim, widths[0], 1), nn.SiLU())
        else:
            self.project = nn.Sequential(nn.Linear(latent_dim, widths[0] * base * base), nn.SiLU())
        layers: list[nn.Module] = []
        for wider, narrower in zip(widths, widths[1:]):
            layers += [nn.ConvTranspose2d(wider, narrower, 4, 2, 1), nn.SiLU()]
        layers += [nn.ConvTranspose2d(widths[-1], channels, 4, 2, 1)]
        self.net = nn.Sequential(*layers)

    def forward(self, latents):
        features = self.project(latents)
        if not self.spatial:
            features = features.view(-1, self.first_width, self.base, self.base)
        return self.net(features)
