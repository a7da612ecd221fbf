"""The latent-space tools of a run, for a user: reconstructions, interpolations and traversals. Each
checks what the model declares before any data loads, and returns uint8 images for the CLI to write."""

from __future__ import annotations

from pathlib import Path

import torch

from ..api import load
from ..data import held_out_split, load_split
from ..errors import GenforgeError
from ..sampling import interpolation, reconstructions, require, rows_above
from ..training.run_folder import RunFolder

MAX_TRAVERSED_DIMENSIONS = 32


def reconstruct(run: str | Path, n: int, columns: int) -> tuple[torch.Tensor, int]:
    """Held-out images in rows above their reconstructions: (the grid's images, how many inputs)."""
    model = load(run)
    require(model, "reconstruct", "`genforge reconstruct`", run)
    config = RunFolder(Path(run)).read_config()
    images = load_split(config.data, held_out_split(config.data)).images[:n]
    return rows_above(images, reconstructions(model, images), columns), images.shape[0]


def interpolate(run: str | Path, a: int, b: int, steps: int) -> torch.Tensor:
    """Decoded points along the path between two ends (held-out encodings, or two seeds' latents)."""
    model = load(run)
    require(model, "interpolate", "`genforge interpolate`", run)
    return interpolation(model, RunFolder(Path(run)).read_config(), a, b, steps)


def traverse(run: str | Path, values: int, extent: float) -> tuple[torch.Tensor, int]:
    """One row per latent dimension sweeping it from -extent to extent, the others at 0:
    (the images, the number of dimensions)."""
    model = load(run)
    model.capabilities.require_latent("gaussian", "`genforge traverse`", str(run), model.config.name)
    shape = model.latent_shape
    if len(shape) != 1 or shape[0] > MAX_TRAVERSED_DIMENSIONS:
        raise GenforgeError(f"traverse needs Gaussian latents of at most {MAX_TRAVERSED_DIMENSIONS} dimensions; "
                            f"this {model.config.name} has latents of shape {tuple(shape)}")
    dimensions = shape[0]
    sweep = torch.linspace(-extent, extent, values)
    latents = torch.zeros(dimensions, values, dimensions)
    for dimension in range(dimensions):
        latents[dimension, :, dimension] = sweep
    labels = torch.zeros(dimensions * values, dtype=torch.long) if model.num_classes else None
    return model.sample(dimensions * values, latents=latents.view(-1, dimensions), labels=labels).values, dimensions
