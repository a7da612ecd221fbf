"""Sampling a run for a user: the checks of the request against what the model declares and what the
disk holds, then the draw, a chunk at a time, written by the model's modality (PNG grid or .npz for
images, printed text or .txt/.jsonl for text). `genforge sample` parses flags into a SampleRequest."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import torch
from PIL import Image
from tqdm import tqdm

from .loading import load
from ..core import MODALITIES
from ..core.errors import GenforgeError
from ..modalities.image.grids import class_rows, save_grid
from ..modalities.text.writers import as_txt, write_texts
from ..modalities.image.npz_writer import ChunkedNpzWriter
from ..core.registry import Registry
from .image.latent_samplers import SAMPLERS
from ..core.storage import format_bytes, require_free_space
from ..training.run_folder import RunFolder


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
    device: str = "cpu"


def class_labels(model, args, fmt: str) -> tuple[torch.Tensor | None, int | None]:
    """(labels, grid columns) for a conditional model; (None, None) for an unconditional one."""
    classes = model.num_classes
    if args.class_index is not None:
        if not classes:
            raise GenforgeError("--class needs a conditional model; this run is unconditional")
        if not 0 <= args.class_index < classes:
            raise GenforgeError(f"--class must be in 0..{classes - 1}, got {args.class_index}")
        return torch.full((args.n,), args.class_index), None
    if not classes:
        return None, None
    if fmt == "png":
        return class_rows(classes, args.n)
    return torch.arange(args.n) % classes, None


# Samples are drawn and written this many at a time, so memory stays bounded whatever --n is. Chunk
# k draws from its own seed (the run's seed for chunk 0, so --n up to this many is one plain draw).
CHUNK = 1000
# The largest PNG grid written: Pillow's decompression-bomb limit, past which viewers refuse it too.
MAX_GRID_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485


def chunk_seed(seed: int, chunk: int) -> int:
    if chunk == 0:
        return seed  # in [-2^63, 2^63): checked with the flags
    return int(np.random.SeedSequence([seed % 2**64, chunk]).generate_state(1, dtype=np.uint64)[0] >> 1)


def chunk_labels(labels: torch.Tensor | None, start: int, count: int) -> torch.Tensor | None:
    return None if labels is None else labels[start:start + count]


def output_plan(model, n: int, fmt: str, out: Path) -> int:
    """The size in bytes of what will be written (uncompressed, an upper bound for the .npz), after
    refusing what cannot be written: a PNG too large to view, or more than the free disk holds."""
    size = model.config.image_size
    if fmt == "png":
        pixels = n * size * size
        if pixels > MAX_GRID_PIXELS:
            raise GenforgeError(f"a PNG grid of {n} images of {size}x{size} has {pixels / 1e6:.0f} megapixels, more "
                                f"than image viewers open ({MAX_GRID_PIXELS / 1e6:.0f}); write them to a .npz instead")
    total = output_bytes(model, n)
    require_free_space(total + 2**20, out.parent if out.parent.exists() else Path("."), f"{n} samples")
    return total


def output_bytes(model, n: int) -> int:
    """uint8 pixels, and int64 labels for a conditional model: an upper bound for the .npz."""
    config = model.config
    return n * config.channels * config.image_size ** 2 + (8 * n if model.num_classes else 0)


TEXT_FLAGS = ("length", "temperature", "prompt", "top_k", "top_p")


def output_format(out: Path | None, fmt: str | None, modality) -> str | None:
    """The format to write, from --format or the --out suffix, checked against what the modality writes."""
    if out is None:
        return fmt
    if out.is_dir():
        raise GenforgeError(f"--out {out} is a folder; name a file such as {out / ('samples.' + modality.formats[0])}")
    fmt = fmt or out.suffix.lstrip(".").lower()
    if fmt not in modality.formats:
        names = " or ".join(f".{name}" for name in modality.formats)
        raise GenforgeError(f"cannot write {modality.name} samples to {out}: name it {names}, or pass --format")
    return fmt


def sample_run(args: "SampleRequest") -> int:
    """Draw from a run and write (or print) the samples as the request asks; the CLI's `sample`."""
    if args.n is not None and args.n <= 0:
        raise GenforgeError(f"--n must be positive, got {args.n}")
    if args.seed is not None and not -2**63 <= args.seed < 2**63:
        raise GenforgeError(f"--seed must lie in [-2^63, 2^63), got {args.seed}")
    SAMPLERS.get(args.sampler)  # an unknown --sampler is one line, with the nearest name, before the run loads
    model = load(args.run_folder, checkpoint=args.checkpoint, device=args.device)
    modality = MODALITIES.get(model.modality)
    out = Path(args.out) if args.out else None
    fmt = output_format(out, args.format, modality)
    return SAMPLE_COMMANDS.get(model.modality)(model, args, out, fmt)


