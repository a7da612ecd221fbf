"""`genforge reconstruct RUN`: test images above their reconstructions (VAEs)."""

from __future__ import annotations

from ..errors import GenforgeError


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("reconstruct", help="inputs above their reconstructions", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--n", type=int, default=32, help="test images to reconstruct (default 32)")
    parser.add_argument("--out", required=True, help="output PNG")
    parser.add_argument("--columns", type=int, default=8)
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..modalities.image.grids import save_grid
    from ..pipelines.latent_tools import reconstruct

    if args.n <= 0 or args.columns <= 0:
        raise GenforgeError("--n and --columns must be positive")
    grid, count = reconstruct(args.run_folder, args.n, args.columns)
    save_grid(grid, args.out, args.columns)
    print(f"{count} test images and their reconstructions written to {args.out}")
    return 0
