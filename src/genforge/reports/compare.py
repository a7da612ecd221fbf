"""The leaderboard of `genforge compare`: one row per run, as a sortable HTML page or a Markdown table.
Image runs rank by FID within a feature network; text runs by bits per character within a dataset
(comparable across tokenisers), with BLEU-4, Self-BLEU-4 and novelty beside it."""

from __future__ import annotations

from pathlib import Path

from ..data import DATASETS
from ..core.storage import write_text_atomically
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


TEXT_HEADINGS = ["run", "model", "dataset", "tokeniser", "bits/char", "perplexity", "BLEU-4", "Self-BLEU-4",
                 "novelty", "steps", "training time (min)", "units/s"]
TEXT_DIGITS = [4, 2, 4, 4, 3, 0, 1, 0]


def is_text(run: RunSummary) -> bool:
    name = run.config.get("data", {}).get("name")
    return name in DATASETS and DATASETS.get(name).modality == "text"


def bits_per_character(run: RunSummary) -> float | None:
    found = run.metric("bits/char")
    if found:
        return found[1]
    return (run.likelihood or {}).get("bits_per_character")


def text_cells(run: RunSummary) -> tuple[list[str], list[float | None]]:
    evaluation = run.evaluation or {}
    metrics = evaluation.get("metrics") or {}
    likelihood = evaluation.get("likelihood") or run.likelihood or {}
    names = [run.name, run.model, run.config.get("data", {}).get("name", "?"), likelihood.get("tokenizer", "–")]
    perplexity = metrics.get("perplexity", likelihood.get("perplexity"))
    return names, [bits_per_character(run), perplexity, metrics.get("BLEU-4"), metrics.get("Self-BLEU-4"),
                   metrics.get("novelty"), run.step, run.seconds / 60, run.throughput]


def ranked_text(runs: list[RunSummary]) -> list[RunSummary]:
    """By bits per character (lowest first) within each dataset; runs not yet measured go last."""
    def key(run: RunSummary):
        bits = bits_per_character(run)
        return (run.config.get("data", {}).get("name", ""), bits is None, bits or 0.0, run.name)

    return sorted(runs, key=key)


def markdown_table(headings: list[str], rows: list[tuple[list[str], list[float | None]]], digits: list[int]) -> list[str]:
    named = len(rows[0][0]) if rows else 3
    lines = ["| " + " | ".join(headings) + " |", "|" + "---|" * named + "---:|" * (len(headings) - named)]
    for names, values in rows:
        cells = ["–" if v is None else f"{v:.{d}f}" for v, d in zip(values, digits)]
        lines.append("| " + " | ".join([*names, *cells]) + " |")
    return lines


def image_rows(runs: list[RunSummary]) -> list[tuple[list[str], list[float | None]]]:
    return [([run.name, run.model, feature_network(run)], row_values(run)) for run in ranked(runs)]


def markdown(runs: list[RunSummary]) -> str:
    images, texts = [run for run in runs if not is_text(run)], [run for run in runs if is_text(run)]
    lines = markdown_table(HEADINGS, image_rows(images), DIGITS) if images else []
    if texts:
        lines += ([""] if lines else []) + markdown_table(TEXT_HEADINGS, [text_cells(run) for run in ranked_text(texts)],
                                                         TEXT_DIGITS)
    return "\n".join(lines) + "\n"


def html_page(runs: list[RunSummary]) -> str:
    images, texts = [run for run in runs if not is_text(run)], [run for run in runs if is_text(run)]
    body = ("<h1>genforge leaderboard</h1><p class=\"muted\">Click a column heading to sort. Metrics come from "
            "each run's eval.json (its feature network is named), NLL from likelihood.json.</p>")
    if images or not texts:
        rows = [[*names, *[number(v, d) for v, d in zip(values, DIGITS)]] for names, values in image_rows(images)]
        grids = "".join(image(run.latest_grid, f"samples of {run.name}", run.name, width=240)
                        for run in ranked(images) if run.latest_grid is not None)
        body += (table(HEADINGS, rows, sortable=True, table_id="leaderboard")
                 + "<h2>Latest fixed-noise samples</h2>" + grids)
    if texts:
        rows = [[*names, *[number(v, d) for v, d in zip(values, TEXT_DIGITS)]]
                for names, values in (text_cells(run) for run in ranked_text(texts))]
        body += ("<h2>Text runs</h2><p class=\"muted\">Ranked by bits per character within each dataset (comparable "
                 "across tokenisers); BLEU-4, Self-BLEU-4 and novelty from <code>genforge eval RUN</code>.</p>"
                 + table(TEXT_HEADINGS, rows, sortable=True, table_id="text-leaderboard"))
    return page("genforge leaderboard", body, script=True)


def write_comparison(runs: list[RunSummary], out: Path, fmt: str) -> Path:
    write_text_atomically(out, markdown(runs) if fmt == "md" else html_page(runs), "the comparison")
    return out

