"""Evaluation for a user: a run's samples for the metrics, which never load a model themselves."""

from __future__ import annotations

from pathlib import Path

import torch

from ..api import load
from ..metrics.evaluate import evaluate  # noqa: F401  (for the CLI: metrics that can read run folders)
from ..metrics.sources import RUN_READERS


@RUN_READERS.register("run")
def run_images(run: Path, n: int, seed: int) -> torch.Tensor:
    """n images sampled with `seed` from the newest intact checkpoint of `run`."""
    return load(run).sample(n, seed=seed).values
