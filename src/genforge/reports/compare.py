"""The leaderboard of `genforge compare`: one row per run, as a sortable HTML page or a Markdown table."""

from __future__ import annotations

from pathlib import Path

from ..storage import write_text_atomically
from .html import image, number, page, table
from .run_summary import SAMPLE_METRICS, RunSummary

HEADINGS = ["run", "model", "feature network", *[m[0] for m in SAMPLE_METRICS], "NLL (nats)", "steps",
            "training time (min)", "units/s"]


def feature_network(run: RunSummary) -> str:
    return (run.evaluation or {}).get("extractor", {}).get("name", "–")


def row_values(run: RunSummary) -> list[float | None]:
    metrics = [run.metric(prefix) for _, prefix in SAMPLE_METRICS]
    return [*[m[1] if m else None for m in metrics], run.nll, run.step, run.seconds / 60, run.throughput]


DIGITS = [2, 2, 4, 3, 3, 2, 0, 1, 0]


def ranked(runs: list[RunSummary]) -> list[RunSummary]:
    """By FID (lowest first) within each feature network, whose FIDs are not comparable with
    another's; runs without one go last, by name."""
    def key(run: RunSummary):
        fid = run.metric("FID[")
        return (fid is None, feature_network(run), fid[1] if fid else 0.0, run.name)

    return sorted(runs, key=key)


def markdown(runs: list[RunSummary]) -> str:
    lines = ["| " + " | ".join(HEADINGS) + " |", "|---|---|---|" + "---:|" * (len(HEADINGS) - 3)]
    for run in ranked(runs):
        cells = ["–" if v is None else f"{v:.{d}f}" for v, d in zip(row_values(run), DIGITS)]
        lines.append(f"| {run.name} | {run.model} | {feature_network(run)} | " + " | ".join(cells) + " |")
    return "\n".join(lines) + "\n"


def html_page(runs: list[RunSummary]) -> str:
    rows = [[run.name, run.model, feature_network(run), *[number(v, d) for v, d in zip(row_values(run), DIGITS)]]
            for run in ranked(runs)]
    grids = "".join(image(run.latest_grid, f"samples of {run.name}", run.name, width=240)
                    for run in ranked(runs) if run.latest_grid is not None)
    body = ("<h1>genforge leaderboard</h1><p class=\"muted\">Click a column heading to sort. Metrics come from "
            "each run's eval.json (its feature network is named), NLL from likelihood.json.</p>"
            + table(HEADINGS, rows, sortable=True, table_id="leaderboard")
            + "<h2>Latest fixed-noise samples</h2>" + grids)
    return page("genforge leaderboard", body, script=True)


def write_comparison(runs: list[RunSummary], out: Path, fmt: str) -> Path:
    write_text_atomically(out, markdown(runs) if fmt == "md" else html_page(runs), "the comparison")
    return out

