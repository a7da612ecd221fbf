"""`genforge report RUN`: write RUN/report.html, a self-contained page about the run.

Missing measurements are taken first (skip with --no-eval): the sample metrics with the shipped
Fashion-MNIST network for runs on Fashion-MNIST (RUN/eval.json, as `genforge eval RUN`), and the
test likelihood for VAEs (RUN/likelihood.json, as `genforge nll RUN`)."""

from __future__ import annotations

import json
from pathlib import Path

from ..api import load
from ..data import DATASETS
from ..storage import write_json_atomically
from ..errors import GenforgeError
from ..metrics.evaluate import DEFAULT_COUNT
from ..pipelines.evaluation import evaluate
from ..reports.run_report import write_report
from ..training.run_folder import RunFolder
from ..pipelines.likelihood import measure_likelihood

SAMPLE_METRICS = ["is", "fid", "kid", "pr"]


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("report", help="write RUN/report.html", description=__doc__)
    parser.add_argument("run_folder", metavar="RUN")
    parser.add_argument("--out", help="where to write the page (default RUN/report.html)")
    parser.add_argument("--no-eval", action="store_true", help="only show measurements already taken")
    parser.add_argument("--n", type=int, default=DEFAULT_COUNT, help="generated images when evaluating (default 10000)")
    parser.set_defaults(run=run)


def measured_at(path: Path) -> int | None:
    """The checkpoint step a saved measurement describes (None when unknown or missing)."""
    try:
        return json.loads(path.read_text()).get("step")
    except (OSError, json.JSONDecodeError):
        return None


def take_missing_measurements(folder: RunFolder, n: int) -> None:
    """Measure what is missing, or was measured at an older checkpoint than the newest."""
    config = folder.read_config()
    model = load(folder.root)
    step = model.loaded_step  # the checkpoint the samples and measurements come from
    if measured_at(folder.root / "eval.json") != step and DATASETS.get(config.data.name).feature_network == "fmnist":
        print(f"evaluating {n} samples of step {step} with the fmnist network (written to eval.json) ...", flush=True)
        result = evaluate(str(folder.root), "fashion-mnist:test", SAMPLE_METRICS, "fmnist", count=n,
                          data=config.data)
        write_json_atomically(folder.root / "eval.json", {**result.record, "step": step}, "the evaluation")
    if measured_at(folder.root / "likelihood.json") != step and model.capabilities.likelihood:
        print(f"measuring the held-out likelihood of step {step} (written to likelihood.json) ...",
              flush=True)
        measure_likelihood(folder, model)


def run(args) -> int:
    if args.n <= 0:
        raise GenforgeError("--n must be positive")
    folder = RunFolder(Path(args.run_folder))
    folder.read_config()  # a one-line error when it is not a run
    if not args.no_eval:
        take_missing_measurements(folder, args.n)
    try:
        path = write_report(folder.root, args.out)
    except OSError as error:
        raise GenforgeError(f"cannot write the report to {args.out or folder.root}: {error.strerror or error}") from None
    print(f"report written to {path}")
    return 0
