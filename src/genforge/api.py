"""The Python API: load a trained run and sample from it.

    import genforge
    model = genforge.load("runs/demo")
    images = model.sample(64, seed=0).values   # Samples; .values: uint8 (64, C, H, W)
"""

from __future__ import annotations

from pathlib import Path

from .models import GenerativeModel, build_model
from .training.devices import resolve_device
from .training.run_folder import RunFolder


def load(run_path: str | Path, checkpoint: str | Path | None = None, device: str = "cpu") -> GenerativeModel:
    """The model of a run, in eval mode, from its newest intact checkpoint (with a warning when newer
    ones are corrupt or do not fit the run's config), or from `checkpoint`: a name in the run's
    checkpoints/ ("best") or a folder."""
    run = RunFolder(Path(run_path))
    config = run.read_config()
    model = build_model(config.model)
    saved = run.chosen_checkpoint(checkpoint, use=lambda found: found.load_model(model))
    model.loaded_step = saved.step  # which training step the weights are from (eval.json records it)
    return model.to(resolve_device(device)).eval()
