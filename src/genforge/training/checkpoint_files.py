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

from ..core.errors import GenforgeError
from ..core.storage import require_free_space, storage_errors
from .checkpoint_schema import CorruptCheckpoint, check_state

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
        return self.state["step"]  # an int >= 0: check_state has checked it

    def prefixed(self, prefix: str) -> dict[str, torch.Tensor]:
        """The tensors saved under `prefix.` with the prefix removed."""
        return {key[len(prefix) + 1:]: value for key, value in self.tensors.items() if key.startswith(prefix + ".")}

    def load_model(self, model: torch.nn.Module) -> None:
        """The saved weights and assets (a tokeniser) into `model`. Tensors or assets that do not fit it
        are a CorruptCheckpoint: a reader then falls back to an older checkpoint that fits, and when
        none does (the settings changed, not the file), it is one line."""
        try:
            model.load_state_dict(self.prefixed("model"))
        except RuntimeError as error:  # missing, unexpected or differently shaped tensors
            details = [line.strip() for line in str(error).splitlines()[1:] if line.strip()] or [str(error)]
            raise CorruptCheckpoint(f"{self.path}: its weights do not fit the model these settings build "
                                    f"({details[0][:200]})",
                                    "keep the model and data options the run was made with") from None
        try:
            model.load_assets(self.state.get("assets", {}))
        except GenforgeError as error:  # a tokeniser other than the config's, or not one at all
            raise CorruptCheckpoint(f"checkpoint {self.path}: {error}") from None


def _fsync_path(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


# Free space asked for beyond a checkpoint's own size before writing it: room for the file-system's
# overhead and for status.json and metrics lines written after it.
SPACE_MARGIN_BYTES = 16 * 2**20
PAUSE_VARIABLE = "GENFORGE_TEST_PAUSE_IN_CHECKPOINT"  # tests only: see pause_for_tests


def pause_for_tests(temporary: Path, name: str) -> None:
    """A test hook: with GENFORGE_TEST_PAUSE_IN_CHECKPOINT=step-00000008, the write of that checkpoint
    stops half-way (tensors written, state not, nothing renamed), says so in `checkpoints/.paused`
    and waits, so that a test's SIGKILL lands inside the write deterministically. Unset, it costs
    one environment look-up per checkpoint."""
    if os.environ.get(PAUSE_VARIABLE) != name:
        return
    import time

    (temporary.parent / ".paused").write_text(f"{os.getpid()}\n")
    while True:
        time.sleep(0.05)


def write_checkpoint(folder: Path, name: str, tensors: dict[str, torch.Tensor], state: dict) -> Path:
    """Atomically write checkpoint `name` under `folder`, replacing one of the same name.

    A full disk (checked before writing, with a margin) or any other write failure is a one-line
    StorageError; the temporary folder is removed and the earlier checkpoints stay intact."""
    final = folder / name
    temporary = folder / f".tmp-{name}-{os.getpid()}"
    cpu_tensors = {key: value.detach().to("cpu").contiguous() for key, value in tensors.items()}
    state_text = json.dumps({"format": FORMAT, **state}, indent=1)
    size = sum(t.numel() * t.element_size() for t in cpu_tensors.values()) + len(state_text)
    with storage_errors(f"checkpoint {name}", folder, cleanup=temporary, also=(SafetensorError,)):
        folder.mkdir(parents=True, exist_ok=True)
        require_free_space(size + SPACE_MARGIN_BYTES, folder, f"checkpoint {name}")
        if temporary.exists():
            shutil.rmtree(temporary)
        temporary.mkdir()
        save_file(cpu_tensors, str(temporary / TENSORS_FILE))
        pause_for_tests(temporary, name)
        (temporary / STATE_FILE).write_text(state_text)
        for path in (temporary / TENSORS_FILE, temporary / STATE_FILE, temporary):
            _fsync_path(path)
        _move_into_place(temporary, final)
        _fsync_path(folder)
    return final


def _move_into_place(temporary: Path, final: Path) -> None:
    folder, name = final.parent, final.name
    if final.exists():
        # Replacing a folder is two renames; a kill between them leaves `.old-*`, which
        # checkpoint discovery ignores, and the complete new folder.
        old = folder / f".old-{name}-{os.getpid()}"
        os.rename(final, old)
        os.rename(temporary, final)
        shutil.rmtree(old)
    else:
        os.rename(temporary, final)


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
    remove_leftovers(folder)


def remove_leftovers(folder: Path) -> None:
    """The `.tmp-*` and `.old-*` folders of writes that a kill, a crash or a full disk cut short. Only
    the run's one writer (it holds the run's lock) calls this, so no write in flight is touched."""
    for pattern in (".tmp-*", ".old-*", ".paused"):
        for path in folder.glob(pattern):
            if path.is_dir():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def _read_json_state(path: Path) -> dict:
    try:
        text = (path / STATE_FILE).read_text()
    except FileNotFoundError:
        raise CorruptCheckpoint(f"checkpoint {path} is incomplete: {STATE_FILE} is missing") from None
    except (OSError, UnicodeDecodeError) as error:
        raise CorruptCheckpoint(f"checkpoint {path} is unreadable: {error}") from None
    try:
        state = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as error:
        raise CorruptCheckpoint(f"checkpoint {path}: {STATE_FILE} is not valid JSON ({error})") from None
    check_state(state, path, FORMAT)
    return state


def read_state(path: Path) -> dict:
    """A checkpoint's JSON state alone, checked against its schema, without loading its tensors."""
    return _read_json_state(path)


def read_checkpoint(path: Path) -> Checkpoint:
    """A checkpoint whose state has the schema's fields and types and whose tensors file is whole;
    anything else is one RunError line naming the checkpoint and what is wrong."""
    state = _read_json_state(path)
    try:
        tensors = load_file(str(path / TENSORS_FILE), device="cpu")
    except FileNotFoundError:
        raise CorruptCheckpoint(f"checkpoint {path} is incomplete: {TENSORS_FILE} is missing") from None
    except (SafetensorError, OSError) as error:
        raise CorruptCheckpoint(f"checkpoint {path} is unreadable: {TENSORS_FILE}: {str(error).splitlines()[0]}") from None
    return Checkpoint(path, tensors, state)


def step_name(step: int) -> str:
    return f"step-{step:08d}"
