"""The malformed-input table: each case builds an input, names the command, and states the outcome.

Every case is checked for the same things (test_malformed_inputs.py): the exit code; exactly one
line on stderr holding `says` (an error for a non-zero exit, a warning for a fallback that works);
no traceback; every protected path byte-for-byte as it was; no half-written file left anywhere.
A later modality adds its rows (text files, MIDI, video) here.
"""

from __future__ import annotations

import gzip
import json
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import yaml

from context import TEXT_RUN_MODELS, Context, copy_run, planted_pickle
from helpers import write_tiny_fashion_mnist


@dataclass
class Case:
    id: str
    category: str
    build: Callable[[Context], list[str]]  # makes the input in the context, returns the command's argv
    exit_code: int = 2
    says: str = ""  # a fragment of the one stderr line
    then: Callable[[Context], None] | None = None  # further checks after the command


CASES: list[Case] = []


def case(id: str, category: str, exit_code: int = 2, says: str = "", then=None):
    def add(build):
        CASES.append(Case(id, category, build, exit_code, says, then))
        return build
    return add


def tiny_train(ctx: Context, *extra: str) -> list[str]:
    return ["train", "--data-dir", str(ctx.data), "--model", "dcgan", "--steps", "2", "--batch-size", "16",
            "--checkpoint-every", "2", "--log-every", "1", *extra]


def tiny_photo_train(ctx: Context, images: Path, *extra: str) -> list[str]:
    return ["train", "--images", str(images), "--image-size", "32", "--model", "dcgan", "--steps", "1",
            "--batch-size", "4", "--checkpoint-every", "1", *extra]


def tiny_text_train(ctx: Context, *extra: str, model: str = "lm") -> list[str]:
    """A one-step text run of a tiny model in 8-token windows; `extra` names the text (--text, --pairs)."""
    config = write_config(ctx, yaml.safe_dump({"model": TEXT_RUN_MODELS[model]}), f"tiny-{model}.yaml")
    return ["train", "--config", str(config), "--sequence-length", "8", "--steps", "1", "--batch-size", "4",
            "--checkpoint-every", "1", "--log-every", "1", *extra]


def write_config(ctx: Context, text: str, name: str = "bad.yaml") -> Path:
    path = ctx.tmp / name
    path.write_text(text)
    return path


def edit_states(ctx: Context, change: Callable[[dict], object], which: str = "all") -> None:
    """Rewrite state.json of every checkpoint (or only the newest) with `change(state)`."""
    for path in ctx.checkpoints() if which == "all" else ctx.checkpoints()[-1:]:
        edit_one(path, change)


def replace_field(key: str, value) -> Callable[[dict], dict]:
    return lambda state: {**state, key: value}


# -- --overwrite replaces only a genforge run, and never an input -----------------------------------

@case("overwrite-a-folder-that-is-not-a-run", "overwrite", says="not a genforge run")
def _(ctx):
    folder = ctx.tmp / "mine"
    (folder / "sub").mkdir(parents=True)
    (folder / "thesis.txt").write_text("four years of work\n")
    (folder / "sub" / "notes.md").write_text("# notes\n")
    ctx.protect(folder)
    return tiny_train(ctx, "--out", str(folder), "--overwrite")


@case("overwrite-the-images-folder", "overwrite", says="is the input")
def _(ctx):
    photos = ctx.photos()
    ctx.protect(photos)
    return tiny_photo_train(ctx, photos, "--out", str(photos), "--overwrite")


@case("overwrite-a-run-that-holds-the-images", "overwrite", says="holds the input")
def _(ctx):
    photos = ctx.photos(name=f"{ctx.run.name}/photos")
    ctx.protect(ctx.run)
    return tiny_photo_train(ctx, photos, "--out", str(ctx.run), "--overwrite")


@case("overwrite-a-run-inside-the-images-folder", "overwrite", says="lies inside")
def _(ctx):
    photos = ctx.photos()
    inner = copy_run(ctx.run, photos / "run")
    ctx.protect(photos)
    return tiny_photo_train(ctx, photos, "--out", str(inner), "--overwrite")


@case("overwrite-through-a-symlink-to-the-images", "overwrite", says="is the input")
def _(ctx):
    photos = ctx.photos()
    link = ctx.tmp / "link"
    link.symlink_to(photos, target_is_directory=True)
    ctx.protect(photos)
    return tiny_photo_train(ctx, photos, "--out", str(link), "--overwrite")


@case("overwrite-a-run-that-holds-the-config", "overwrite", says="holds the input")
def _(ctx):
    config = ctx.run / "mine.yaml"
    config.write_text(yaml.safe_dump({"train": {"steps": 2}}))
    ctx.protect(ctx.run)
    return tiny_train(ctx, "--config", str(config), "--out", str(ctx.run), "--overwrite")


@case("overwrite-a-run-that-holds-the-data-dir", "overwrite", says="holds the input")
def _(ctx):
    data = write_tiny_fashion_mnist(ctx.run / "data", train_count=64, test_count=16)
    ctx.protect(ctx.run)
    return ["train", "--data-dir", str(data), "--steps", "1", "--batch-size", "16", "--out", str(ctx.run),
            "--overwrite"]


# Every path a text source reads (its config's INPUT_PATHS), whether a flag or the config names it.
TEXT_INPUTS = {  # name -> (model, the input inside the run to replace, how the command names it)
    "tokenizer-file": ("lm", "tokenizer.json", "--tokenizer-file"),
    "text": ("lm", "lines.txt", "--text"),
    "pairs": ("seq2seq", "pairs.tsv", "--pairs"),
    "tokenizer-file-of-the-config": ("lm", "tokenizer.json", "data.tokenizer_file"),
    "text-of-the-config": ("lm", "lines.txt", "data.dir"),
}

for name, (model, file, named) in TEXT_INPUTS.items():
    def build_text_input(ctx, model=model, file=file, named=named):
        run = ctx.text_run(model)
        text = ctx.text_runs.get(model).parent / ("pairs.tsv" if model == "seq2seq" else "lines.txt")
        if file != "tokenizer.json":
            (run / file).write_bytes(text.read_bytes())  # the user keeps the run's text inside it
        text_flag = ["--pairs" if model == "seq2seq" else "--text", str(text)]
        if named == "--tokenizer-file":
            given = [*text_flag, named, str(run / file)]
        elif named.startswith("--"):
            given = [named, str(run / file)]
        else:  # the config file names it
            data = {"name": "text", "dir": str(text), named.split(".")[1]: str(run / file)}
            config = yaml.safe_dump({"model": TEXT_RUN_MODELS[model], "data": data})
            given = ["--config", str(write_config(ctx, config, "mine.yaml"))]
        ctx.protect(run)
        return tiny_text_train(ctx, *given, "--out", str(run), "--overwrite", model=model)
    CASES.append(Case(f"overwrite-a-run-that-holds-the-{name}", "overwrite", build_text_input, 2,
                      f"/{model}-run/{file} ({named}); choose another --out"))


