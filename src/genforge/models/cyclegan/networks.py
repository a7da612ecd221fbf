"""CycleGAN's generator (Zhu et al. 2017, App. 7.2; Johnson et al. 2016's network): c7s1-64, d128,
d256, R256 x blocks, u128, u64, c7s1-C with instance norm, reflection padding and a tanh: two
halvings, so 28-pixel images become 7x7 maps at the bottom."""

from __future__ import annotations

import torch
from torch import nn


def norm(channels: int) -> nn.Module:
    return nn.InstanceNorm2d(channels, affine=False)


class ResidualBlock(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.body = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(width, width, 3), norm(width), nn.ReLU(True),
                                  nn.ReflectionPad2d(1), nn.Conv2d(width, width, 3), norm(width))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x + self.body(x)


class ResnetGenerator(nn.Module):
    def __init__(self, channels: int, width: int, blocks: int):
        super().__init__()
        layers: list[nn.Module] = [nn.ReflectionPad2d(3), nn.Conv2d(channels, width, 7), norm(width), nn.ReLU(True)]
        for factor in (1, 2):
            layers += [nn.Conv2d(width * factor, width * factor * 2, 3, 2, 1), norm(width * factor * 2), nn.ReLU(True)]
        layers += [ResidualBlock(width * 4) for _ in range(blocks)]
        for factor in (4, 2):
            layers += [nn.ConvTranspose2d(width * factor, width * factor // 2, 3, 2, 1, output_padding=1),
                       norm(width * factor // 2), nn.ReLU(True)]
        layers += [nn.ReflectionPad2d(3), nn.Conv2d(width, channels, 7), nn.Tanh()]
        self.body = nn.Sequential(*layers)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)
