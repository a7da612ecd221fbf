"""Vector quantisation with the straight-through estimator (van den Oord et al. 2017, section 3.2)."""

from __future__ import annotations

import torch
from torch import nn


class VectorQuantizer(nn.Module):
    def __init__(self, codebook_size: int, code_dim: int):
        super().__init__()
        self.codebook = nn.Embedding(codebook_size, code_dim)
        nn.init.uniform_(self.codebook.weight, -1.0 / codebook_size, 1.0 / codebook_size)

    def nearest_codes(self, z: torch.Tensor) -> torch.Tensor:
        """(B, D, H, W) encoder outputs -> (B, H, W) indices of the nearest code vectors."""
        flat = z.permute(0, 2, 3, 1).reshape(-1, z.shape[1])
        distances = (flat.pow(2).sum(1, keepdim=True) - 2 * flat @ self.codebook.weight.T
                     + self.codebook.weight.pow(2).sum(1))
        return distances.argmin(1).view(z.shape[0], z.shape[2], z.shape[3])

    def embed(self, codes: torch.Tensor) -> torch.Tensor:
        """(B, H, W) indices -> (B, D, H, W) code vectors."""
        return self.codebook(codes).permute(0, 3, 1, 2)

    def forward(self, z: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor, torch.Tensor]:
        """(quantised with straight-through gradients, codes, codebook loss, commitment loss)."""
        codes = self.nearest_codes(z)
        quantised = self.embed(codes)
        codebook_loss = (quantised - z.detach()).pow(2).flatten(1).sum(1)  # ||sg[z_e] - e||^2
        commitment_loss = (z - quantised.detach()).pow(2).flatten(1).sum(1)  # ||z_e - sg[e]||^2
        # Straight-through: the decoder's gradient with respect to z_q is copied to z_e.
        return z + (quantised - z).detach(), codes, codebook_loss, commitment_loss