@case("out-is-a-file", "overwrite", says="not a folder")
def _(ctx):
    target = ctx.tmp / "file.txt"
    target.write_text("keep me\n")
    ctx.protect(target)
    return tiny_train(ctx, "--out", str(target), "--overwrite")


@case("existing-run-without-overwrite", "overwrite", says="already exists")
def _(ctx):
    ctx.protect(ctx.run)
    return tiny_train(ctx, "--out", str(ctx.run))


def _old_checkpoints_gone(ctx):
    assert [path.name for path in ctx.checkpoints()] == ["step-00000000", "step-00000002"]


@case("overwrite-a-genforge-run-replaces-it", "overwrite", exit_code=0, then=_old_checkpoints_gone)
def _(ctx):
    return tiny_train(ctx, "--out", str(ctx.run), "--overwrite")


@case("overwrite-a-run-made-before-the-marker", "overwrite", exit_code=0, then=_old_checkpoints_gone)
def _(ctx):
    (ctx.run / ".genforge-run").unlink()  # runs of earlier versions: config.yaml and status.json
    return tiny_train(ctx, "--out", str(ctx.run), "--overwrite")


@case("overwrite-a-folder-with-a-fake-config", "overwrite", says="not a genforge run")
def _(ctx):
    folder = ctx.tmp / "mine"
    folder.mkdir()
    (folder / "config.yaml").write_text("title: my own config\n")
    (folder / "status.json").write_text("{}\n")
    ctx.protect(folder)
    return tiny_train(ctx, "--out", str(folder), "--overwrite")


# -- one writer per run ---------------------------------------------------------------------------

@case("resume-a-run-another-process-writes", "one writer", says="being written by process")
def _(ctx):
    ctx.hold_lock(ctx.run)
    ctx.protect(ctx.run / "checkpoints", ctx.run / "metrics.jsonl")
    return ["train", "--resume", str(ctx.run), "--steps", "12"]


@case("overwrite-a-run-another-process-writes", "one writer", says="being written by process")
def _(ctx):
    ctx.hold_lock(ctx.run)
    ctx.protect(ctx.run / "checkpoints")
    return tiny_train(ctx, "--out", str(ctx.run), "--overwrite")


@case("sample-a-run-while-it-trains", "one writer", exit_code=0)
def _(ctx):
    ctx.hold_lock(ctx.run)
    return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "grid.png")]


# -- checkpoints validated when read; the newest intact one is used ---------------------------------

CORRUPT_STATES = {
    "step-is-text": (replace_field("step", "abc"), "'step'"),
    "step-is-negative": (replace_field("step", -4), "'step'"),
    "optimizers-is-a-list": (replace_field("optimizers", []), "'optimizers'"),
    "optimizer-groups-not-a-list": (lambda s: {**s, "optimizers": {"generator": {"param_groups": 3, "scalars": {}}}},
                                    "'optimizers'"),
    "rng-is-a-number": (replace_field("rng", 7), "'rng'"),
    "seconds-missing": (lambda s: {k: v for k, v in s.items() if k != "seconds"}, "'seconds'"),
    "state-is-a-list": (lambda s: [s], "JSON object"),
    "format-unknown": (replace_field("format", "other/9"), "format"),
    "lr-scale-is-infinite": (replace_field("lr_scale", float("inf")), "'lr_scale'"),
}

for name, (change, fragment) in CORRUPT_STATES.items():
    for command in ("sample", "resume"):
        def build(ctx, change=change, command=command):
            edit_states(ctx, change)
            ctx.protect(ctx.run / "checkpoints")
            if command == "sample":
                return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "grid.png")]
            return ["train", "--resume", str(ctx.run), "--steps", "12"]
        CASES.append(Case(f"{command}-{name}", "checkpoint state", build, 2, fragment))


@case("resume-rng-state-of-the-wrong-size", "checkpoint state", says="RNG")
def _(ctx):
    edit_states(ctx, lambda s: {**s, "rng": {"torch_cpu": "AAAA"}})
    return ["train", "--resume", str(ctx.run), "--steps", "12"]


@case("sample-state-json-not-json", "checkpoint state", says="not valid JSON")
def _(ctx):
    for path in ctx.checkpoints():
        (path / "state.json").write_text('{"step": 4, "seconds": ')
    return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "grid.png")]


@case("sample-every-tensors-file-truncated", "checkpoint state", says="unreadable")
def _(ctx):
    for path in ctx.checkpoints():
        data = (path / "tensors.safetensors").read_bytes()
        (path / "tensors.safetensors").write_bytes(data[: len(data) // 2])
    return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "grid.png")]


@case("sample-every-tensors-file-missing", "checkpoint state", says="tensors.safetensors is missing")
def _(ctx):
    for path in ctx.checkpoints():
        (path / "tensors.safetensors").unlink()
    return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "grid.png")]


def _no_pickle_loaded(ctx):
    assert not ctx.marker.exists(), "a planted pickle was unpickled"


@case("sample-planted-pickle-everywhere", "planted pickle", says="unreadable", then=_no_pickle_loaded)
def _(ctx):
    for path in ctx.checkpoints():
        (path / "tensors.safetensors").write_bytes(planted_pickle(ctx.marker))
    return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "grid.png")]


@case("sample-planted-pickle-newest-falls-back", "planted pickle", exit_code=0, says="using the older step-00000004",
      then=_no_pickle_loaded)
def _(ctx):
    (ctx.checkpoints()[-1] / "tensors.safetensors").write_bytes(planted_pickle(ctx.marker))
    return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "grid.png")]


@case("eval-planted-pickle-npz", "planted pickle", says="not a readable .npz", then=_no_pickle_loaded)
def _(ctx):
    path = ctx.tmp / "fake.npz"
    with zipfile.ZipFile(path, "w") as archive:
        array = np.empty(2, dtype=object)
        array[:] = [planted_pickle(ctx.marker), 1]
        with archive.open("images.npy", "w") as member:
            np.lib.format.write_array(member, array, allow_pickle=True)
    return ["eval", "--fake", str(path), "--real", "fashion-mnist:test", "--n", "2", "--metrics", "fid"]


def _resumed_to(step: int):
    def check(ctx):
        assert ctx.checkpoints()[-1].name == f"step-{step:08d}"
        assert (ctx.run / "checkpoints" / "corrupt-step-00000008").is_dir()  # set aside, not deleted
    return check


NEWEST_CORRUPT = {
    "step-is-text": lambda path: edit_one(path, replace_field("step", "abc")),
    "truncated-tensors": lambda path: (path / "tensors.safetensors").write_bytes(b"\x10\x00"),
    "state-not-json": lambda path: (path / "state.json").write_text("{"),
}


def edit_one(path: Path, change) -> None:
    state = json.loads((path / "state.json").read_text())
    (path / "state.json").write_text(json.dumps(change(state)))


for name, damage in NEWEST_CORRUPT.items():
    def build_sample(ctx, damage=damage):
        damage(ctx.checkpoints()[-1])
        return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "grid.png")]

    def build_resume(ctx, damage=damage):
        damage(ctx.checkpoints()[-1])
        return ["train", "--resume", str(ctx.run), "--steps", "10"]

    CASES.append(Case(f"sample-newest-{name}-falls-back", "fallback", build_sample, 0, "using the older step-00000004"))
    CASES.append(Case(f"resume-newest-{name}-falls-back", "fallback", build_resume, 0, "using the older step-00000004",
                      _resumed_to(10)))


