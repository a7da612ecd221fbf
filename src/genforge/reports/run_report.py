"""`genforge report RUN`: RUN/report.html, one self-contained page about a run.

Sections, each present when the run has what it shows: summary (state, steps, wall time,
images/s or tokens/s), metrics (eval.json, each metric named with its feature network; the VAE likelihood
table), training curves and FID over time, the timeline of fixed-noise grids, real versus
generated, nearest training images of generated samples, one row per class for conditional
models, reconstructions and an interpolation for VAEs (the image modality's sections); for text,
samples at three temperatures and the preview texts over training (text_sections.py);
stability-guard events, the resolved config and the machine. The modality's handler
(reports/<modality>/handler.py) renders its evaluation and its sections; the likelihood record's
kind (records.py) renders its table.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from . import figures
from ..core.storage import write_text_atomically
from .handlers import REPORTS
from .html import escape, image, media_beside, number, page, table
from .records import likelihood_kind
from .run_summary import RunSummary, summarise



def summary_section(run: RunSummary) -> str:
    state = run.status.get("state", "unknown")
    error = f" ({run.status['error']})" if run.status.get("error") else ""
    rows = [["model", run.model], ["dataset", f"{run.config['data']['name']}:{run.config['data']['split']}"],
            ["state", state + error], ["steps", run.step], ["training time (in train steps)", f"{run.seconds / 60:.1f} min"],
            [f"{run.throughput_unit}/s", number(run.throughput, 1)], ["stability-guard rollbacks", len(run.rollbacks)]]
    if run.best:
        rows += [[f"best {name} during training", number(value)] for name, value in run.best.items()]
    return "<h2>Summary</h2>" + table(["", ""], rows)


def metrics_section(run: RunSummary, modality: str) -> str:
    handler = REPORTS.get(modality)
    parts = ["<h2>Metrics</h2>", handler.evaluation_section(run) if run.evaluation else handler.unmeasured_note(run)]
    if run.likelihood:
        parts.append(likelihood_kind(run.likelihood).section(run.likelihood, run))
    return "".join(parts)


def curves_section(run: RunSummary) -> str:
    parts = []
    curves = figures.training_curves(run.records)
    if curves:
        parts.append("<h2>Training curves</h2>" + image(curves, "training curves"))
    evaluated = figures.evaluations_over_time(run.records)
    if evaluated:
        picture, names = evaluated
        parts.append(f"<h2>{escape(names)} over training time</h2>" + image(picture, f"{names} over training time"))
    return "".join(parts)


def events_section(run: RunSummary) -> str:
    if not run.rollbacks:
        return ""
    rows = [[e["failed_at_step"], e["step"], e["reason"], e["lr_scale"]] for e in run.rollbacks]
    return ('<h2>Stability-guard events</h2><p class="warning">The run rolled back to a checkpoint '
            f'{len(run.rollbacks)} time(s).</p>'
            + table(["failed at step", "rolled back to", "reason", "learning-rate scale"], rows, table_id="events"))


def config_section(run: RunSummary) -> str:
    machine = run.machine or {}
    rows = [[key, "–" if value is None else value] for key, value in machine.items()]
    return ("<h2>Configuration</h2><pre>" + escape(yaml.safe_dump(run.config, sort_keys=False)) + "</pre>"
            + ("<h2>Machine</h2>" + table(["", ""], rows) if rows else ""))


def write_report(run_path: str | Path, modality: str, data: dict, out: str | Path | None = None) -> Path:
    """report.html from the run folder's files and `data`, what the report pipeline computed with
    the model (pipelines/report.py); the reports load no model themselves. Its pictures are written
    beside it, in report_files/, before the page that shows them."""
    run = summarise(run_path)
    out = Path(out) if out else run.folder.root / "report.html"
    with media_beside(out) as media:
        sections = [summary_section(run), metrics_section(run, modality), curves_section(run),
                    *REPORTS.get(modality).sections(run, data), events_section(run), config_section(run)]
    body = (f"<h1>{escape(run.name)}</h1><p class=\"muted\">genforge run report · {escape(str(run.folder.root))}</p>"
            + "".join(sections))
    media.write("the report's pictures")
    write_text_atomically(out, page(f"genforge report: {run.name}", body), "the report")
    media.prune()  # only once the new page names what it shows
    return out
