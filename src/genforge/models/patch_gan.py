"""The PatchGAN discriminator of pix2pix and CycleGAN (Isola et al. 2017, Sec. 3.2.2; the reference
code's `NLayerDiscriminator`): it classifies each overlapping patch of an image as real or fake.
4x4 convolutions, `layers` of them of stride 2 and two of stride 1; batch norm (pix2pix) or instance
norm (CycleGAN) after all but the first and the last.

Its receptive field is `patch_receptive_field(layers)`: 16, 34, 70 (the paper's 70x70 at 256 px), 142
pixels for 1-4 layers. By default the layers are chosen so that a patch covers about the share of the
image the 70x70 patch covers at 256 px (70 / 256), at least 16 pixels. Shared here, not imported
across family folders, so that the families stay independent of each other.
"""

from __future__ import annotations

import torch
from torch import nn

NORMS = {"batch": nn.BatchNorm2d, "instance": lambda channels: nn.InstanceNorm2d(channels, affine=False)}


def patch_receptive_field(layers: int) -> int:
    """The receptive field of a PatchGAN output cell: kernel 4 everywhere, `layers` convolutions of
    stride 2, then two of stride 1 (r grows by 3 x the product of the strides before each layer)."""
    field, jump = 1, 1
    for stride in [2] * layers + [1, 1]:
        field += 3 * jump
        jump *= stride
    return field


def patch_layers_for(size: int) -> int:
    """The layers whose receptive field is nearest 70 / 256 of the image side (16 pixels at least)."""
    wanted = max(16.0, size * 70 / 256)
    return min(range(1, 6), key=lambda layers: abs(patch_receptive_field(layers) - wanted))


class PatchDiscriminator(nn.Module):
    """Images (pix2pix: input and output side by side in the channels) -> a map of logits, one per patch."""

    def __init__(self, in_channels: int, width: int = 64, layers: int = 3, norm: str = "batch"):
        super().__init__()
        modules: list[nn.Module] = [nn.Conv2d(in_channels, width, 4, 2, 1), nn.LeakyReLU(0.2, True)]
        previous = width
        for layer in range(1, layers + 1):
            current = width * min(2 ** layer, 8)
            stride = 2 if layer < layers else 1
            modules += [nn.Conv2d(previous, current, 4, stride, 1, bias=False), NORMS[norm](current),
                        nn.LeakyReLU(0.2, True)]
            previous = current
        modules.append(nn.Conv2d(previous, 1, 4, 1, 1))
        self.body = nn.Sequential(*modules)
        self.receptive_field = patch_receptive_field(layers)

    def forward(self, pair: torch.Tensor) -> torch.Tensor:
        return self.body(pair)
