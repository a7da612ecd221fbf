"""A small PixelCNN (van den Oord et al. 2016) over the VQ-VAE's grid of codes: masked convolutions
so each position sees only those above it and to its left; the first mask (type A) hides the
position itself. Outputs logits over the codebook at every position."""

from __future__ import annotations

import torch
import torch.nn.functional as F
from torch import nn


class MaskedConv2d(nn.Conv2d):
    def __init__(self, in_channels: int, out_channels: int, kernel_size: int, mask_type: str):
        super().__init__(in_channels, out_channels, kernel_size, padding=kernel_size // 2)
        mask = torch.ones_like(self.weight)
        centre = kernel_size // 2
        mask[:, :, centre, centre + (mask_type == "B"):] = 0
        mask[:, :, centre + 1:] = 0
        self.register_buffer("mask", mask)

    def forward(self, x):
        return F.conv2d(x, self.weight * self.mask, self.bias, padding=self.padding)


class PixelCNNPrior(nn.Module):
    def __init__(self, codebook_size: int, width: int, layers: int):
        super().__init__()
        self.codebook_size = codebook_size
        self.embed = nn.Embedding(codebook_size, width)
        blocks: list[nn.Module] = [MaskedConv2d(width, width, 7, "A")]
        for _ in range(layers - 1):
            blocks += [nn.ReLU(), MaskedConv2d(width, width, 3, "B")]
        self.body = nn.Sequential(*blocks, nn.ReLU())
        self.to_logits = nn.Conv2d(width, codebook_size, 1)

    def forward(self, codes: torch.Tensor) -> torch.Tensor:
        """(B, H, W) codes -> (B, K, H, W) logits of each position given those before it."""
        return self.to_logits(self.body(self.embed(codes).permute(0, 3, 1, 2)))

    @torch.no_grad()
    def sample(self, n: int, height: int, width: int, generator: torch.Generator, device) -> torch.Tensor:
        """Codes drawn position by position in raster order, with their own RNG."""
        codes = torch.zeros(n, height, width, dtype=torch.long, device=device)
        for row in range(height):
            for column in range(width):
                probabilities = torch.softmax(self(codes)[:, :, row, column].float(), dim=1).cpu()
                codes[:, row, column] = torch.multinomial(probabilities, 1, generator=generator).squeeze(1).to(device)
        return codes
