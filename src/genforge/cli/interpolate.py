"""`genforge interpolate RUN --a A --b B`: a path through latent space, decoded.

For a VAE, A and B index test images (their encodings are the ends); for a GAN, they are seeds
of two latent draws. Gaussian latents are interpolated spherically (slerp); a VQ-VAE's encoder
outputs linearly, each point snapped to its nearest codes. For a sentence VAE, A and B are two
sentences: the homotopy between their posterior means, each point decoded greedily (Bowman et al.
2016, section 4.3), printed or written to a .txt."""

from __future__ import annotations

from ..core.errors import GenforgeError
from .run_flags import add_checkpoint_argument
from .tool_output import write_tool_output


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("interpolate", help="decode a path between two latents", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--a", required=True, help="VAE: test image index; GAN: seed; sentence VAE: a sentence; "
                        "MusicVAE: a MIDI file")
    parser.add_argument("--b", required=True, help="VAE: test image index; GAN: seed; sentence VAE: a sentence; "
                        "MusicVAE: a MIDI file")
    parser.add_argument("--steps", type=int, default=10, help="points along the path, 2 to 1000 (default 10)")
    parser.add_argument("--out", help="output PNG for images (required); a .txt for texts (default: printed)")
    add_checkpoint_argument(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..pipelines.latent_tools import interpolate

    if args.steps < 2:
        raise GenforgeError("--steps must be at least 2")
    write_tool_output(interpolate(args.run_folder, args.a, args.b, args.steps, args.checkpoint), args.out,
                      f"{args.steps}-step interpolation")
    return 0
