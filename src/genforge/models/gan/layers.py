"""Building blocks shared by the GAN architectures: conditional BatchNorm, spectral norm, projection."""

from __future__ import annotations

import torch
from torch import nn
from torch.nn.utils.parametrizations import spectral_norm


def maybe_spectral_norm(module: nn.Module, enabled: bool) -> nn.Module:
    """Spectral normalisation (Miyato et al. 2018): weight / sigma_max(weight), by power iteration."""
    return spectral_norm(module) if enabled else module


class ConditionalBatchNorm2d(nn.Module):
    """BatchNorm whose scale and shift are looked up per class (de Vries et al. 2017; Miyato and Koyama 2018).

    Without classes it is plain BatchNorm, so generators take `labels=None` either way.
    """

    def __init__(self, channels: int, num_classes: int | None):
        super().__init__()
        self.num_classes = num_classes
        self.norm = nn.BatchNorm2d(channels, affine=num_classes is None)
        if num_classes:
            self.scale = nn.Embedding(num_classes, channels)
            self.shift = nn.Embedding(num_classes, channels)
            nn.init.ones_(self.scale.weight)
            nn.init.zeros_(self.shift.weight)

    def forward(self, x: torch.Tensor, labels: torch.Tensor | None = None) -> torch.Tensor:
        x = self.norm(x)
        if not self.num_classes:
            return x
        if labels is None:
            raise ValueError("a conditional generator needs class labels")
        return x * self.scale(labels)[:, :, None, None] + self.shift(labels)[:, :, None, None]


class MinibatchStdDev(nn.Module):
    """The standard deviation of each feature over groups of `group_size` samples, averaged to one
    number per group (Karras et al. 2018, section 3; StyleGAN's groups of 4), for every sample of the
    group. A batch of near-identical fakes then looks different from a batch of reals, which
    penalises mode collapse; so a batch must not mix real and fake images.

    Groups are spaced out as in StyleGAN: sample i is in group i mod (N / group_size). A batch that
    is not a multiple of the group size uses the largest group size that divides it, or one group of
    the whole batch when only 1 does (a prime batch). Returns (N,); ProGAN appends it as a constant
    feature map (see DCGANDiscriminator.unconditional_logits)."""

    def __init__(self, group_size: int = 4):
        super().__init__()
        self.group_size = group_size

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        n = x.shape[0]
        group = next(g for g in range(min(self.group_size, n), 0, -1) if n % g == 0)
        group = n if group == 1 else group  # groups of one sample would have no spread at all
        grouped = x.float().reshape(group, n // group, *x.shape[1:])
        # By hand: torch.var over the first dim of a channels-last view is ~70x slower on the CPU.
        variance = (grouped - grouped.mean(0)).square().mean(0)
        std = (variance + 1e-8).sqrt().flatten(1).mean(1)  # one value per group
        return std.repeat(group).to(x.dtype)


class ProjectionHead(nn.Module):
    """The discriminator's output from pooled features h: psi(h) + <embed(y), h> (Miyato and Koyama 2018, eq. 3)."""

    def __init__(self, features: int, num_classes: int | None, use_spectral_norm: bool):
        super().__init__()
        self.linear = maybe_spectral_norm(nn.Linear(features, 1), use_spectral_norm)
        self.embed = (maybe_spectral_norm(nn.Embedding(num_classes, features), use_spectral_norm)
                      if num_classes else None)

    def forward(self, h: torch.Tensor, labels: torch.Tensor | None) -> torch.Tensor:
        logits = self.linear(h).flatten()
        if self.embed is not None:
            if labels is None:
                raise ValueError("a projection discriminator needs class labels")
            logits = logits + (self.embed(labels) * h).sum(1)
        return logits


def discriminator_norm(kind: str, channels: int) -> nn.Module:
    from ...core.errors import ConfigError

    if kind == "batch":
        return nn.BatchNorm2d(channels)
    if kind == "none":
        return nn.Identity()
    raise ConfigError(f"model.discriminator_norm must be batch or none, got {kind!r}")
