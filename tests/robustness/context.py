"""What a malformed-input case gets to build its input with, and the checks every case shares."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from helpers import write_photo

# A pickle that, if anything ever unpickled it, would create the file named in PLANTED_MARKER.
PLANTED_MARKER = "PICKLE-WAS-LOADED"


def planted_pickle(marker: Path) -> bytes:
    import pickle

    class Payload:
        def __reduce__(self):
            return (open, (str(marker), "w"))

    return pickle.dumps(Payload())


@dataclass
class Context:
    """A case's workspace: a fresh copy of a trained tiny run, the tiny Fashion-MNIST, helpers."""

    tmp: Path
    run: Path
    data: Path
    monkeypatch: object
    protected: list[Path] = field(default_factory=list)
    cleanups: list[Callable[[], None]] = field(default_factory=list)

    def protect(self, *paths: Path) -> None:
        """These must be exactly as they were after the command, whatever it did."""
        self.protected += paths

    def photos(self, name: str = "photos", count: int = 6) -> Path:
        folder = self.tmp / name
        for index in range(count):
            write_photo(folder / f"{index:03d}.png", 40, 30, seed=index)
        return folder

    def checkpoints(self) -> list[Path]:
        return sorted((self.run / "checkpoints").glob("step-*"))

    @property
    def marker(self) -> Path:
        return self.tmp / PLANTED_MARKER

    def hold_lock(self, folder: Path) -> int:
        """Another process that holds `folder`/.lock (as a training process would); its pid."""
        script = ("import fcntl, os, sys, time\n"
                  f"fd = os.open({str(folder / '.lock')!r}, os.O_RDWR | os.O_CREAT)\n"
                  "fcntl.flock(fd, fcntl.LOCK_EX)\n"
                  "os.write(fd, str(os.getpid()).encode())\n"
                  "print('locked', flush=True)\n"
                  "time.sleep(120)\n")
        holder = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
        assert holder.stdout.readline().strip() == "locked"
        self.cleanups.append(lambda: (holder.kill(), holder.wait()))
        return holder.pid


def tree_digest(path: Path) -> dict[str, str]:
    """Every file below `path` (or the file itself) with the SHA-256 of its bytes."""
    if path.is_file():
        return {path.name: hashlib.sha256(path.read_bytes()).hexdigest()}
    found = {}
    for item in sorted(path.rglob("*")):
        if item.is_file() and not item.is_symlink():
            found[item.relative_to(path).as_posix()] = hashlib.sha256(item.read_bytes()).hexdigest()
    return found


def half_written(root: Path) -> list[str]:
    """Temporary files and folders that a write left behind (`.tmp-*` checkpoints, `.*.tmp` files)."""
    left = []
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            if name.startswith(".tmp-") or name.endswith(".tmp") or name.endswith(".partial"):
                left.append(os.path.join(dirpath, name))
    return left


def copy_run(source: Path, target: Path) -> Path:
    shutil.copytree(source, target)
    (target / ".lock").unlink(missing_ok=True)
    return target