def edit_tensors(path: Path, change: Callable[[dict], dict]) -> None:
    """Rewrite tensors.safetensors of one checkpoint with `change(tensors)`: a whole file, other tensors."""
    from safetensors.torch import load_file, save_file

    tensors = change(load_file(str(path / "tensors.safetensors")))
    save_file(tensors, str(path / "tensors.safetensors"))


def first_weight(tensors: dict, prefix: str = "model.") -> str:
    return next(key for key, value in sorted(tensors.items()) if key.startswith(prefix) and value.ndim >= 2)


def widened(tensors: dict, prefix: str = "model.") -> dict:
    import torch

    key = first_weight(tensors, prefix)
    shape = tensors[key].shape
    return {**tensors, key: torch.zeros(shape[0] + 1, *shape[1:])}


# Tensors that are whole but do not fit the model the run's config builds: the newest is passed over
# with the same warning as a truncated one.
NEWEST_MISFIT = {
    "tensor-of-the-wrong-shape": widened,
    "tensor-missing": lambda tensors: {key: value for key, value in tensors.items() if key != first_weight(tensors)},
    "tensor-unexpected": lambda tensors: {**tensors, "model.extra.weight": tensors[first_weight(tensors)].clone()},
    "no-model-tensors": lambda tensors: {key: value for key, value in tensors.items() if not key.startswith("model.")},
}

for name, change in NEWEST_MISFIT.items():
    def build_sample(ctx, change=change):
        edit_tensors(ctx.checkpoints()[-1], change)
        return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "grid.png")]

    def build_resume(ctx, change=change):
        edit_tensors(ctx.checkpoints()[-1], change)
        return ["train", "--resume", str(ctx.run), "--steps", "10"]

    CASES.append(Case(f"sample-newest-{name}-falls-back", "fallback", build_sample, 0, "using the older step-00000004"))
    CASES.append(Case(f"resume-newest-{name}-falls-back", "fallback", build_resume, 0, "using the older step-00000004",
                      _resumed_to(10)))


@case("eval-newest-tensor-of-the-wrong-shape-falls-back", "fallback", exit_code=0, says="using the older step-00000004")
def _(ctx):
    edit_tensors(ctx.checkpoints()[-1], widened)
    return ["eval", str(ctx.run), "--n", "50", "--n-real", "50", "--metrics", "fid", "--out", str(ctx.tmp / "e.json")]


@case("resume-newest-optimizer-state-of-the-wrong-shape-falls-back", "fallback", exit_code=0,
      says="using the older step-00000004", then=_resumed_to(10))
def _(ctx):
    edit_tensors(ctx.checkpoints()[-1], lambda tensors: widened(tensors, "optimizer."))
    return ["train", "--resume", str(ctx.run), "--steps", "10"]


for command in ("sample", "resume"):
    def build_misfit_everywhere(ctx, command=command):
        for path in ctx.checkpoints():
            edit_tensors(path, widened)
        ctx.protect(ctx.run / "checkpoints")
        if command == "sample":
            return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "grid.png")]
        return ["train", "--resume", str(ctx.run), "--steps", "10"]
    CASES.append(Case(f"{command}-every-checkpoint-of-the-wrong-shape", "checkpoint state", build_misfit_everywhere, 2,
                      "do not fit the model these settings build"))


NEWEST_UNRESTORABLE = {
    "rng-of-the-wrong-size": lambda s: {**s, "rng": {"torch_cpu": "AAAA"}},
    "betas-not-numbers": lambda s: {**s, "optimizers": {name: {**o, "param_groups": [{**g, "betas": "ab"} for g in
                                                                               o["param_groups"]]}
                                                        for name, o in s["optimizers"].items()}},
}

for name, change in NEWEST_UNRESTORABLE.items():
    def build_unrestorable(ctx, change=change):
        edit_one(ctx.checkpoints()[-1], change)
        return ["train", "--resume", str(ctx.run), "--steps", "10"]
    CASES.append(Case(f"resume-newest-{name}-falls-back", "fallback", build_unrestorable, 0,
                      "using the older step-00000004", _resumed_to(10)))


@case("resume-falls-back-twice-on-the-same-step", "fallback", exit_code=0, says="using the older step-00000004")
def _(ctx):
    from genforge.cli.main import main

    (ctx.checkpoints()[-1] / "state.json").write_text("{")
    assert main(["train", "--resume", str(ctx.run), "--steps", "8"]) == 0  # writes a new step-8
    (ctx.checkpoints()[-1] / "state.json").write_text("{")
    return ["train", "--resume", str(ctx.run), "--steps", "10"]


@case("runs-and-resume-with-garbage-metrics-lines", "fallback", exit_code=0)
def _(ctx):
    with (ctx.run / "metrics.jsonl").open("a") as handle:
        handle.write('5\n["a"]\n{"step": "x"}\n{"step": 3, "loss_d": 1.0')
    return ["train", "--resume", str(ctx.run), "--steps", "10"]


@case("report-newest-corrupt-falls-back", "fallback", exit_code=0, says="using the older step-00000004")
def _(ctx):
    (ctx.checkpoints()[-1] / "state.json").write_text("[]")
    return ["report", str(ctx.run), "--no-eval", "--out", str(ctx.tmp / "report.html")]


@case("eval-newest-corrupt-falls-back", "fallback", exit_code=0, says="using the older step-00000004")
def _(ctx):
    (ctx.checkpoints()[-1] / "tensors.safetensors").write_bytes(b"")
    return ["eval", str(ctx.run), "--n", "50", "--n-real", "50", "--metrics", "fid", "--out", str(ctx.tmp / "e.json")]


@case("runs-with-a-garbage-status", "fallback", exit_code=0)
def _(ctx):
    (ctx.run / "status.json").write_text("\x00garbage")
    return ["runs", str(ctx.run.parent)]


# -- I/O failures: one line, exit 1, nothing half-written, earlier checkpoints intact ----------------

def _crashed_and_intact(ctx):
    status = json.loads((ctx.run / "status.json").read_text())
    assert status["state"] == "crashed"
    assert "could not write" in status["error"] or "not enough space" in status["error"], status
    assert ctx.checkpoints(), "earlier checkpoints are gone"


@case("disk-full-during-a-checkpoint", "disk full", exit_code=1, says="No space left on device",
      then=_crashed_and_intact)
def _(ctx):
    from safetensors import SafetensorError

    import genforge.training.checkpoint_files as checkpoint

    real_save = checkpoint.save_file

    def full_disk(tensors, filename):
        if "step-00000012" in filename:  # the first checkpoint of the resumed run
            Path(filename).write_bytes(b"partial")
            raise SafetensorError('Error while serializing: IoError(Os { code: 28, kind: StorageFull, '
                                  'message: "No space left on device" })')
        return real_save(tensors, filename)

    ctx.monkeypatch.setattr(checkpoint, "save_file", full_disk)
    ctx.protect(*ctx.checkpoints())
    return ["train", "--resume", str(ctx.run), "--steps", "16", "--checkpoint-every", "4"]


