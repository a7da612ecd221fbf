"""`genforge interpolate RUN --a A --b B`: a path through latent space, decoded.

For a VAE, A and B index test images (their encodings are the ends); for a GAN, they are seeds
of two latent draws. Gaussian latents are interpolated spherically (slerp); a VQ-VAE's encoder
outputs linearly, each point snapped to its nearest codes."""

from __future__ import annotations

from ..errors import GenforgeError


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("interpolate", help="decode a path between two latents", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--a", type=int, required=True, help="VAE: test image index; GAN: seed")
    parser.add_argument("--b", type=int, required=True, help="VAE: test image index; GAN: seed")
    parser.add_argument("--steps", type=int, default=10)
    parser.add_argument("--out", required=True, help="output PNG")
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..modalities.image.grids import save_grid
    from ..pipelines.latent_tools import interpolate

    if args.steps < 2:
        raise GenforgeError("--steps must be at least 2")
    save_grid(interpolate(args.run_folder, args.a, args.b, args.steps), args.out, columns=args.steps)
    print(f"{args.steps}-step interpolation written to {args.out}")
    return 0
