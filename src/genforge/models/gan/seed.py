"""`seed`: the design genforge started from, made to run. A documented baseline, not a recommendation.

The original Keras sketch put a Flatten before a Conv2D, returned the discriminator's input as its
output, and fed a sigmoid into a from-logits loss. What it meant, done correctly:
  G: one fully connected layer from z (100 dims) to a whole image (e.g. 128x128x3), then one 3x3 convolution;
  D: one 3x3 convolution with 64 filters, then one dense output unit. Its "sigmoid" lives inside the
     loss (softplus on the logit), which is the same function computed stably.
Trained with the non-saturating loss and Adam at 1e-4 (the `seed` model's defaults).
"""

from __future__ import annotations

from torch import nn


class SeedGenerator(nn.Module):
    def __init__(self, latent_dim: int, image_size: int, channels: int):
        super().__init__()
        self.shape = (channels, image_size, image_size)
        self.dense = nn.Linear(latent_dim, channels * image_size * image_size)
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)

    def forward(self, z, labels=None):
        x = nn.functional.leaky_relu(self.dense(z.flatten(1)), 0.2).view(-1, *self.shape)
        return self.conv(x).tanh()


class SeedDiscriminator(nn.Module):
    def __init__(self, image_size: int, channels: int, filters: int = 64):
        super().__init__()
        self.conv = nn.Conv2d(channels, filters, 3, padding=1)
        self.dense = nn.Linear(filters * image_size * image_size, 1)

    def forward(self, images, labels=None):
        return self.dense(nn.functional.leaky_relu(self.conv(images), 0.2).flatten(1)).flatten()
