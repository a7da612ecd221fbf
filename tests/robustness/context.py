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


# Sentences of a few words, all seen often enough to be words of a vocabulary.
SENTENCES = [f"the {colour} {animal} sat on the {thing}" for colour in ("red", "blue", "green", "grey")
             for animal in ("cat", "dog", "owl", "fox") for thing in ("mat", "hat", "box")]
TEXT_RUN_MODELS = {"lm": {"name": "lm", "layers": 1, "heads": 2, "width": 16},
                   "seq2seq": {"name": "seq2seq", "layers": 1, "heads": 2, "width": 16},
                   "sentence-vae": {"name": "sentence-vae", "embedding": 16, "hidden": 16, "latent_dim": 4}}


class TextRuns:
    """Tiny trained text runs by model (lm, seq2seq, sentence-vae), each trained at its first use
    only and shared by the cases of a module (a case works on its own copy, Context.text_run)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.trained: dict[str, Path] = {}

    def get(self, model: str) -> Path:
        if model not in self.trained:
            self.trained[model] = train_text_run(model, self.folder / model)
        return self.trained[model]


def train_text_run(model: str, folder: Path) -> Path:
    """Two steps with checkpoints at steps 0, 1 and 2: the sentences as lines, or as pairs
    (each sentence -> its words reversed) for seq2seq; words for the sentence VAE, else characters."""
    import yaml

    from genforge.cli.main import main

    folder.mkdir(parents=True)
    (folder / "run.yaml").write_text(yaml.safe_dump({"model": TEXT_RUN_MODELS[model]}))
    if model == "seq2seq":
        (folder / "pairs.tsv").write_text("".join(f"{s}\t{' '.join(reversed(s.split()))}\n" for s in SENTENCES * 4))
        data = ["--pairs", str(folder / "pairs.tsv")]
    else:
        (folder / "lines.txt").write_text("".join(f"{sentence}\n" for sentence in SENTENCES * 4))
        data = ["--text", str(folder / "lines.txt")]
    if model == "sentence-vae":
        data += ["--tokenizer", "words", "--min-frequency", "1"]
    code = main(["train", "--config", str(folder / "run.yaml"), *data, "--sequence-length", "12", "--steps", "2",
                 "--batch-size", "4", "--checkpoint-every", "1", "--log-every", "1", "--out", str(folder / "run")])
    assert code == 0, f"the tiny {model} run did not train"
    return folder / "run"


@dataclass
class Context:
    """A case's workspace: a fresh copy of a trained tiny run, the tiny Fashion-MNIST, helpers."""

    tmp: Path
    run: Path
    data: Path
    monkeypatch: object
    protected: list[Path] = field(default_factory=list)
    cleanups: list[Callable[[], None]] = field(default_factory=list)
    text_runs: TextRuns | None = None

    def text_run(self, model: str = "lm") -> Path:
        """A fresh copy of a tiny trained text run of `model` (lm, seq2seq or sentence-vae)."""
        return copy_run(self.text_runs.get(model), self.tmp / f"{model}-run")

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
