"""The image modality's handler in the reports layer (reports/handlers.py) and its likelihood kind."""

from __future__ import annotations

from ..handlers import Leaderboard, ModalityReport, register_report
from ..records import LikelihoodKind, register_likelihood_kind
from ..run_summary import RunSummary
from .sections import (classes_section, evaluation_section, likelihood_section, likelihood_summary, neighbours_section,
                       side_by_side_section, task_rows_section, timeline_section, vae_section)

# Leaderboard columns: (heading, metric name prefix in eval.json)
SAMPLE_METRICS = (("FID", "FID["), ("IS", "IS["), ("KID", "KID["), ("precision", "precision["), ("recall", "recall["))
HEADINGS = ["run", "model", "feature network", *[m[0] for m in SAMPLE_METRICS], "NLL (nats)", "steps",
            "training time (min)", "units/s"]
DIGITS = [2, 2, 4, 3, 3, 2, 0, 1, 0]


def feature_network(run: RunSummary) -> str:
    return (run.evaluation or {}).get("extractor", {}).get("name", "–")


def nll_per_image(run: RunSummary) -> float | None:
    return None if run.likelihood is None else run.likelihood.get("nll_nats_per_image")


def row_values(run: RunSummary) -> list[float | None]:
    metrics = [run.metric(prefix) for _, prefix in SAMPLE_METRICS]
    return [*[m[1] if m else None for m in metrics], nll_per_image(run), run.step, run.seconds / 60, run.throughput]


def ranked(runs: list[RunSummary]) -> list[RunSummary]:
    """By FID (lowest first) within each feature network, whose FIDs are not comparable with
    another's; runs without one go last, by name."""
    def key(run: RunSummary):
        fid = run.metric("FID[")
        return (fid is None, feature_network(run), fid[1] if fid else 0.0, run.name)

    return sorted(runs, key=key)


class ImageReport(ModalityReport):
    name = "image"

    def evaluation_section(self, run) -> str:
        return evaluation_section(run)

    def unmeasured_note(self, run) -> str:
        return ('<p class="muted">Not evaluated yet: <code>genforge eval RUN</code> writes eval.json '
                '(photos need <code>--extractor inception --inception-weights FILE</code>).</p>')

    def sections(self, run, data) -> list[str]:
        """`data`: what pipelines/image/report_data.py computed with the model (neighbours, class rows, latents)."""
        columns = data.get("task_columns")
        title = f"Training images over training: {columns}" if columns else "Fixed-noise samples over training"
        return [timeline_section(run, title), task_rows_section(data.get("task_rows"), columns or ""),
                side_by_side_section(run),
                neighbours_section(data.get("neighbours")), classes_section(data.get("class_rows")),
                vae_section(data.get("latents"))]

    def leaderboard(self, runs) -> Leaderboard:
        ordered = ranked(runs)
        rows = [([run.name, run.model, feature_network(run)], row_values(run)) for run in ordered]
        pictures = [(run.latest_grid, run.name) for run in ordered if run.latest_grid is not None]
        return Leaderboard("Image runs", "Ranked by FID within each feature network (its name in brackets); NLL from "
                           "likelihood.json.", HEADINGS, DIGITS, rows, pictures,
                           "Latest fixed-noise samples")

    def headline(self, run) -> str | None:
        found = run.metric("FID[")
        return f"FID {found[1]:.2f} ({found[0][4:-1]}, eval)" if found else None


register_report(ImageReport())
register_likelihood_kind(LikelihoodKind("image-nll", likelihood_section, likelihood_summary))
