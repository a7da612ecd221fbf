"""`genforge compare RUN [RUN ...] --out compare.html`: a sortable leaderboard with one sample grid per run.

`--format md` writes a Markdown table instead (for a README). Runs are ranked by FID from their
eval.json; take it with `genforge eval RUN` (or `genforge report RUN`) first."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import GenforgeError


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("compare", help="a leaderboard of runs", description=__doc__)
    parser.add_argument("runs", nargs="+", metavar="RUN", help="run folders, or folders holding runs")
    parser.add_argument("--out", help="output file (default compare.html, or stdout for --format md)")
    parser.add_argument("--format", choices=["html", "md"], default="html")
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..reports.compare import markdown, write_comparison
    from ..reports.run_summary import find_runs, summarise

    paths = []
    for given in args.runs:
        found = find_runs(given)
        if not found:
            raise GenforgeError(f"{given} is not a run folder and holds none")
        paths += found
    summaries = [summarise(path) for path in dict.fromkeys(paths)]
    if args.format == "md" and not args.out:
        print(markdown(summaries), end="")
        return 0
    out = Path(args.out or "compare.html")
    try:
        write_comparison(summaries, out, args.format)
    except OSError as error:
        raise GenforgeError(f"cannot write {out}: {error.strerror or error}") from None
    print(f"leaderboard of {len(summaries)} runs written to {out}")
    return 0
