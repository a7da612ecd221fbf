"""`genforge COMMAND ...`: dispatches to one module per command and turns user errors into one line."""

from __future__ import annotations

import argparse
import sys

from .. import __version__
from ..errors import GenforgeError
from . import (compare, eval as eval_command, interpolate, nll, prepare, presets, reconstruct, report, runs, sample,
               train, traverse)

COMMANDS = (train, prepare, sample, eval_command, nll, reconstruct, interpolate, traverse, report, compare, runs,
            presets)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="genforge", description="Train, evaluate and use generative models.")
    parser.add_argument("--version", action="version", version=f"genforge {__version__}")
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for command in COMMANDS:
        command.add_parser(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args) or 0
    except GenforgeError as error:
        print(f"genforge: error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("genforge: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
