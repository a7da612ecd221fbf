"""The Python API: load a trained run and sample from it.

    import genforge
    model = genforge.load("runs/demo")
    images = model.sample(64, seed=0).values   # Samples; .values: uint8 (64, C, H, W)
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..models import GenerativeModel, build_model
from ..training.devices import resolve_device
from ..training.run_config import RunConfig
from ..training.run_folder import RunFolder


def load(run_path: str | Path, checkpoint: str | Path | None = None, device: str = "cpu") -> GenerativeModel:
    """The model of a run, in eval mode, from its newest intact checkpoint (with a warning when newer
    ones are corrupt or do not fit the run's config), or from `checkpoint`: a name in the run's
    checkpoints/ ("best") or a folder."""
    return load_run(run_path, checkpoint, device).model


@dataclass
class LoadedRun:
    """A run read once: its folder, its config and its model, handed from one pipeline to the next
    (`genforge report` measures and then renders with the same model)."""

    folder: RunFolder
    config: RunConfig
    model: GenerativeModel

    @property
    def modality(self) -> str:
        return self.model.modality


def load_run(run_path: str | Path, checkpoint: str | Path | None = None, device: str = "cpu") -> LoadedRun:
    folder = RunFolder(Path(run_path))
    config = folder.read_config()
    return LoadedRun(folder, config, model_of(folder, config, checkpoint, device))


def model_of(folder: RunFolder, config: RunConfig, checkpoint: str | Path | None, device: str) -> GenerativeModel:
    model = build_model(config.model)
    saved = folder.chosen_checkpoint(checkpoint, use=lambda found: found.load_model(model))
    model.loaded_step = saved.step  # which training step the weights are from (eval.json records it)
    model.loaded_from = saved.path
    return model.to(resolve_device(device)).eval()