@case("too-little-free-space-for-a-checkpoint", "disk full", exit_code=1, says="not enough space",
      then=_crashed_and_intact)
def _(ctx):
    import genforge.core.storage as storage

    ctx.monkeypatch.setattr(storage, "free_bytes", lambda path: 1000)
    ctx.protect(*ctx.checkpoints())
    return ["train", "--resume", str(ctx.run), "--steps", "12"]


@case("metrics-file-cannot-be-written", "disk full", exit_code=1, says="could not write")
def _(ctx):
    (ctx.run / "metrics.jsonl").unlink()
    (ctx.run / "metrics.jsonl").mkdir()  # any OSError: here "Is a directory"
    ctx.protect(*ctx.checkpoints())
    return ["train", "--resume", str(ctx.run), "--steps", "12"]


@case("report-cannot-be-written", "disk full", exit_code=1, says="could not write the report")
def _(ctx):
    blocker = ctx.tmp / "blocker"
    blocker.write_text("a file where a folder should be\n")
    return ["report", str(ctx.run), "--no-eval", "--out", str(blocker / "report.html")]


@case("sample-grid-cannot-be-written", "disk full", exit_code=1, says="could not write a sample grid")
def _(ctx):
    blocker = ctx.tmp / "blocker"
    blocker.write_text("x\n")
    return ["sample", str(ctx.run), "--n", "4", "--out", str(blocker / "grid.png")]


def _no_half_made_run(ctx):
    assert not (ctx.tmp / "new").exists(), f"a half-made run is left: {sorted(p.name for p in (ctx.tmp / 'new').iterdir())}"


def full_disk_at(ctx: Context, name: str) -> None:
    """No space left on device when a new run writes `name` (its lock, marker or config)."""
    import errno
    import os

    import genforge.core.storage as storage

    def refuse(*unused):
        raise OSError(errno.ENOSPC, "No space left on device")

    if name == ".lock":
        ctx.monkeypatch.setattr(os, "pwrite", refuse)
        return
    real_write = storage.write_bytes_atomically

    def full_disk(path, data, what=None):
        if Path(path).name == name:
            with storage.storage_errors(what or name, path):
                refuse()
        return real_write(path, data, what)

    ctx.monkeypatch.setattr(storage, "write_bytes_atomically", full_disk)


for name, what in ((".lock", "the run lock"), (".genforge-run", "the run marker"), ("config.yaml", "the run config")):
    def build_full_disk(ctx, name=name):
        full_disk_at(ctx, name)
        return tiny_train(ctx, "--out", "new")  # relative (the case runs in ctx.tmp): the message names it so
    CASES.append(Case(f"disk-full-at-a-new-runs-{name.strip('.').replace('.', '-')}", "disk full", build_full_disk, 1,
                      f"could not write {what} to {Path('new') / name}: No space left on device", _no_half_made_run))


# -- numbers in configs ------------------------------------------------------------------------------

def _no_output(name: str):
    def check(ctx):
        assert not (ctx.tmp / name).exists(), f"{name} was made"
    return check


BAD_NUMBERS = [
    ("train", "steps", "1e400"), ("train", "steps", ".inf"), ("train", "steps", ".nan"), ("train", "steps", "12.5"),
    ("train", "steps", "true"), ("train", "steps", "0"), ("train", "steps", "-3"),
    ("train", "batch_size", "1e400"), ("train", "batch_size", "12.5"), ("train", "batch_size", "true"),
    ("train", "batch_size", "10000000"), ("train", "minutes", ".nan"), ("train", "minutes", "-1.0"),
    ("data", "image_size", "12.5"), ("data", "image_size", "1e9"), ("model", "lr", "0"), ("model", "lr", "-1.0e-3"),
    ("model", "lr", ".inf"), ("model", "lr", ".nan"), ("model", "lr", "abc"), ("model", "latent_dim", "1e400"),
    ("model", "betas", "[1.5, 0.9]"), ("model", "ema_decay", "2.0"), ("train", "seed", "1.5"),
]

for section, key, text in BAD_NUMBERS:
    def build(ctx, section=section, key=key, text=text):
        path = write_config(ctx, f"{section}:\n  {key}: {text}\n")
        return ["train", "--config", str(path), "--data-dir", str(ctx.data), "--out", str(ctx.tmp / "new")]
    CASES.append(Case(f"config-{section}.{key}-{text}", "config numbers", build, 2, f"{section}.{key}",
                      _no_output("new")))


@case("config-steps-1e400-with-minutes-flag", "config numbers", says="train.steps")
def _(ctx):
    path = write_config(ctx, "train:\n  steps: 1.0e+400\n")
    return ["train", "--config", str(path), "--data-dir", str(ctx.data), "--minutes", "1", "--out", str(ctx.tmp / "n")]


for flag, value, fragment in (("--minutes", "inf", "train.minutes"), ("--minutes", "nan", "train.minutes"),
                              ("--lr", "nan", "model.lr"), ("--lr", "-1", "model.lr"), ("--batch-size", "0", "batch_size"),
                              ("--steps", "0", "train.steps"), ("--image-size", "-8", "image_size")):
    CASES.append(Case(f"flag-{flag}-{value}", "config numbers",
                      lambda ctx, flag=flag, value=value: tiny_train(ctx, flag, value, "--out", str(ctx.tmp / "n")),
                      2, fragment))


# -- bad YAML and config files ----------------------------------------------------------------------

def _tag_not_run(ctx):
    assert not (ctx.tmp / "EXECUTED").exists(), "a YAML tag ran code"


@case("config-python-tag", "bad yaml", says="not valid YAML", then=_tag_not_run)
def _(ctx):
    path = write_config(ctx, f"train: !!python/object/apply:os.system ['touch {ctx.tmp / 'EXECUTED'}']\n")
    return tiny_train(ctx, "--config", str(path), "--out", str(ctx.tmp / "n"))


@case("config-not-yaml", "bad yaml", says="not valid YAML")
def _(ctx):
    return tiny_train(ctx, "--config", str(write_config(ctx, "train: [unclosed\n")), "--out", str(ctx.tmp / "n"))


@case("config-not-a-mapping", "bad yaml", says="mapping")
def _(ctx):
    return tiny_train(ctx, "--config", str(write_config(ctx, "- a\n- b\n")), "--out", str(ctx.tmp / "n"))


@case("config-unknown-key", "bad yaml", says="did you mean 'batch_size'")
def _(ctx):
    return tiny_train(ctx, "--config", str(write_config(ctx, "train:\n  batchsize: 8\n")), "--out", str(ctx.tmp / "n"))


@case("config-missing-file", "bad yaml", says="cannot read config")
def _(ctx):
    return tiny_train(ctx, "--config", str(ctx.tmp / "nowhere.yaml"), "--out", str(ctx.tmp / "n"))


