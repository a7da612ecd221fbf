"""pix2pix's networks (Isola et al. 2017, Sec. 3.2 and App. 6.1.1; the reference code's
`UnetGenerator` and `NLayerDiscriminator`).

The U-Net: encoder blocks C64-C128-C256-C512... (4x4 convolutions of stride 2, LeakyReLU 0.2, batch
norm after the first), a decoder that mirrors them with transposed convolutions (ReLU, batch norm,
dropout 0.5 in the three after the innermost), each decoder block reading the matching
encoder block through a skip connection, and a tanh. pix2pix's dropout is its only noise
(no z): at depth 2 (28 px) there is no block for it, and the generator is deterministic. It halves the image `depth` times, as often as
the size divides by 2 down to 4 pixels, 8 at most (unet_256 at 256 px); 28 px (Fashion-MNIST) halves
twice (28 -> 14 -> 7), and two residual 3x3 blocks at the bottom widen what each output pixel sees.

The PatchGAN discriminator (models/patch_gan.py, shared with CycleGAN) classifies each overlapping
patch of (input, output) as real or fake.
"""

from __future__ import annotations

import torch
from torch import nn

MAX_DEPTH = 8  # unet_256's eight halvings


def unet_depth(size: int) -> int:
    depth = 0
    while depth < MAX_DEPTH and size % 2 == 0 and size // 2 >= 4:
        size //= 2
        depth += 1
    return max(depth, 1)


def normalise(channels: int, norm: bool) -> nn.Module:
    return nn.BatchNorm2d(channels) if norm else nn.Identity()


class ResidualBlock(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(width, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width), nn.ReLU(True),
                                  nn.Conv2d(width, width, 3, 1, 1, bias=False), nn.BatchNorm2d(width))

    def forward(self, x):
        return x + self.body(x)


class UNet(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, size: int, width: int = 64, dropout: float = 0.5,
                 bottleneck_blocks: int | None = None):
        super().__init__()
        self.depth = unet_depth(size)
        widths = [min(width * 2 ** level, width * 8) for level in range(self.depth)]
        self.down = nn.ModuleList()
        previous = in_channels
        for level, current in enumerate(widths):
            self.down.append(nn.Sequential(
                *([nn.LeakyReLU(0.2, True)] if level else []), nn.Conv2d(previous, current, 4, 2, 1, bias=False),
                normalise(current, level > 0 and level < self.depth - 1)))
            previous = current
        blocks = bottleneck_blocks if bottleneck_blocks is not None else (2 if self.depth < 4 else 0)
        self.bottom = nn.Sequential(nn.ReLU(True), *[ResidualBlock(widths[-1]) for _ in range(blocks)])
        self.up = nn.ModuleList()
        for level in reversed(range(self.depth)):
            reads = widths[level] * (1 if level == self.depth - 1 else 2)
            if level == 0:
                self.up.append(nn.Sequential(nn.ReLU(True), nn.ConvTranspose2d(reads, out_channels, 4, 2, 1), nn.Tanh()))
            else:
                # the reference code's dropout: the three decoder blocks after the innermost one
                noisy = dropout and self.depth - 4 <= level <= self.depth - 2
                self.up.append(nn.Sequential(
                    *([nn.ReLU(True)] if level < self.depth - 1 else []),
                    nn.ConvTranspose2d(reads, widths[level - 1], 4, 2, 1, bias=False), nn.BatchNorm2d(widths[level - 1]),
                    *([nn.Dropout(dropout)] if noisy else [])))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        skips = []
        for block in self.down:
            x = block(x)
            skips.append(x)
        x = self.bottom(x)
        for index, block in enumerate(self.up):
            if index:
                x = torch.cat([x, skips[self.depth - 1 - index]], dim=1)
            x = block(x)
        return x