def sample_text(model, args, out: Path | None, fmt: str | None) -> int:
    if args.class_index is not None:
        model.capabilities.require("sample_by_class", "`genforge sample --class`", args.run_folder, model.config.name)
    if args.sampler != "prior":
        model.capabilities.require("encode", f"--sampler {args.sampler}", args.run_folder, model.config.name)
    seed = args.seed if args.seed is not None else int(torch.Generator().seed() >> 1)
    options = {"length": 400 if args.length is None else args.length,
               "temperature": 0.8 if args.temperature is None else args.temperature,
               "prompt": args.prompt or "", "top_k": args.top_k, "top_p": args.top_p}
    samples = model.sample(args.n or 3, seed=seed, **options)
    if samples.conditioning.get("prompt_cut"):
        print(f"note: the prompt is longer than the model's context of {model.config.context} tokens: its first "
              f"{samples.conditioning['prompt_cut']} tokens were left out", file=sys.stderr)
    if out is None:
        print(as_txt(samples), end="")
        return 0
    write_texts(samples, out, fmt)
    print(f"{len(samples)} samples written to {out}")
    return 0


def sample_images(model, args, out: Path | None, fmt: str | None) -> int:
    for flag in TEXT_FLAGS:
        if getattr(args, flag) is not None:
            model.capabilities.require("sample_from_prompt", f"`genforge sample --{flag.replace('_', '-')}`",
                                       args.run_folder, model.config.name)
    if out is None:
        raise GenforgeError("--out is needed for images: name a grid.png or a samples.npz")
    args.n = args.n or 64
    output_plan(model, args.n, fmt, out)  # refused before the labels of a huge --n are even made; a
    # class grid writes no more than --n
    labels, columns = class_labels(model, args, fmt)
    n = len(labels) if labels is not None else args.n
    if args.sampler != "prior" and labels is not None:
        raise GenforgeError("ex-post samplers are for unconditional VAEs")
    sampler = SAMPLERS.get(args.sampler)
    config = RunFolder(Path(args.run_folder)).read_config() if args.sampler != "prior" else None
    total = output_bytes(model, n)
    seed = args.seed if args.seed is not None else int(torch.Generator().seed() >> 1)

    def draw(start: int, count: int) -> torch.Tensor:
        chunk = start // CHUNK
        if args.sampler != "prior":
            return sampler(model, config, Path(args.run_folder), count, chunk_seed(seed, chunk))
        return model.sample(count, seed=chunk_seed(seed, chunk), labels=chunk_labels(labels, start, count)).values

    plan = f"{n} samples, {format_bytes(total)}{' before compression' if fmt == 'npz' else ''}, to {out}"
    print(f"writing {plan}", flush=True)  # also when the bar is off (no terminal)
    bar = tqdm(total=n, unit="image", desc=plan, disable=None)
    if fmt == "png":
        chunks = []
        for start in range(0, n, CHUNK):
            chunks.append(draw(start, min(CHUNK, n - start)))
            bar.update(len(chunks[-1]))
        bar.close()
        images = torch.cat(chunks)
        save_grid(images, out, columns)
    else:
        write_npz(out, n, model, labels, draw, bar)
    print(f"{n} samples written to {out}")
    return 0


SAMPLE_COMMANDS = Registry("modality to sample")
SAMPLE_COMMANDS.register("image")(sample_images)
SAMPLE_COMMANDS.register("text")(sample_text)


def write_npz(out: Path, n: int, model, labels: torch.Tensor | None, draw, bar) -> None:
    """NHWC uint8 under "images" (the layout of StyleGAN's and clean-fid's .npz files), and the
    class labels under "labels" for a conditional model, written a chunk at a time."""
    shape = (n, model.config.image_size, model.config.image_size, model.config.channels)
    with ChunkedNpzWriter(out) as writer:
        writer.begin("images", shape, np.uint8)
        for start in range(0, n, CHUNK):
            count = min(CHUNK, n - start)
            writer.write(draw(start, count).permute(0, 2, 3, 1).numpy())
            bar.update(count)
        bar.close()
        if labels is not None:
            writer.begin("labels", (n,), np.int64)
            for start in range(0, n, CHUNK):
                writer.write(labels[start:start + CHUNK].numpy().astype(np.int64))
