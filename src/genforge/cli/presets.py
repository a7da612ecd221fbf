"""`genforge presets`: list the named, tuned configurations that `genforge train --preset NAME` takes."""

from __future__ import annotations

from ..training.presets import describe, preset_names


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("presets", help="list the presets", description=__doc__)
    parser.set_defaults(run=run)


def run(args) -> int:
    names = preset_names()
    width = max(len(name) for name in names)
    for name in names:
        print(f"{name:<{width}}  {describe(name)}")
    return 0
