"""Sampling a run for a user: the checks of the request against what the model declares and what the
disk holds, then the draw, a chunk at a time, by the handler of the model's modality
(pipelines/<modality>/sampling.py). `genforge sample` parses flags into a SampleRequest."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import numpy as np
import torch
from tqdm import tqdm

from .loading import load
from ..core import MODALITIES
from ..core.errors import GenforgeError
from ..core.capabilities import require
from ..core.storage import format_bytes, require_free_space
from .handlers import PIPELINES
from .samplers import SAMPLERS


@dataclass
class SampleRequest:
    """What to draw: the flags of `genforge sample` (None: the modality's default)."""

    run_folder: str
    out: str | None = None
    n: int | None = None
    seed: int | None = None
    format: str | None = None
    checkpoint: str | None = None
    class_index: int | None = None
    sampler: str = "prior"
    length: int | None = None
    temperature: float | None = None
    prompt: str | None = None
    top_k: int | None = None
    top_p: float | None = None
    bars: int | None = None  # music: the length of each sample
    device: str = "cpu"


# Samples are drawn and written this many at a time, so memory stays bounded whatever --n is. Chunk
# k draws from its own seed (the run's seed for chunk 0, so --n up to this many is one plain draw).
CHUNK = 1000


def chunk_seed(seed: int, chunk: int) -> int:
    if chunk == 0:
        return seed  # in [-2^63, 2^63): checked with the flags
    return int(np.random.SeedSequence([seed % 2**64, chunk]).generate_state(1, dtype=np.uint64)[0] >> 1)


def chunk_labels(labels: torch.Tensor | None, start: int, count: int) -> torch.Tensor | None:
    return None if labels is None else labels[start:start + count]


TEXT_FLAGS = ("length", "temperature", "prompt", "top_k", "top_p")


def output_format(out: Path | None, fmt: str | None, modality) -> str | None:
    """The format to write, from --format or the --out suffix, checked against what the modality writes."""
    if out is None:
        return fmt
    if modality.writes_folders and fmt in (None, "folder") and (out.is_dir() or not out.suffix):
        return "folder"
    if out.is_dir():
        raise GenforgeError(f"--out {out} is a folder; name a file such as {out / ('samples.' + modality.formats[0])}")
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in modality.formats:
        names = " or ".join(f".{name}" for name in modality.formats if name != "folder")
        names += " (or a folder)" if modality.writes_folders else ""
        raise GenforgeError(f"cannot write {modality.name} samples to {out}: name it {names}, or pass --format")
    return fmt


def sample_run(args: "SampleRequest") -> int:
    """Draw from a run and write (or print) the samples as the request asks; the CLI's `sample`. The
    modality's handler plans the draw; here it is checked against what can be written and what the
    disk holds, drawn a chunk at a time (chunk k with its own seed), and written by the modality."""
    if args.n is not None and args.n <= 0:
        raise GenforgeError(f"--n must be positive, got {args.n}")
    if args.seed is not None and not -2**63 <= args.seed < 2**63:
        raise GenforgeError(f"--seed must lie in [-2^63, 2^63), got {args.seed}")
    SAMPLERS.get(args.sampler)  # an unknown --sampler is one line, with the nearest name, before the run loads
    model = load(args.run_folder, checkpoint=args.checkpoint, device=args.device)
    require(model, "sample", "`genforge sample`", args.run_folder)  # an image-to-image model generates from inputs
    modality = MODALITIES.get(model.modality)
    out = Path(args.out) if args.out else None
    fmt = output_format(out, args.format, modality)
    plan = PIPELINES.get(model.modality).plan_samples(model, args, args.n or modality.default_count, fmt)
    modality.check_output(model, plan.n, fmt, printed=out is None)
    total = None
    if out is not None:
        total = modality.output_bytes(model, plan.n, fmt, plan.options)
        existing = next((folder for folder in (out, out.parent) if folder.is_dir()), Path("."))
        require_free_space(total + 2**20, existing, f"{plan.n} samples")
    seed = args.seed if args.seed is not None else int(torch.Generator().seed() >> 1)
    bar = None
    if out is not None:
        what = f"{plan.n} samples, at most {format_bytes(total)}{' before compression' if fmt == 'npz' else ''}, to {out}"
        print(f"writing {what}", flush=True)  # also when the bar is off (no terminal)
        bar = tqdm(total=plan.n, unit=modality.unit, desc=what, disable=None)
    modality.write(drawn_chunks(plan, seed, bar), out, fmt, plan.n, **plan.layout)
    if bar is not None:
        bar.close()
        print(f"{plan.n} samples written to {out}")
    return 0


def drawn_chunks(plan, seed: int, bar) -> Iterator:
    """The plan's samples, CHUNK at a time, each chunk from its own seed (chunk_seed)."""
    said = set()
    for start in range(0, plan.n, CHUNK):
        samples = plan.draw(start, min(CHUNK, plan.n - start), chunk_seed(seed, start // CHUNK))
        for note in plan.notes(samples):
            if note not in said:
                print(note, file=sys.stderr)
                said.add(note)
        if bar is not None:
            bar.update(len(samples))
        yield samples
