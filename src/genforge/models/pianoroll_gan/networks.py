"""The piano-roll GAN's networks: 1-D convolutions over time with the 88 keys (of every track) as
channels, so that a filter sees every key of a few frames at once (MidiNet's first layer spans the
whole pitch axis too); with several tracks the channels are track-major (track t's key k: t x 88 + k)."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm

KEYS = 88


class Generator(nn.Module):
    """z -> (frames, tracks x 88) key probabilities, upsampling the time axis 4x in two transposed convolutions."""

    def __init__(self, latent_dim: int, width: int, frames: int, tracks: int = 1):
        super().__init__()
        self.start = frames // 4
        self.project = nn.Sequential(nn.Linear(latent_dim, 2 * width * self.start), nn.ReLU())
        self.body = nn.Sequential(
            nn.ConvTranspose1d(2 * width, width, 4, 2, 1), nn.BatchNorm1d(width), nn.ReLU(),
            nn.ConvTranspose1d(width, KEYS * tracks, 4, 2, 1))
        self.width = width

    def forward(self, z: torch.Tensor) -> torch.Tensor:
        h = self.project(z).view(len(z), 2 * self.width, self.start)
        return torch.sigmoid(self.body(h)).transpose(1, 2)  # (items, frames, keys)


class Discriminator(nn.Module):
    def __init__(self, width: int, frames: int, normalised: bool, tracks: int = 1):
        super().__init__()
        wrap = spectral_norm if normalised else (lambda layer: layer)
        self.body = nn.Sequential(
            wrap(nn.Conv1d(KEYS * tracks, width, 4, 2, 1)), nn.LeakyReLU(0.2),
            wrap(nn.Conv1d(width, 2 * width, 4, 2, 1)), nn.LeakyReLU(0.2))
        self.out = wrap(nn.Linear(2 * width * (frames // 4), 1))

    def forward(self, rolls: torch.Tensor) -> torch.Tensor:
        return self.out(self.body(rolls.transpose(1, 2)).flatten(1)).squeeze(1)
