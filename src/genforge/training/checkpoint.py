"""Checkpoints: tensors in safetensors, everything else in JSON. No pickle, so loading a stranger's
checkpoint cannot run code.

A checkpoint is a folder `checkpoints/step-00001234/` holding `tensors.safetensors` and
`state.json`. It is written under a temporary name, every file fsynced, then renamed into place
(an atomic operation on POSIX file systems) and the parent folder fsynced: a kill at any instant
leaves either the complete new checkpoint or none, and the previous ones intact.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import torch
from safetensors import SafetensorError
from safetensors.torch import load_file, save_file

from ..errors import RunError

FORMAT = "genforge-checkpoint/1"
TENSORS_FILE = "tensors.safetensors"
STATE_FILE = "state.json"
STEP_PATTERN = re.compile(r"^step-(\d{8})$")
BEST = "best"  # the checkpoint with the best evaluation so far


@dataclass
class Checkpoint:
    path: Path
    tensors: dict[str, torch.Tensor]
    state: dict

    @property
    def step(self) -> int:
        return int(self.state["step"])

    def prefixed(self, prefix: str) -> dict[str, torch.Tensor]:
        """The tensors saved under `prefix.` with the prefix removed."""
        return {key[len(prefix) + 1:]: value for key, value in self.tensors.items() if key.startswith(prefix + ".")}

    def load_model(self, model: torch.nn.Module) -> None:
        """The saved weights into `model`; a model built by other settings is a one-line RunError."""
        try:
            model.load_state_dict(self.prefixed("model"))
        except RuntimeError as error:  # missing, unexpected or differently shaped tensors
            details = [line.strip() for line in str(error).splitlines()[1:] if line.strip()] or [str(error)]
            raise RunError(f"{self.path}: its weights do not fit the model these settings build "
                           f"({details[0][:200]}); keep the model and data options the run was made with") from None


def _fsync_path(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def write_checkpoint(folder: Path, name: str, tensors: dict[str, torch.Tensor], state: dict) -> Path:
    """Atomically write checkpoint `name` under `folder`, replacing one of the same name."""
    folder.mkdir(parents=True, exist_ok=True)
    final = folder / name
    temporary = folder / f".tmp-{name}-{os.getpid()}"
    if temporary.exists():
        shutil.rmtree(temporary)
    temporary.mkdir()
    cpu_tensors = {key: value.detach().to("cpu").contiguous() for key, value in tensors.items()}
    save_file(cpu_tensors, str(temporary / TENSORS_FILE))
    (temporary / STATE_FILE).write_text(json.dumps({"format": FORMAT, **state}, indent=1))
    for path in (temporary / TENSORS_FILE, temporary / STATE_FILE, temporary):
        _fsync_path(path)
    if final.exists():
        # Replacing a folder is two renames; a kill between them leaves `.old-*`, which
        # checkpoint discovery ignores, and the complete new folder.
        old = folder / f".old-{name}-{os.getpid()}"
        os.rename(final, old)
        os.rename(temporary, final)
        shutil.rmtree(old)
    else:
        os.rename(temporary, final)
    _fsync_path(folder)
    return final


def step_checkpoints(folder: Path) -> list[Path]:
    """Complete step checkpoints under `folder`, oldest first."""
    if not folder.is_dir():
        return []
    found = [path for path in folder.iterdir()
             if STEP_PATTERN.match(path.name) and (path / STATE_FILE).is_file()]
    return sorted(found, key=lambda path: path.name)


def prune(folder: Path, keep: int) -> None:
    """Keep the newest `keep` step checkpoints; drop the rest and any leftovers of killed writes."""
    for path in step_checkpoints(folder)[:-keep]:
        shutil.rmtree(path)
    for path in folder.glob(".tmp-*"):
        shutil.rmtree(path, ignore_errors=True)
    for path in folder.glob(".old-*"):
        shutil.rmtree(path, ignore_errors=True)


def read_state(path: Path) -> dict:
    """A checkpoint's JSON state alone, without loading its tensors."""
    try:
        return json.loads((path / STATE_FILE).read_text())
    except (OSError, json.JSONDecodeError) as error:
        raise RunError(f"checkpoint {path} is unreadable: {error}") from None


def read_checkpoint(path: Path) -> Checkpoint:
    try:
        state = json.loads((path / STATE_FILE).read_text())
        if state.get("format") != FORMAT:
            raise RunError(f"checkpoint {path} has format {state.get('format')!r}, expected {FORMAT!r}")
        tensors = load_file(str(path / TENSORS_FILE), device="cpu")
    except FileNotFoundError as error:
        raise RunError(f"checkpoint {path} is incomplete: {Path(error.filename).name} is missing") from None
    except (json.JSONDecodeError, SafetensorError, OSError) as error:
        raise RunError(f"checkpoint {path} is unreadable: {error}") from None
    return Checkpoint(path, tensors, state)


def step_name(step: int) -> str:
    return f"step-{step:08d}"
