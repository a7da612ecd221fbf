"""SNGAN-style ResNet generator and discriminator (Miyato et al. 2018, appendix B.4, tables 4 and 5;
the blocks of Gulrajani et al. 2017). Widths are constant across blocks, as in the CIFAR models.

G: linear z -> (w, base, base); one up-block per doubling (BN-ReLU-up-conv3-BN-ReLU-conv3, with an
up-conv1 shortcut); BN-ReLU-conv3-tanh. D: an optimised first down-block, one down-block per
further halving, one plain block, ReLU, global sum pooling, then a (projection) linear head.
"""

from __future__ import annotations

import torch.nn.functional as F
from torch import nn

from ..conv_networks import base_resolution
from .layers import ConditionalBatchNorm2d, ProjectionHead, maybe_spectral_norm


class GeneratorBlock(nn.Module):
    def __init__(self, channels: int, num_classes: int | None):
        super().__init__()
        self.norm1 = ConditionalBatchNorm2d(channels, num_classes)
        self.conv1 = nn.Conv2d(channels, channels, 3, padding=1)
        self.norm2 = ConditionalBatchNorm2d(channels, num_classes)
        self.conv2 = nn.Conv2d(channels, channels, 3, padding=1)
        self.shortcut = nn.Conv2d(channels, channels, 1)

    def forward(self, x, labels):
        h = F.interpolate(F.relu(self.norm1(x, labels)), scale_factor=2)
        h = self.conv2(F.relu(self.norm2(self.conv1(h), labels)))
        return h + self.shortcut(F.interpolate(x, scale_factor=2))


class ResNetGenerator(nn.Module):
    def __init__(self, latent_dim: int, image_size: int, channels: int, width: int, num_classes: int | None = None):
        super().__init__()
        self.base, doublings = base_resolution(image_size)
        self.width = width
        self.project = nn.Linear(latent_dim, width * self.base * self.base)
        self.blocks = nn.ModuleList(GeneratorBlock(width, num_classes) for _ in range(doublings))
        self.norm = nn.BatchNorm2d(width)
        self.to_image = nn.Conv2d(width, channels, 3, padding=1)

    def forward(self, z, labels=None):
        x = self.project(z.flatten(1)).view(-1, self.width, self.base, self.base)
        for block in self.blocks:
            x = block(x, labels)
        return self.to_image(F.relu(self.norm(x))).tanh()


class DiscriminatorBlock(nn.Module):
    def __init__(self, in_channels: int, out_channels: int, downsample: bool, first: bool, sn: bool):
        super().__init__()
        self.conv1 = maybe_spectral_norm(nn.Conv2d(in_channels, out_channels, 3, padding=1), sn)
        self.conv2 = maybe_spectral_norm(nn.Conv2d(out_channels, out_channels, 3, padding=1), sn)
        self.shortcut = (maybe_spectral_norm(nn.Conv2d(in_channels, out_channels, 1), sn)
                         if downsample or in_channels != out_channels else None)
        self.downsample, self.first = downsample, first

    def forward(self, x):
        h = x if self.first else F.relu(x)  # the optimised first block sees raw pixels
        h = self.conv2(F.relu(self.conv1(h)))
        if self.downsample:
            h = F.avg_pool2d(h, 2)
        skip = x
        if self.shortcut is not None:
            # First block: pool then project; later blocks: project then pool (Miyato et al. 2018).
            skip = self.shortcut(F.avg_pool2d(x, 2)) if self.first else self.shortcut(x)
            if self.downsample and not self.first:
                skip = F.avg_pool2d(skip, 2)
        return h + skip


class ResNetDiscriminator(nn.Module):
    def __init__(self, image_size: int, channels: int, width: int, num_classes: int | None = None,
                 use_spectral_norm: bool = True):
        super().__init__()
        _, doublings = base_resolution(image_size)
        blocks = [DiscriminatorBlock(channels, width, True, True, use_spectral_norm)]
        blocks += [DiscriminatorBlock(width, width, True, False, use_spectral_norm) for _ in range(doublings - 1)]
        blocks += [DiscriminatorBlock(width, width, False, False, use_spectral_norm)]
        self.blocks = nn.Sequential(*blocks)
        self.head = ProjectionHead(width, num_classes, use_spectral_norm)

    def forward(self, images, labels=None):
        h = F.relu(self.blocks(images)).sum((2, 3))
        return self.head(h, labels)
