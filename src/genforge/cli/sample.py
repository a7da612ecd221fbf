"""`genforge sample RUN`: draw images from a trained run, as a PNG grid or raw uint8 arrays (.npz)."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from ..api import load
from ..errors import GenforgeError
from ..reports.grids import save_grid


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("sample", help="sample images from a trained run", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--n", type=int, default=64, help="number of images (default 64)")
    parser.add_argument("--out", required=True, help="output file: grid.png or samples.npz")
    parser.add_argument("--seed", type=int, help="seed of the latent draws (default: random)")
    parser.add_argument("--format", choices=["png", "npz"], help="default: from the --out suffix")
    parser.add_argument("--checkpoint", help="a checkpoint folder (default: the run's newest)")
    parser.add_argument("--device", default="cpu")
    parser.set_defaults(run=run)


def run(args) -> int:
    if args.n <= 0:
        raise GenforgeError(f"--n must be positive, got {args.n}")
    out = Path(args.out)
    fmt = args.format or out.suffix.lstrip(".").lower()
    if fmt not in ("png", "npz"):
        raise GenforgeError(f"cannot tell the format of {out}: name it .png or .npz, or pass --format")
    model = load(args.run_folder, checkpoint=args.checkpoint, device=args.device)
    images = model.sample(args.n, seed=args.seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "png":
        save_grid(images, out)
    else:
        # NHWC uint8, the layout of StyleGAN's and clean-fid's .npz files.
        np.savez_compressed(out, images=images.permute(0, 2, 3, 1).numpy())
    print(f"{args.n} samples written to {out}")
    return 0
