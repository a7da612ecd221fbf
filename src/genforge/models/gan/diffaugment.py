"""Differentiable augmentation (Zhao et al. 2020, "Differentiable Augmentation for Data-Efficient
GAN Training", section 3 and their reference code): the same random colour, translation and
cutout transforms are applied to real and generated images before every discriminator call,
through which gradients flow to the generator. Images are in [-1, 1]."""

from __future__ import annotations

from typing import Callable

import torch
import torch.nn.functional as F

from ...core.errors import ConfigError


def _rand(x: torch.Tensor, *shape: int) -> torch.Tensor:
    return torch.rand(x.shape[0], *shape, device=x.device, dtype=x.dtype)


def color(x: torch.Tensor) -> torch.Tensor:
    x = x + (_rand(x, 1, 1, 1) - 0.5)  # brightness
    mean = x.mean(dim=1, keepdim=True)
    x = (x - mean) * (_rand(x, 1, 1, 1) * 2) + mean  # saturation
    mean = x.mean(dim=[1, 2, 3], keepdim=True)
    return (x - mean) * (_rand(x, 1, 1, 1) + 0.5) + mean  # contrast


def translation(x: torch.Tensor, ratio: float = 0.125) -> torch.Tensor:
    """Shift by up to 1/8 of the size, zero-padded."""
    n, _, h, w = x.shape
    shift_y, shift_x = int(h * ratio + 0.5), int(w * ratio + 0.5)
    ty = torch.randint(-shift_y, shift_y + 1, (n, 1, 1), device=x.device)
    tx = torch.randint(-shift_x, shift_x + 1, (n, 1, 1), device=x.device)
    grid_b, grid_y, grid_x = torch.meshgrid(torch.arange(n, device=x.device), torch.arange(h, device=x.device),
                                            torch.arange(w, device=x.device), indexing="ij")
    grid_y = torch.clamp(grid_y + ty + 1, 0, h + 1)
    grid_x = torch.clamp(grid_x + tx + 1, 0, w + 1)
    padded = F.pad(x, [1, 1, 1, 1])
    return padded.permute(0, 2, 3, 1)[grid_b, grid_y, grid_x].permute(0, 3, 1, 2)


def cutout(x: torch.Tensor, ratio: float = 0.5) -> torch.Tensor:
    """Zero a square of half the size at a random place."""
    n, _, h, w = x.shape
    size_y, size_x = int(h * ratio + 0.5), int(w * ratio + 0.5)
    offset_y = torch.randint(0, h + (1 - size_y % 2), (n, 1, 1), device=x.device)
    offset_x = torch.randint(0, w + (1 - size_x % 2), (n, 1, 1), device=x.device)
    grid_b, grid_y, grid_x = torch.meshgrid(torch.arange(n, device=x.device), torch.arange(size_y, device=x.device),
                                            torch.arange(size_x, device=x.device), indexing="ij")
    grid_y = torch.clamp(grid_y + offset_y - size_y // 2, min=0, max=h - 1)
    grid_x = torch.clamp(grid_x + offset_x - size_x // 2, min=0, max=w - 1)
    mask = torch.ones(n, h, w, dtype=x.dtype, device=x.device)
    mask[grid_b, grid_y, grid_x] = 0
    return x * mask.unsqueeze(1)


POLICIES: dict[str, Callable[[torch.Tensor], torch.Tensor]] = {"color": color, "translation": translation,
                                                                "cutout": cutout}


def parse_policy(policy: str) -> list[Callable[[torch.Tensor], torch.Tensor]]:
    names = [name.strip() for name in policy.split(",") if name.strip()]
    for name in names:
        if name not in POLICIES:
            raise ConfigError(f"unknown DiffAugment transform {name!r}; choose from {', '.join(POLICIES)}")
    return [POLICIES[name] for name in names]


def diff_augment(x: torch.Tensor, transforms: list[Callable[[torch.Tensor], torch.Tensor]]) -> torch.Tensor:
    """The transforms applied in turn, in the memory layout `x` came in (channels-last stays so)."""
    if not transforms:
        return x
    layout = torch.channels_last if x.dim() == 4 and x.is_contiguous(memory_format=torch.channels_last) \
        and not x.is_contiguous() else torch.contiguous_format
    for transform in transforms:
        x = transform(x)
    return x.contiguous(memory_format=layout)
