"""The latent-space tools of a run, for a user: reconstructions, interpolations and traversals. Each
checks what the model declares before any data loads, and returns what the CLI writes (handlers.ToolOutput:
images for a grid, or lines of text), computed by the handler of the model's modality."""

from __future__ import annotations

from pathlib import Path

import torch

from ..core.capabilities import require
from ..core.errors import GenforgeError
from ..data import held_out_split, load_split
from ..training.run_folder import RunFolder
from .handlers import PIPELINES, ToolOutput  # noqa: F401  (ToolOutput: what the tools return)
from .loading import load

MAX_TRAVERSED_DIMENSIONS = 32
MAX_INTERPOLATION_STEPS = 1000  # points along a path: a row of 1000 images, or 1000 decoded sentences


def reconstruct(run: str | Path, n: int | None, columns: int, checkpoint: str | Path | None = None) -> ToolOutput:
    """Held-out items with their reconstructions: images in rows above theirs, or text pairs."""
    model = load(run, checkpoint)
    require(model, "reconstruct", "`genforge reconstruct`", run)
    config = RunFolder(Path(run)).read_config()
    return PIPELINES.get(model.modality).reconstruct(model, load_split(config.data, held_out_split(config.data)), n,
                                                    columns)


def interpolate(run: str | Path, a: str, b: str, steps: int, checkpoint: str | Path | None = None) -> ToolOutput:
    """Decoded points along the path between two ends: held-out encodings or two seeds' latents (images,
    A and B their indices or seeds), or two sentences' posterior means (a sentence VAE's homotopy)."""
    if steps > MAX_INTERPOLATION_STEPS:
        raise GenforgeError(f"--steps must be at most {MAX_INTERPOLATION_STEPS}, got {steps}")
    model = load(run, checkpoint)
    require(model, "interpolate", "`genforge interpolate`", run)
    return PIPELINES.get(model.modality).interpolate(model, RunFolder(Path(run)).read_config(), a, b, steps)


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


def transfer(run: str | Path, item: str, attribute: str, amount: float,
             checkpoint: str | Path | None = None) -> ToolOutput:
    """`item` moved along one of the run's attribute vectors and decoded (music: MusicVAE's attribute
    arithmetic), by the handler of the run's modality."""
    if not -100 <= amount <= 100:
        raise GenforgeError(f"--amount must lie in [-100, 100], got {amount}")
    model = load(run, checkpoint)
    require(model, "transfer", "`genforge transfer`", run)
    return PIPELINES.get(model.modality).transfer(RunFolder(Path(run)), model, item, attribute, amount)


def attributes(run: str | Path, add: tuple[str, str, str] | None = None,
               checkpoint: str | Path | None = None) -> list[str]:
    """The run's attribute vectors, one line each (the built-in ones made on first use, `add` added)."""
    model = load(run, checkpoint)
    require(model, "transfer", "`genforge attributes`", run)
    return PIPELINES.get(model.modality).attributes(RunFolder(Path(run)), model, add)
