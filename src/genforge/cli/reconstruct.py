"""`genforge reconstruct RUN`: test images above their reconstructions (VAEs)."""

from __future__ import annotations

from pathlib import Path

from ..api import load
from ..data import held_out_split, load_split
from ..errors import GenforgeError
from ..modalities.image.grids import save_grid
from ..sampling import reconstructions, rows_above
from ..training.run_folder import RunFolder


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("reconstruct", help="inputs above their reconstructions", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--n", type=int, default=32, help="test images to reconstruct (default 32)")
    parser.add_argument("--out", required=True, help="output PNG")
    parser.add_argument("--columns", type=int, default=8)
    parser.set_defaults(run=run)


def run(args) -> int:
    if args.n <= 0 or args.columns <= 0:
        raise GenforgeError("--n and --columns must be positive")
    config = RunFolder(Path(args.run_folder)).read_config()
    model = load(args.run_folder)
    images = load_split(config.data, held_out_split(config.data)).images[:args.n]
    save_grid(rows_above(images, reconstructions(model, images), args.columns), args.out, args.columns)
    print(f"{images.shape[0]} test images and their reconstructions written to {args.out}")
    return 0