@case("run-config-yaml-damaged", "bad yaml", says="not valid YAML")
def _(ctx):
    (ctx.run / "config.yaml").write_text("model: {name: dcgan\n")
    return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "g.png")]


# -- bounded outputs ---------------------------------------------------------------------------------

@case("sample-ten-million-to-png", "bounded output", says="megapixels")
def _(ctx):
    return ["sample", str(ctx.run), "--n", "10000000", "--out", str(ctx.tmp / "big.png")]


@case("sample-more-than-the-free-disk", "bounded output", exit_code=1, says="not enough space",
      then=_no_output("big.npz"))
def _(ctx):
    import genforge.core.storage as storage

    ctx.monkeypatch.setattr(storage, "free_bytes", lambda path: 5 * 10**9)  # 10,000,000 x 784 bytes is 7.8 GB
    return ["sample", str(ctx.run), "--n", "10000000", "--out", str(ctx.tmp / "big.npz")]


@case("sample-seed-too-large", "bounded output", says="--seed must lie in")
def _(ctx):
    return ["sample", str(ctx.run), "--n", "4", "--seed", "99999999999999999999999", "--out", str(ctx.tmp / "g.png")]


@case("sample-n-zero", "bounded output", says="--n must be positive")
def _(ctx):
    return ["sample", str(ctx.run), "--n", "0", "--out", str(ctx.tmp / "g.png")]


@case("sample-out-is-a-folder", "bounded output", says="is a folder")
def _(ctx):
    (ctx.tmp / "folder").mkdir()
    return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "folder")]


@case("sample-unknown-format", "bounded output", says="cannot write image samples to")
def _(ctx):
    return ["sample", str(ctx.run), "--n", "4", "--out", str(ctx.tmp / "g.txt")]


# -- Fashion-MNIST idx files -------------------------------------------------------------------------

def damaged_idx(ctx: Context, damage: Callable[[Path], None]) -> list[str]:
    data = write_tiny_fashion_mnist(ctx.tmp / "idx", train_count=32, test_count=8)
    damage(data / "train-images-idx3-ubyte.gz")
    return ["train", "--data-dir", str(data), "--steps", "1", "--batch-size", "8", "--out", str(ctx.tmp / "n")]


IDX_DAMAGE = {
    "truncated": (lambda p: p.write_bytes(gzip.compress(gzip.decompress(p.read_bytes())[:-100])), "truncated"),
    "wrong-magic": (lambda p: p.write_bytes(gzip.compress(b"\x01\x02" + gzip.decompress(p.read_bytes())[2:])),
                    "magic"),
    "bad-gzip": (lambda p: p.write_bytes(p.read_bytes()[:40]), "gzip"),
    "type-code": (lambda p: p.write_bytes(gzip.compress(b"\x00\x00\x0d" + gzip.decompress(p.read_bytes())[3:])),
                  "type code"),
    "trailing-bytes": (lambda p: p.write_bytes(gzip.compress(gzip.decompress(p.read_bytes()) + b"xx")), "unexpected"),
    "a-directory": (lambda p: (p.unlink(), p.mkdir()), "is a directory"),
    "missing": (lambda p: p.unlink(), "not found"),
}

for name, (damage, fragment) in IDX_DAMAGE.items():
    CASES.append(Case(f"idx-{name}", "idx files", lambda ctx, damage=damage: damaged_idx(ctx, damage), 2, fragment))


@case("idx-data-dir-is-a-file", "idx files", says="is a file")
def _(ctx):
    path = ctx.tmp / "not-a-folder"
    path.write_text("x")
    return ["train", "--data-dir", str(path), "--steps", "1", "--out", str(ctx.tmp / "n")]


# -- photos and archives -----------------------------------------------------------------------------

@case("photos-all-broken", "photos", says="no usable images")
def _(ctx):
    from helpers import write_broken_photos

    folder = ctx.tmp / "broken"
    write_broken_photos(folder)
    ctx.protect(folder)
    return tiny_photo_train(ctx, folder, "--out", str(ctx.tmp / "n"))


def _loop_listed(ctx):
    listed = (ctx.tmp / "n" / "skipped-files.txt").read_text()
    assert "loop.png: a symlink loop" in listed and "gone.png: a broken symlink" in listed, listed


@case("photos-with-a-symlink-loop", "photos", exit_code=0, then=_loop_listed)
def _(ctx):
    folder = ctx.photos()
    (folder / "loop.png").symlink_to(folder / "loop.png")
    (folder / "gone.png").symlink_to(ctx.tmp / "nowhere.png")
    (folder / "up").symlink_to(folder, target_is_directory=True)  # a folder loop: not followed
    return tiny_photo_train(ctx, folder, "--out", str(ctx.tmp / "n"))


@case("photos-zip-is-garbage", "photos", says="zip")
def _(ctx):
    path = ctx.tmp / "photos.zip"
    path.write_bytes(b"PK\x03\x04 this is not really a zip")
    return tiny_photo_train(ctx, path, "--out", str(ctx.tmp / "n"))


@case("photos-folder-empty", "photos", says="holds no")
def _(ctx):
    (ctx.tmp / "empty").mkdir()
    return tiny_photo_train(ctx, ctx.tmp / "empty", "--out", str(ctx.tmp / "n"))


@case("photos-folder-missing", "photos", says="does not exist")
def _(ctx):
    return tiny_photo_train(ctx, ctx.tmp / "nowhere", "--out", str(ctx.tmp / "n"))


# -- text files ---------------------------------------------------------------------------------------

def _examples_and_vocabulary(examples: int, absent: str):
    def check(ctx):
        record = json.loads((ctx.tmp / "n" / "text-data.json").read_text())
        characters = json.loads((ctx.tmp / "n" / "tokenizer.json").read_text())["characters"]
        assert record["examples"] == examples, record
        assert not set(absent) & set(characters), f"{absent!r} became vocabulary: {characters!r}"
    return check


@case("text-percent-lines-in-a-row", "text files", exit_code=0, then=_examples_and_vocabulary(60, "%"))
def _(ctx):
    path = ctx.tmp / "fortunes"  # as Debian's: some fortunes are apart by two `%` lines
    path.write_bytes(b"%\n" + b"".join(b"fortune number %d\n%%\n%%\n" % i for i in range(60)))
    return tiny_text_train(ctx, "--text", str(path), "--separator", "percent", "--out", str(ctx.tmp / "n"))


@case("text-with-a-byte-order-mark", "text files", exit_code=0, then=_examples_and_vocabulary(60, "\ufeff"))
def _(ctx):
    path = ctx.tmp / "notes.txt"  # as some Windows editors save UTF-8
    path.write_bytes(b"\xef\xbb\xbf" + b"".join(b"line number %d\n" % i for i in range(60)))
    return tiny_text_train(ctx, "--text", str(path), "--out", str(ctx.tmp / "n"))


def lines_file(ctx: Context, count: int = 60) -> Path:
    path = ctx.tmp / "lines.txt"
    path.write_text("".join(f"line number {i}\n" for i in range(count)))
    return path


