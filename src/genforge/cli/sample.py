"""`genforge sample RUN`: draw images from a trained run, as a PNG grid or raw uint8 arrays (.npz)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import torch

from ..api import load
from ..errors import GenforgeError
from ..models.base import class_rows
from ..sampling import SAMPLERS
from ..training.run_folder import RunFolder
from ..reports.grids import save_grid


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("sample", help="sample images from a trained run", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--n", type=int, default=64, help="number of images (default 64)")
    parser.add_argument("--out", required=True, help="output file: grid.png or samples.npz")
    parser.add_argument("--seed", type=int, help="seed of the latent draws (default: random)")
    parser.add_argument("--format", choices=["png", "npz"], help="default: from the --out suffix")
    parser.add_argument("--checkpoint", help="a checkpoint folder (default: the run's newest)")
    parser.add_argument("--class", dest="class_index", type=int, metavar="K",
                        help="conditional models: only class K (default: one row per class in a PNG)")
    parser.add_argument("--sampler", default="prior", help="prior; for VAEs also gmm (a mixture fitted to the encoded training set) or two-stage")
    parser.add_argument("--device", default="cpu")
    parser.set_defaults(run=run)


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


def run(args) -> int:
    if args.n <= 0:
        raise GenforgeError(f"--n must be positive, got {args.n}")
    out = Path(args.out)
    fmt = args.format or out.suffix.lstrip(".").lower()
    if fmt not in ("png", "npz"):
        raise GenforgeError(f"cannot tell the format of {out}: name it .png or .npz, or pass --format")
    model = load(args.run_folder, checkpoint=args.checkpoint, device=args.device)
    labels, columns = class_labels(model, args, fmt)
    if args.sampler != "prior":
        if labels is not None:
            raise GenforgeError("ex-post samplers are for unconditional VAEs")
        config = RunFolder(Path(args.run_folder)).read_config()
        images = SAMPLERS.get(args.sampler)(model, config, Path(args.run_folder), args.n, args.seed)
    else:
        images = model.sample(len(labels) if labels is not None else args.n, seed=args.seed, labels=labels)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "png":
        save_grid(images, out, columns)
    else:
        # NHWC uint8, the layout of StyleGAN's and clean-fid's .npz files.
        arrays = {"images": images.permute(0, 2, 3, 1).numpy()}
        if labels is not None:
            arrays["labels"] = labels.numpy()
        np.savez_compressed(out, **arrays)
    print(f"{images.shape[0]} samples written to {out}")
    return 0
