"""The latent-space tools of a run, for a user: reconstructions, interpolations and traversals. Each
checks what the model declares before any data loads, and returns what the CLI writes: uint8 images
for a grid, or texts (a sentence VAE's reconstructions and homotopies), by the model's modality."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import torch

from ..api import load
from ..data import held_out_split, load_split
from ..errors import GenforgeError
from ..modalities.text.writers import homotopy_lines
from ..registry import Registry
from ..sampling import interpolation, reconstructions, require, rows_above
from ..training.run_folder import RunFolder

MAX_TRAVERSED_DIMENSIONS = 32
MAX_INTERPOLATION_STEPS = 1000  # points along a path: a row of 1000 images, or 1000 decoded sentences


@dataclass
class ToolOutput:
    """Images for a grid (`columns` wide), or lines of text; `count` the inputs they came from."""

    images: torch.Tensor | None = None
    columns: int = 0
    texts: list[str] = field(default_factory=list)
    count: int = 0


def reconstruct(run: str | Path, n: int | None, columns: int, checkpoint: str | Path | None = None) -> ToolOutput:
    """Held-out items with their reconstructions: images in rows above theirs, or text pairs."""
    model = load(run, checkpoint)
    require(model, "reconstruct", "`genforge reconstruct`", run)
    config = RunFolder(Path(run)).read_config()
    return RECONSTRUCTIONS.get(model.modality)(model, load_split(config.data, held_out_split(config.data)), n, columns)


def reconstructed_images(model, held_out, n: int | None, columns: int) -> ToolOutput:
    images = held_out.images[:n or 32]
    return ToolOutput(rows_above(images, reconstructions(model, images), columns), columns, count=images.shape[0])


def reconstructed_texts(model, held_out, n: int | None, columns: int) -> ToolOutput:
    inputs = held_out.examples[:n or 10]
    lines = []
    for given, back in zip(inputs, model.reconstruct_texts(inputs)):
        lines += [f"input:          {given}", f"reconstruction: {back}", ""]
    return ToolOutput(texts=lines, count=len(inputs))


RECONSTRUCTIONS = Registry("modality with reconstructions")
RECONSTRUCTIONS.register("image")(reconstructed_images)
RECONSTRUCTIONS.register("text")(reconstructed_texts)


def interpolate(run: str | Path, a: str, b: str, steps: int, checkpoint: str | Path | None = None) -> ToolOutput:
    """Decoded points along the path between two ends: held-out encodings or two seeds' latents (images,
    A and B their indices or seeds), or two sentences' posterior means (a sentence VAE's homotopy)."""
    if steps > MAX_INTERPOLATION_STEPS:
        raise GenforgeError(f"--steps must be at most {MAX_INTERPOLATION_STEPS}, got {steps}")
    model = load(run, checkpoint)
    require(model, "interpolate", "`genforge interpolate`", run)
    return INTERPOLATIONS.get(model.modality)(model, RunFolder(Path(run)).read_config(), a, b, steps)


def interpolated_images(model, config, a: str, b: str, steps: int) -> ToolOutput:
    try:
        ends = int(a), int(b)
    except ValueError:
        raise GenforgeError(f"--a and --b are test image indices (VAEs) or seeds (GANs), got {a!r} and {b!r}") from None
    return ToolOutput(interpolation(model, config, *ends, steps), steps, count=2)


def interpolated_texts(model, config, a: str, b: str, steps: int) -> ToolOutput:
    path = model.homotopy(a, b, steps)
    return ToolOutput(texts=homotopy_lines(path), count=2)


INTERPOLATIONS = Registry("modality with interpolations")
INTERPOLATIONS.register("image")(interpolated_images)
INTERPOLATIONS.register("text")(interpolated_texts)


def traverse(run: str | Path, values: int, extent: float, checkpoint: str | Path | None = None
             ) -> tuple[torch.Tensor, int]:
    """One row per latent dimension sweeping it from -extent to extent, the others at 0:
    (the images, the number of dimensions)."""
    model = load(run, checkpoint)
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