TOKENIZER_FILES = {  # name -> (the tokenizer.json, the fragment of the one line)
    "without-specials": ({"kind": "characters", "characters": " abeilmnru0123456789"},
                         "tok.json: it names no specials, not the reserved specials <pad>, <bos>, <eos>, <unk> as ids 0 to 3"),
    "other-specials": ({"kind": "characters", "specials": ["<unk>"], "characters": " abeilmnru0123456789"},
                       "tok.json: its specials are ['<unk>'], not the reserved specials"),
    "a-character-twice": ({"kind": "characters", "specials": ["<pad>", "<bos>", "<eos>", "<unk>"],
                           "characters": " abeilmnru01234567891"},
                          "tok.json: it lists '1' twice: two ids for one character"),
    "a-word-twice": ({"kind": "words", "specials": ["<pad>", "<bos>", "<eos>", "<unk>"], "words": ["line", "line"]},
                     "tok.json: it lists 'line' twice: two ids for one word"),
}

for name, (saved, fragment) in TOKENIZER_FILES.items():
    def build_tokenizer_file(ctx, saved=saved):
        (ctx.tmp / "tok.json").write_text(json.dumps(saved))
        return tiny_text_train(ctx, "--text", str(lines_file(ctx)), "--tokenizer-file", "tok.json",
                               "--out", str(ctx.tmp / "n"))
    CASES.append(Case(f"train-tokenizer-file-{name}", "text files", build_tokenizer_file, 2,
                      f"data.tokenizer_file {fragment}", _no_output("n")))


@case("train-tokenizer-file-bpe-without-specials", "text files", says="tok.json: it lacks the reserved specials",
      then=_no_output("n"))
def _(ctx):
    from genforge.data.text.tokenizers import ByteBPETokenizer

    saved = ByteBPETokenizer.train([f"line number {i}" for i in range(60)], vocab_size=300).to_json()
    saved["tokenizer"]["added_tokens"] = []  # as another program's byte-level BPE: no <pad> <bos> <eos> <unk>
    for token in ("<pad>", "<bos>", "<eos>", "<unk>"):
        del saved["tokenizer"]["model"]["vocab"][token]
    (ctx.tmp / "tok.json").write_text(json.dumps(saved))
    return tiny_text_train(ctx, "--text", str(lines_file(ctx)), "--tokenizer-file", "tok.json", "--out", str(ctx.tmp / "n"))


def _sampled(ctx):
    assert (ctx.tmp / "s.txt").read_text().startswith("=== sample 1 of 1"), "nothing was sampled"


@case("sample-newest-tokenizer-altered-falls-back", "fallback", exit_code=0, says="using the older step-00000001",
      then=_sampled)
def _(ctx):
    run = ctx.text_run("lm")
    newest = sorted((run / "checkpoints").glob("step-*"))[-1]
    edit_one(newest, lambda s: {**s, "assets": {"tokenizer": {**s["assets"]["tokenizer"],
                                                              "characters": s["assets"]["tokenizer"]["characters"][::-1]}}})
    return ["sample", str(run), "--n", "1", "--length", "4", "--seed", "0", "--out", str(ctx.tmp / "s.txt")]


# -- text sampling flags ------------------------------------------------------------------------------

for value in ("inf", "-inf", "nan", "0"):
    fragment = "--temperature must be finite" if value == "inf" else "--temperature must be positive"
    for command, model, extra in (("sample", "lm", ["--n", "1", "--length", "4"]),
                                  ("generate", "seq2seq", ["--source", "the red cat", "--decoding", "sample"]),
                                  ("eval", "lm", ["--n", "2", "--n-real", "2"])):
        def build_temperature(ctx, command=command, model=model, extra=extra, value=value):
            run = ctx.text_run(model)
            ctx.protect(run)
            return [command, str(run), *extra, f"--temperature={value}"]
        CASES.append(Case(f"{command}-temperature-{value}", "text sampling", build_temperature, 2, fragment))

for name, source, fragment in (("only-outside-the-vocabulary", "ÆØÅ", "'ÆØÅ'"),
                               ("partly-outside-the-vocabulary", "the red cat ÆØ", "'ÆØ'")):
    def build_source(ctx, source=source):
        return ["generate", str(ctx.text_run("seq2seq")), "--source", source]
    CASES.append(Case(f"generate-source-{name}", "text sampling", build_source, 2,
                      f"--source has characters outside the model's vocabulary: {fragment}"))


for name, width in (("a-billion", "1000000000"), ("wider-than-the-vocabulary", "60")):
    def build_beam(ctx, width=width):
        return ["generate", str(ctx.text_run("seq2seq")), "--source", "the red cat", "--beam", width]
    CASES.append(Case(f"generate-beam-{name}", "bounded output", build_beam, 2, "--beam must be in 1.."))


@case("interpolate-text-steps-a-billion", "bounded output", says="--steps must be at most 1000, got 1000000000")
def _(ctx):
    return ["interpolate", str(ctx.text_run("sentence-vae")), "--a", "the red cat sat on the mat",
            "--b", "the grey owl sat on the box", "--steps", "1000000000"]


@case("interpolate-images-steps-a-billion", "bounded output", says="--steps must be at most 1000, got 1000000000",
      then=_no_output("i.png"))
def _(ctx):
    return ["interpolate", str(ctx.run), "--a", "0", "--b", "1", "--steps", "1000000000", "--out", str(ctx.tmp / "i.png")]


@case("sample-text-a-trillion-to-a-file", "bounded output", exit_code=1, says="not enough space to write",
      then=_no_output("t.jsonl"))
def _(ctx):
    return ["sample", str(ctx.text_run("lm")), "--n", "1000000000000", "--out", str(ctx.tmp / "t.jsonl")]


@case("sample-text-a-trillion-printed", "bounded output", says="more samples than are printed")
def _(ctx):
    return ["sample", str(ctx.text_run("lm")), "--n", "1000000000000"]


@case("sample-text-length-a-billion", "bounded output", says="--length must be at most 100,000 tokens")
def _(ctx):
    return ["sample", str(ctx.text_run("lm")), "--n", "1", "--length", "1000000000"]


@case("sample-text-more-than-the-disk-holds", "disk full", exit_code=1, says="not enough space to write",
      then=_no_output("t.txt"))
def _(ctx):
    import genforge.core.storage as storage

    run = ctx.text_run("lm")  # trained before the disk is full
    ctx.monkeypatch.setattr(storage, "free_bytes", lambda path: 10**6)  # 3 x 400 tokens fit; 10,000 do not
    return ["sample", str(run), "--n", "10000", "--length", "400", "--out", str(ctx.tmp / "t.txt")]


@case("generate-sample-n-a-billion", "bounded output", says="--n must be at most 10,000 targets")
def _(ctx):
    return ["generate", str(ctx.text_run("seq2seq")), "--source", "the red cat", "--decoding", "sample",
            "--n", "1000000000"]


@case("traverse-values-a-billion", "bounded output", says="--values must be at most 100", then=_no_output("t.png"))
def _(ctx):
    return ["traverse", str(ctx.run), "--values", "1000000000", "--out", str(ctx.tmp / "t.png")]


