"""`genforge COMMAND ...`: dispatches to one module per command and turns user errors into one line."""

from __future__ import annotations

import argparse
import sys

from ..version import __version__
from ..core.errors import GenforgeError
from . import (attributes, compare, eval as eval_command, generate, image_tools, interpolate, nll, prepare, presets,
               reconstruct, report, runs, sample, train, transfer, traverse)

COMMANDS = (train, prepare, sample, generate, eval_command, nll, reconstruct, interpolate, traverse, transfer,
            attributes, image_tools, report, compare, runs, presets)


class OneLineParser(argparse.ArgumentParser):
    """A usage error is one line on stderr and exit code 2, like every other user error (argparse's
    own prints the whole usage block first)."""

    def error(self, message: str):
        self.exit(2, f"{self.prog}: error: {message} (see {self.prog} --help)\n")


def build_parser() -> argparse.ArgumentParser:
    parser = OneLineParser(prog="genforge", description="Train, evaluate and use generative models.")
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
    except OSError as error:  # a read or write the machine refused, outside the places that say so themselves
        where = f"{error.filename}: " if error.filename else ""
        print(f"genforge: error: {where}{error.strerror or error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("genforge: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    raise SystemExit(main())
