"""`genforge reconstruct RUN`: held-out items beside their reconstructions: test images above theirs
(VAEs), or sentences and what the sentence VAE makes of them through their posterior mean."""

from __future__ import annotations

from ..core.errors import GenforgeError
from .run_flags import add_checkpoint_argument
from .tool_output import write_tool_output


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("reconstruct", help="inputs beside their reconstructions", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--n", type=int, help="held-out items to reconstruct (default 32 images, 10 texts)")
    parser.add_argument("--out", help="output PNG for images (required); a .txt for texts (default: printed)")
    parser.add_argument("--columns", type=int, default=8)
    add_checkpoint_argument(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..pipelines.latent_tools import reconstruct

    if (args.n is not None and args.n <= 0) or args.columns <= 0:
        raise GenforgeError("--n and --columns must be positive")
    output = reconstruct(args.run_folder, args.n, args.columns, args.checkpoint)
    write_tool_output(output, args.out, f"{output.count} held-out items and their reconstructions")
    return 0
