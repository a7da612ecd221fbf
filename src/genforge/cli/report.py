"""`genforge report RUN`: write RUN/report.html, a self-contained page about the run.

Missing measurements are taken first (skip with --no-eval): the sample metrics with the shipped
Fashion-MNIST network for runs on Fashion-MNIST (RUN/eval.json, as `genforge eval RUN`), and the
test likelihood for VAEs (RUN/likelihood.json, as `genforge nll RUN`)."""

from __future__ import annotations

from pathlib import Path

from ..core.errors import GenforgeError
from ..metrics.image.extractors import DEFAULT_COUNT


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("report", help="write RUN/report.html", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--out", help="where to write the page (default RUN/report.html)")
    parser.add_argument("--no-eval", action="store_true", help="only show measurements already taken")
    parser.add_argument("--n", type=int, default=DEFAULT_COUNT, help="generated images when evaluating (default 10000)")
    parser.set_defaults(run=run)


def run(args) -> int:
    # Imported here, not at the top: building the parser (help, usage and config errors) needs no torch.
    from ..pipelines.report import report_run

    if args.n <= 0:
        raise GenforgeError("--n must be positive")
    path = report_run(Path(args.run_folder), args.n, args.out, measure=not args.no_eval)
    print(f"report written to {path}")
    return 0
