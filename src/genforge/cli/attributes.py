"""`genforge attributes RUN`: the attribute vectors a MusicVAE run has (the mean latent code of one
set of melodies minus another's), made on first use from its training windows (`density`, `pitch`);
`--add NAME --plus SOURCE --minus SOURCE` adds one from two sets: music sources (bach-chorales minus
essen-folk) or folders of MIDI files. Kept in RUN/attributes.json."""

from __future__ import annotations

from .run_flags import add_checkpoint_argument


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("attributes", help="list or add a run's attribute vectors", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--add", metavar="NAME", help="the name of a new vector")
    parser.add_argument("--plus", metavar="SOURCE", help="with --add: the melodies the vector points towards")
    parser.add_argument("--minus", metavar="SOURCE", help="with --add: the melodies it points away from")
    add_checkpoint_argument(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    from ..core.errors import GenforgeError
    from ..pipelines.latent_tools import attributes

    if bool(args.add) != bool(args.plus and args.minus):
        raise GenforgeError("--add NAME needs --plus SOURCE and --minus SOURCE, and they need --add")
    add = (args.add, args.plus, args.minus) if args.add else None
    for line in attributes(args.run_folder, add, args.checkpoint):
        print(line)
    return 0
