"""Trained tiny runs shared by the tests of one process (a pytest session, or one xdist worker): each
distinct run is trained once, and every test gets a copy of its own to read or change."""

from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Hashable

_FOLDER: Path | None = None
_TRAINED: dict[Hashable, Path] = {}


def shared_run(key: Hashable, train: Callable[[Path], object], into: Path) -> Path:
    """A copy at `into` of the run `train(folder)` makes, trained the first time `key` is asked for."""
    global _FOLDER
    if key not in _TRAINED:
        if _FOLDER is None:
            _FOLDER = Path(tempfile.mkdtemp(prefix="genforge-shared-runs-"))
            atexit.register(shutil.rmtree, _FOLDER, True)
        folder = _FOLDER / f"run-{len(_TRAINED)}"
        train(folder)
        _TRAINED[key] = folder
    shutil.copytree(_TRAINED[key], into)
    (into / ".lock").unlink(missing_ok=True)  # a lock belongs to its writer, never to a copy
    return into