CHECKPOINT_COMMANDS = {"sample": [], "generate": ["--source", "x"], "eval": [], "nll": [], "reconstruct": [],
                       "interpolate": ["--a", "0", "--b", "1"], "traverse": []}
for command, extra in CHECKPOINT_COMMANDS.items():
    def build_empty_checkpoint(ctx, command=command, extra=extra):
        ctx.protect(ctx.run)
        return [command, str(ctx.run), *extra, "--checkpoint", ""]
    CASES.append(Case(f"{command}-checkpoint-empty", "flags", build_empty_checkpoint, 2,
                      "argument --checkpoint: an empty name: give best"))


# -- npz inputs -------------------------------------------------------------------------------------

@case("eval-npz-without-images", "npz", says="images")
def _(ctx):
    path = ctx.tmp / "fake.npz"
    np.savez(path, pictures=np.zeros((4, 28, 28, 1), np.uint8), labels=np.zeros(4, np.int64))
    return ["eval", "--fake", str(path), "--real", "fashion-mnist:test", "--n", "4", "--metrics", "fid"]


@case("eval-npz-not-a-zip", "npz", says="not a readable .npz")
def _(ctx):
    path = ctx.tmp / "fake.npz"
    path.write_bytes(b"not an archive")
    return ["eval", "--fake", str(path), "--real", "fashion-mnist:test", "--n", "4", "--metrics", "fid"]


# -- flags -----------------------------------------------------------------------------------------

FLAG_CASES = {
    "steps-not-a-number": (["train", "--steps", "abc"], "invalid int value"),
    "unknown-flag": (["train", "--stepz", "3"], "unrecognized arguments"),
    "precision-not-a-choice": (["train", "--precision", "fp8"], "invalid choice"),
    "no-command": ([], "required"),
    "unknown-command": (["trian"], "invalid choice"),
    "unknown-preset": (["train", "--preset", "dcgan-fmnsit"], "did you mean 'dcgan-fmnist'"),
    "unknown-model": (["train", "--model", "dcgn"], "did you mean 'dcgan'"),
    "bad-device": (["train", "--device", "tpu"], "train.device"),
    "sample-no-run": (["sample", "nowhere", "--out", "x.png"], "not a genforge run folder"),
    "resume-no-run": (["train", "--resume", "nowhere"], "not a genforge run folder"),
}

for name, (argv, fragment) in FLAG_CASES.items():
    CASES.append(Case(f"flags-{name}", "flags", lambda ctx, argv=argv: list(argv), 2, fragment))


# -- music ------------------------------------------------------------------------------------------

def unusable_midi_folder(ctx: Context) -> Path:
    import pretty_midi

    folder = ctx.tmp / "midi"
    folder.mkdir()
    (folder / "broken.mid").write_bytes(b"MThd not a MIDI file")
    drums = pretty_midi.PrettyMIDI()
    kit = pretty_midi.Instrument(program=0, is_drum=True)
    kit.notes.append(pretty_midi.Note(velocity=90, pitch=36, start=0, end=0.5))
    drums.instruments.append(kit)
    drums.write(str(folder / "drums.mid"))
    return folder


def tiny_music_train(*extra: str) -> list[str]:
    return ["train", "--model", "polyphonic", "--steps", "1", "--batch-size", "4", "--checkpoint-every", "1",
            "--max-pieces", "8", *extra]


def tiny_music_run(ctx: Context) -> Path:
    from genforge.cli.main import main

    config = write_config(ctx, "model:\n  name: polyphonic\n  hidden: 8\n  nade_hidden: 4\n  sample_frames: 4\n",
                          "tiny-polyphonic.yaml")
    run = ctx.tmp / "music-run"
    assert main(["train", "--config", str(config), "--dataset", "jsb-chorales", "--max-pieces", "8", "--steps", "1",
                 "--batch-size", "4", "--checkpoint-every", "1", "--out", str(run)]) == 0
    return run


@case("music-midi-folder-without-usable-music", "music", says="no usable music in 2 file(s)")
def _(ctx):
    return tiny_music_train("--midi", str(unusable_midi_folder(ctx)), "--out", str(ctx.tmp / "out"))


@case("music-midi-missing", "music", says="no such file or folder")
def _(ctx):
    return tiny_music_train("--midi", str(ctx.tmp / "nowhere"), "--out", str(ctx.tmp / "out"))


@case("music-model-needs-piano-rolls", "music", says="data.representation is melody but model polyphonic reads pianoroll")
def _(ctx):
    return tiny_music_train("--dataset", "jsb-chorales", "--representation", "melody", "--out", str(ctx.tmp / "out"))


@case("music-sample-to-the-terminal", "music", says="music samples are files")
def _(ctx):
    return ["sample", str(tiny_music_run(ctx)), "--n", "2"]


@case("music-sample-text-flag", "music", says="--prompt is for text runs")
def _(ctx):
    return ["sample", str(tiny_music_run(ctx)), "--prompt", "la", "--out", str(ctx.tmp / "songs")]


@case("music-sample-wrong-suffix", "music", says="cannot write music samples to")
def _(ctx):
    return ["sample", str(tiny_music_run(ctx)), "--out", str(ctx.tmp / "songs.txt")]


def tiny_music_vae_run(ctx: Context) -> Path:
    from genforge.cli.main import main

    config = write_config(ctx, "model:\n  name: music-vae\n  latent_dim: 4\n  encoder_width: 8\n  decoder_width: 8\n"
                          "  decoder_layers: 1\n", "tiny-music-vae.yaml")
    run = ctx.tmp / "music-vae-run"
    assert main(["train", "--config", str(config), "--dataset", "jsb-chorales", "--max-pieces", "8", "--steps", "1",
                 "--batch-size", "4", "--checkpoint-every", "1", "--out", str(run)]) == 0
    return run


@case("music-sample-bars-the-model-was-not-trained-for", "music",
      says="makes 2-bar melodies (it was trained on 2 bars); --bars 16 needs a model trained with --bars 16")
def _(ctx):
    return ["sample", str(tiny_music_vae_run(ctx)), "--bars", "16", "--out", str(ctx.tmp / "songs")]


@case("music-transfer-unknown-attribute", "music", says="no attribute vector 'jazz'")
def _(ctx):
    from genforge.data.music.midi_files import midi_bytes
    from genforge.data.music.notes import Note

    song = ctx.tmp / "song.mid"
    song.write_bytes(midi_bytes([Note(60, 0, 4), Note(64, 4, 8)], 4))
    return ["transfer", str(tiny_music_vae_run(ctx)), "--input", str(song), "--attribute", "jazz",
            "--out", str(ctx.tmp / "out.mid")]


@case("music-interpolate-a-file-without-notes", "music", says="no melody to read (no notes)")
def _(ctx):
    import pretty_midi

    empty = ctx.tmp / "empty.mid"
    pretty_midi.PrettyMIDI().write(str(empty))
    return ["interpolate", str(tiny_music_vae_run(ctx)), "--a", str(empty), "--b", str(empty), "--steps", "3",
            "--out", str(ctx.tmp / "path")]


