"""`genforge sample` of an image run: a PNG grid (one row per class for a conditional model) or an
.npz of NHWC uint8 arrays, drawn and written a chunk at a time after the disk check."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch
from PIL import Image
from tqdm import tqdm

from ...core.errors import GenforgeError
from ...core.storage import format_bytes, require_free_space
from ...modalities.image.grids import class_rows, save_grid
from ...modalities.image.npz_writer import ChunkedNpzWriter
from ...training.run_folder import RunFolder
from .. import sample as chunking  # CHUNK read at each call: tests make it small
from ..sample import TEXT_FLAGS, chunk_labels, chunk_seed
from ..samplers import SAMPLERS

# The largest PNG grid written: Pillow's decompression-bomb limit, past which viewers refuse it too.
MAX_GRID_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485


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
        chunk = start // chunking.CHUNK
        if args.sampler != "prior":
            return sampler(model, config, Path(args.run_folder), count, chunk_seed(seed, chunk))
        return model.sample(count, seed=chunk_seed(seed, chunk), labels=chunk_labels(labels, start, count)).values

    plan = f"{n} samples, {format_bytes(total)}{' before compression' if fmt == 'npz' else ''}, to {out}"
    print(f"writing {plan}", flush=True)  # also when the bar is off (no terminal)
    bar = tqdm(total=n, unit="image", desc=plan, disable=None)
    if fmt == "png":
        chunks = []
        for start in range(0, n, chunking.CHUNK):
            chunks.append(draw(start, min(chunking.CHUNK, n - start)))
            bar.update(len(chunks[-1]))
        bar.close()
        images = torch.cat(chunks)
        save_grid(images, out, columns)
    else:
        write_npz(out, n, model, labels, draw, bar)
    print(f"{n} samples written to {out}")
    return 0


def write_npz(out: Path, n: int, model, labels: torch.Tensor | None, draw, bar) -> None:
    """NHWC uint8 under "images" (the layout of StyleGAN's and clean-fid's .npz files), and the
    class labels under "labels" for a conditional model, written a chunk at a time."""
    shape = (n, model.config.image_size, model.config.image_size, model.config.channels)
    with ChunkedNpzWriter(out) as writer:
        writer.begin("images", shape, np.uint8)
        for start in range(0, n, chunking.CHUNK):
            count = min(chunking.CHUNK, n - start)
            writer.write(draw(start, count).permute(0, 2, 3, 1).numpy())
            bar.update(count)
        bar.close()
        if labels is not None:
            writer.begin("labels", (n,), np.int64)
            for start in range(0, n, chunking.CHUNK):
                writer.write(labels[start:start + chunking.CHUNK].numpy().astype(np.int64))
