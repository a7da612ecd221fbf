"""Samplers by name (`genforge sample --sampler NAME`): `prior` for every model, and the ex-post
samplers a modality registers (the image VAEs' gmm and two-stage, pipelines/image/latent_samplers.py).
A sampler maps (model, run config, run folder, n, seed) to the drawn values."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from ..core.registry import Registry
from .handlers import import_modality_packages

Sampler = Callable[[object, object, Path, int, "int | None"], object]
SAMPLERS: Registry[Sampler] = Registry("sampler", populate=import_modality_packages)


@SAMPLERS.register("prior")
def prior_sampler(model, config, run, n, seed):
    """The model's own sampler: z ~ N(0, I) for a latent model."""
    return model.sample(n, seed=seed).values
