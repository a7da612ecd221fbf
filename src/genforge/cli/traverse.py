"""`genforge traverse RUN`: a latent traversal grid, one row per latent dimension, the others at 0.

Each row sweeps one dimension of z from -R to R (Higgins et al. 2017, figure 7), for models with
Gaussian latents of at most 32 dimensions (the VAEs; a GAN's 100-d noise is too large to read)."""

from __future__ import annotations

from ..core.errors import GenforgeError
from .run_flags import add_checkpoint_argument

# Points per latent dimension at most: one grid row each, a picture viewers still open.
MAX_VALUES = 100


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("traverse", help="a latent traversal grid", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--values", type=int, default=9,
                        help=f"points per dimension (default 9, at most {MAX_VALUES})")
    parser.add_argument("--range", type=float, default=3.0, help="sweep from -R to R (default 3)")
    parser.add_argument("--out", required=True, help="output PNG")
    add_checkpoint_argument(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..modalities.image.grids import save_grid
    from ..pipelines.latent_tools import traverse

    if args.values < 2:
        raise GenforgeError("--values must be at least 2")
    if args.values > MAX_VALUES:
        raise GenforgeError(f"--values must be at most {MAX_VALUES}, got {args.values}")
    images, dimensions = traverse(args.run_folder, args.values, args.range, args.checkpoint)
    save_grid(images, args.out, columns=args.values)
    print(f"{dimensions} x {args.values} traversal written to {args.out}")
    return 0
