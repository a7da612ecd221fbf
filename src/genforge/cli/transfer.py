"""`genforge transfer RUN --input song.mid --attribute NAME --amount 1.5 --out out/`: a melody moved
along one of the run's attribute vectors (MusicVAE's latent arithmetic, Roberts et al. 2018, Sec.
5.4) and decoded: music style transfer in MusicVAE's sense. `genforge attributes RUN` lists them."""

from __future__ import annotations

import math

from ..core.errors import GenforgeError
from .run_flags import add_checkpoint_argument
from .tool_output import write_tool_output


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("transfer", help="move a melody along an attribute vector", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--input", required=True, metavar="FILE.mid", help="the melody (its highest line is read)")
    parser.add_argument("--attribute", required=True, help="a name `genforge attributes RUN` lists")
    parser.add_argument("--amount", type=float, default=1.0, help="how far along the vector (default 1; negative: "
                                                                  "the other way)")
    parser.add_argument("--out", required=True, help="a folder (MIDI, WAV, picture) or a .mid, .wav or .png")
    add_checkpoint_argument(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..pipelines.latent_tools import transfer

    if not math.isfinite(args.amount):
        raise GenforgeError(f"--amount must be finite, got {args.amount}")
    output = transfer(args.run_folder, args.input, args.attribute, args.amount, args.checkpoint)
    write_tool_output(output, args.out, f"{args.input} with {args.amount:g} x {args.attribute}")
    return 0
