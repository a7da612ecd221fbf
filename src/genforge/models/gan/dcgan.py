"""DCGAN networks (Radford et al. 2016, section 3 and figure 1).

Generator: a transposed convolution projects z to a small feature map, then stride-2 transposed
convolutions double it to the image size, with BatchNorm and ReLU between and tanh at the end.
Discriminator: stride-2 convolutions with LeakyReLU(0.2), BatchNorm on all but the first, down to
the same small map, then one convolution to a single logit (no sigmoid: losses take logits).

28-pixel images start from 7x7 (7 -> 14 -> 28); 32, 64 and 128 pixels start from 4x4.
"""

from __future__ import annotations

import math

from torch import nn

from ...errors import ConfigError


def base_resolution(image_size: int) -> tuple[int, int]:
    """(starting map size, number of doublings) for a supported image size."""
    base = 7 if image_size == 28 else 4
    doublings = round(math.log2(image_size / base))
    if image_size not in (28, 32, 64, 128):
        raise ConfigError(f"DCGAN supports 28, 32, 64 and 128 pixels, not {image_size}")
    return base, doublings


def init_dcgan_weights(module: nn.Module) -> None:
    """N(0, 0.02) for convolutions and N(1, 0.02) for BatchNorm scales (Radford et al. 2016, section 4)."""
    if isinstance(module, (nn.Conv2d, nn.ConvTranspose2d)):
        nn.init.normal_(module.weight, 0.0, 0.02)
    elif isinstance(module, nn.BatchNorm2d):
        nn.init.normal_(module.weight, 1.0, 0.02)
        nn.init.zeros_(module.bias)


class DCGANGenerator(nn.Module):
    def __init__(self, latent_dim: int, image_size: int, channels: int, width: int):
        super().__init__()
        base, doublings = base_resolution(image_size)
        widths = [width * 2 ** i for i in reversed(range(doublings))]  # e.g. [256, 128, 64]
        layers: list[nn.Module] = [
            nn.ConvTranspose2d(latent_dim, widths[0], base, 1, 0, bias=False),
            nn.BatchNorm2d(widths[0]),
            nn.ReLU(inplace=True),
        ]
        for wider, narrower in zip(widths, widths[1:]):
            layers += [nn.ConvTranspose2d(wider, narrower, 4, 2, 1, bias=False),
                       nn.BatchNorm2d(narrower), nn.ReLU(inplace=True)]
        layers += [nn.ConvTranspose2d(widths[-1], channels, 4, 2, 1), nn.Tanh()]
        self.net = nn.Sequential(*layers)
        self.apply(init_dcgan_weights)

    def forward(self, z):
        return self.net(z.view(z.shape[0], -1, 1, 1))


class DCGANDiscriminator(nn.Module):
    def __init__(self, image_size: int, channels: int, width: int):
        super().__init__()
        base, doublings = base_resolution(image_size)
        widths = [width * 2 ** i for i in range(doublings)]  # e.g. [64, 128, 256]
        layers: list[nn.Module] = [nn.Conv2d(channels, widths[0], 4, 2, 1), nn.LeakyReLU(0.2, inplace=True)]
        for narrower, wider in zip(widths, widths[1:]):
            layers += [nn.Conv2d(narrower, wider, 4, 2, 1, bias=False),
                       nn.BatchNorm2d(wider), nn.LeakyReLU(0.2, inplace=True)]
        layers += [nn.Conv2d(widths[-1], 1, base, 1, 0)]
        self.net = nn.Sequential(*layers)
        self.apply(init_dcgan_weights)

    def forward(self, images):
        return self.net(images).flatten()