@case("music-attributes-add-without-sets", "music", says="--add NAME needs --plus SOURCE and --minus SOURCE")
def _(ctx):
    return ["attributes", str(ctx.tmp / "anything"), "--add", "chorale"]


@case("music-without-fluidsynth-falls-back-to-sine-tones", "music", exit_code=0,
      says="FluidSynth is not available (ImportError: no libfluidsynth here); WAV files are sine tones")
def _(ctx):
    from genforge.modalities.music import rendering

    run = tiny_music_run(ctx)
    ctx.monkeypatch.setattr(rendering, "fluidsynth_missing", lambda: "ImportError: no libfluidsynth here")
    ctx.monkeypatch.setattr(rendering, "_said", set())
    return ["sample", str(run), "--n", "1", "--out", str(ctx.tmp / "song.wav")]


@case("music-voices-from-a-source-without-voices", "music",
      says="jsb-chorales holds each frame's notes, not its voices")
def _(ctx):
    return ["train", "--model", "pianoroll-gan", "--dataset", "jsb-chorales", "--representation", "voices",
            "--steps", "1", "--out", str(ctx.tmp / "out")]


# -- images from images ----------------------------------------------------------------------------

def tiny_task_run(ctx: Context, model: str = "unet-l1", *task: str) -> Path:
    from genforge.cli.main import main

    data = write_tiny_fashion_mnist(ctx.tmp / "idx", train_count=32, test_count=8)
    config = write_config(ctx, f"model:\n  name: {model}\n  width: 4\n", f"tiny-{model}.yaml")
    run = ctx.tmp / f"{model}-run"
    assert main(["train", "--config", str(config), "--data-dir", str(data), *(task or ("--task", "inpaint")),
                 "--steps", "1", "--batch-size", "4", "--checkpoint-every", "1", "--out", str(run)]) == 0
    return run


def grey_picture(path: Path, size: int = 28, value: int = 128) -> Path:
    from PIL import Image

    Image.fromarray(np.full((size, size), value, dtype=np.uint8)).save(path)
    return path


def tiny_image_train(ctx: Context, model: str, *flags: str) -> list[str]:
    """`genforge train` of `model` for one step on tiny Fashion-MNIST files, with `flags`."""
    data = write_tiny_fashion_mnist(ctx.tmp / "idx", train_count=32, test_count=8)
    return ["train", "--model", model, "--data-dir", str(data), *flags, "--steps", "1", "--out", str(ctx.tmp / "out")]


@case("task-on-a-model-that-takes-none", "images from images", says="dcgan takes no --task")
def _(ctx):
    return tiny_image_train(ctx, "dcgan", "--task", "inpaint")


@case("task-model-without-a-task", "images from images", says="pix2pix learns an image-to-image task")
def _(ctx):
    return tiny_image_train(ctx, "pix2pix")


@case("task-colourise-grey-images", "images from images", says="--task colourise needs colour images")
def _(ctx):
    return tiny_image_train(ctx, "unet-l1", "--task", "colourise")


@case("inpaint-mask-of-another-size", "images from images", says="the image is 28x28")
def _(ctx):
    run = tiny_task_run(ctx)
    return ["inpaint", str(run), "--image", str(grey_picture(ctx.tmp / "in.png")),
            "--mask", str(grey_picture(ctx.tmp / "mask.png", size=20, value=255)), "--out", str(ctx.tmp / "out.png")]


@case("inpaint-mask-without-a-hole", "images from images", says="has no hole (no white pixel)")
def _(ctx):
    run = tiny_task_run(ctx)
    return ["inpaint", str(run), "--image", str(grey_picture(ctx.tmp / "in.png")),
            "--mask", str(grey_picture(ctx.tmp / "mask.png", value=0)), "--out", str(ctx.tmp / "out.png")]


@case("inpaint-mask-all-hole", "images from images", says="is all hole (every pixel white)")
def _(ctx):
    run = tiny_task_run(ctx)
    return ["inpaint", str(run), "--image", str(grey_picture(ctx.tmp / "in.png")),
            "--mask", str(grey_picture(ctx.tmp / "mask.png", value=255)), "--out", str(ctx.tmp / "out.png")]


@case("inpaint-image-larger-than-the-model", "images from images", says="works on 28x28 images; the input is 40x40")
def _(ctx):
    run = tiny_task_run(ctx)
    return ["inpaint", str(run), "--image", str(grey_picture(ctx.tmp / "in.png", size=40)), "--box", "1,1,5,5",
            "--out", str(ctx.tmp / "out.png")]


@case("inpaint-rgb-input-to-a-grey-model", "images from images", exit_code=0,
      says="converting the input to grey (BT.601 luminance)")
def _(ctx):
    from PIL import Image

    run = tiny_task_run(ctx)
    Image.fromarray(np.zeros((28, 28, 3), dtype=np.uint8)).save(ctx.tmp / "in.png")
    return ["inpaint", str(run), "--image", str(ctx.tmp / "in.png"), "--box", "4,4,10,10",
            "--out", str(ctx.tmp / "out.png")]


@case("upscale-with-an-inpainting-run", "images from images", says="`genforge upscale` needs a model that upscales")
def _(ctx):
    return ["upscale", str(tiny_task_run(ctx)), "--image", str(grey_picture(ctx.tmp / "in.png", size=7)),
            "--out", str(ctx.tmp / "out.png")]


@case("upscale-an-image-of-the-wrong-size", "images from images", says="upscales 7x7 images x4; the input is 28x28")
def _(ctx):
    run = tiny_task_run(ctx, "unet-l1", "--task", "super-resolution")
    return ["upscale", str(run), "--image", str(grey_picture(ctx.tmp / "in.png")), "--out", str(ctx.tmp / "out.png")]


@case("translate-a-direction-the-run-has-not", "images from images", says="--direction b2a is not among its directions")
def _(ctx):
    run = tiny_task_run(ctx, "unet-l1", "--task", "edges")
    return ["translate", str(run), "--image", str(grey_picture(ctx.tmp / "in.png")), "--direction", "b2a",
            "--out", str(ctx.tmp / "out.png")]


@case("sample-an-image-to-image-run", "images from images", says="`genforge sample` needs a model that samples")
def _(ctx):
    return ["sample", str(tiny_task_run(ctx)), "--n", "2", "--out", str(ctx.tmp / "s.png")]


@case("cyclegan-without-domains", "images from images", says="cyclegan learns two unpaired domains")
def _(ctx):
    return tiny_image_train(ctx, "cyclegan")


@case("domain-that-is-not-a-class", "images from images", says="--domain-b boot is not a class of this data")
def _(ctx):
    return tiny_image_train(ctx, "cyclegan", "--domain-a", "sneaker", "--domain-b", "boot")


@case("domains-for-a-model-of-one-set", "images from images", says="two unpaired domains (--domain-a, --domain-b) are for cyclegan")
def _(ctx):
    return tiny_image_train(ctx, "dcgan", "--domain-a", "sneaker", "--domain-b", "bag")
