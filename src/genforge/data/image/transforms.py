"""Conversions between stored uint8 images and the float ranges models train on (batched, no per-sample work)."""

import torch

from ...core.errors import NonFiniteImagesError


def require_finite(images: torch.Tensor) -> torch.Tensor:
    """Casting NaN to uint8 gives arbitrary pixels; a diverged model gets a clear error instead."""
    bad = (~torch.isfinite(images)).sum().item()
    if bad:
        raise NonFiniteImagesError(f"generated images contain {bad} NaN or Inf values out of {images.numel()}: "
                                   "the model has diverged; use an earlier checkpoint (--checkpoint)")
    return images


def to_signed_unit(images: torch.Tensor) -> torch.Tensor:
    """uint8 [0, 255] -> float [-1, 1] (the range of a tanh generator)."""
    return images.float().div_(127.5).sub_(1.0)


def from_signed_unit(images: torch.Tensor) -> torch.Tensor:
    """float [-1, 1] -> uint8 [0, 255], rounding to nearest."""
    return require_finite(images.float()).add(1.0).mul_(127.5).round_().clamp_(0, 255).to(torch.uint8)


def to_unit(images: torch.Tensor) -> torch.Tensor:
    """uint8 [0, 255] -> float [0, 1] (intensities for a Bernoulli or Gaussian decoder)."""
    return images.float().div_(255.0)


def from_unit(images: torch.Tensor) -> torch.Tensor:
    """float [0, 1] -> uint8 [0, 255], rounding to nearest."""
    return require_finite(images.float()).mul(255.0).round_().clamp_(0, 255).to(torch.uint8)


def mirrored(images: torch.Tensor, flips: torch.Tensor) -> torch.Tensor:
    """The batch with the images marked in `flips` (bool, one per image) flipped left-right."""
    return torch.where(flips[:, None, None, None], images.flip(-1), images)
