"""`genforge report RUN`: RUN/report.html, one self-contained page about a run.

Sections, each present when the run has what it shows: summary (state, steps, wall time,
images/s or tokens/s), metrics (eval.json, each metric named with its feature network; the VAE likelihood
table), training curves and FID over time, the timeline of fixed-noise grids, real versus
generated, nearest training images of generated samples, one row per class for conditional
models, reconstructions and an interpolation for VAEs (the image modality's sections); for text,
samples at three temperatures and the preview texts over training (text_sections.py);
stability-guard events, the resolved config and the machine.
"""

from __future__ import annotations

from pathlib import Path

import torch
import yaml

from ..modalities.image.grids import rows_above
from . import figures
from ..modalities.image.grids import grid_png
from .html import escape, image, measured, number, page, table
from ..core.storage import write_text_atomically
from .run_summary import RunSummary, summarise
from .text.sections import text_evaluation, text_sections
from ..core import MODALITIES
from ..core.registry import Registry

TIMELINE_GRIDS = 8


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
    parts = ["<h2>Metrics</h2>"]
    if run.evaluation and not MODALITIES.get(modality).feature_metrics:
        parts.append(text_evaluation(run.evaluation, run.step))
    elif run.evaluation:
        values = run.evaluation["metrics"]
        rows = [[name, number(value, 4), number(values.get(f"{name} std"), 4)]
                for name, value in values.items() if not name.endswith(" std")]
        real = run.evaluation.get("real") or {}
        parts.append(table(["metric [feature network]", "value", "std"], rows, table_id="metrics"))
        parts.append(f'<p class="muted">{measured(run.evaluation, run.step)}{run.evaluation["fake"]["count"]} generated images against '
                     f'{real.get("count", "no")} real ({escape(real.get("source", "-"))}); feature network '
                     f'{escape(run.evaluation["extractor"]["name"])} (weights sha256 '
                     f'{escape(run.evaluation["extractor"]["weights_sha256"][:12])}…).</p>')
    elif not MODALITIES.get(modality).feature_metrics:  # text: its likelihood (below) is its measurement
        if not run.likelihood:
            parts.append('<p class="muted">Not measured yet: <code>genforge nll RUN</code> writes likelihood.json.</p>')
    else:
        parts.append('<p class="muted">Not evaluated yet: <code>genforge eval RUN</code> writes eval.json '
                     '(photos need <code>--extractor inception --inception-weights FILE</code>).</p>')
    if run.likelihood and "bits_per_character" in run.likelihood:
        like = run.likelihood
        rows = [["NLL (nats/char)", number(like["nll_nats_per_character"], 4)],
                ["bits/char", number(like["bits_per_character"], 4)]]
        if "nll_nats_per_token" in like:
            rows += [["NLL (nats/token)", number(like["nll_nats_per_token"], 4)],
                     ["perplexity (per token)", number(like["perplexity"], 2)]]
        if "nll_nats_per_sentence" in like:  # a sentence VAE's bound, with k importance samples
            rows += [[f"NLL bound, k = {like['importance_samples']} (nats/sentence)", number(like["nll_nats_per_sentence"], 2)],
                     ["-ELBO (nats/sentence)", number(like["negative_elbo_nats_per_sentence"], 2)],
                     ["KL (nats/sentence)", number(like["kl_nats_per_sentence"], 3)],
                     ["mutual information (nats)", number(like["mutual_information_nats"], 3)],
                     ["active units", f"{like['active_units']} of {like['latent_dim']}"]]
        tokens = f'{like["tokens"]} tokens ({escape(like["tokenizer"])}), ' if "tokens" in like else ""
        parts.append("<h3>Held-out likelihood</h3>" + table(["", ""], rows, table_id="likelihood"))
        parts.append(f'<p class="muted">{measured(like, run.step)}{tokens}{like["characters"]} '
                     f'{escape(like.get("split", "valid"))} characters, exact, in windows of {like["context"]}.</p>')
    elif run.likelihood:
        like = run.likelihood
        rows = [["NLL (nats/image)", number(like["nll_nats_per_image"], 2)],
                ["bits/dim", number(like["bits_per_dimension"], 4)],
                ["-ELBO (nats/image)", number(like["negative_elbo_nats_per_image"], 2)],
                ["reconstruction (nats/image)", number(like["reconstruction_nats_per_image"], 2)],
                ["KL (nats/image)", number(like["kl_nats_per_image"], 2)],
                ["active units", f"{like['active_units']}/{like['latent_dim']}"]]
        parts.append("<h3>Test-set likelihood</h3>" + table(["", ""], rows, table_id="likelihood"))
        parts.append(f'<p class="muted">{measured(like, run.step)}{like["images"]} {escape(like.get("split", "test"))} images, '
                     f'k = {like.get("importance_samples", "?")} importance samples; likelihood: {escape(like["likelihood"])}</p>')
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


def timeline_section(run: RunSummary) -> str:
    grids = sorted(run.folder.samples.glob("step-*.png"))
    if not grids:
        return ""
    if len(grids) > TIMELINE_GRIDS:  # evenly spaced, always with the first and the last
        grids = [grids[round(i * (len(grids) - 1) / (TIMELINE_GRIDS - 1))] for i in range(TIMELINE_GRIDS)]
    figures_html = "".join(image(path, path.stem, f"step {int(path.stem.split('-')[1])}", width=220) for path in grids)
    return "<h2>Fixed-noise samples over training</h2>" + figures_html


def side_by_side_section(run: RunSummary) -> str:
    path = run.folder.side_by_side_path
    return "<h2>Real versus generated</h2>" + image(path, "real versus generated") if path.is_file() else ""


def neighbours_section(found) -> str:
    if found is None:
        return ""
    n, k = found.images.shape[:2]
    tiles = torch.cat([torch.cat([found.queries[i:i + 1], found.images[i]]) for i in range(n)])
    distances = ", ".join(f"{d:.2f}" for d in found.distances[:, 0].tolist())
    return ("<h2>Nearest training images (memorisation check)</h2>"
            f"<p>Each row: a generated sample, then its {k} nearest training images; distance in "
            f"{escape(found.space)}. Nearest distances: {distances}. A copy would show up as a "
            "neighbour identical to its sample.</p>" + image(grid_png(tiles, columns=k + 1), "nearest neighbours"))


def classes_section(rows) -> str:
    if rows is None:
        return ""
    listing = ", ".join(f"{i}: {escape(name)}" for i, name in enumerate(rows.names))
    return ("<h2>One row per class</h2>" + f'<p class="muted">Rows from the top: {listing}</p>'
            + image(grid_png(rows.images, rows.columns), "one row per class"))


def vae_section(latents) -> str:
    if latents is None:
        return ""
    recon = grid_png(rows_above(latents.originals, latents.reconstructed, 8), 8)
    path = grid_png(latents.interpolation, 10)
    return ("<h2>Reconstructions</h2><p>Test images above their reconstructions.</p>" + image(recon, "reconstructions")
            + "<h2>Interpolation</h2><p>Between test images 0 and 1, through latent space.</p>"
            + image(path, "interpolation"))


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


def image_sections(run: RunSummary, data: dict) -> list[str]:
    """`data`: what pipelines/report.py computed with the model (neighbours, class rows, latents)."""
    return [timeline_section(run), side_by_side_section(run), neighbours_section(data.get("neighbours")),
            classes_section(data.get("class_rows")), vae_section(data.get("latents"))]


# Each modality's own sections of the report, by modality name (text: text_sections.py).
MODALITY_SECTIONS: Registry = Registry("modality with report sections")
MODALITY_SECTIONS.register("image")(image_sections)
MODALITY_SECTIONS.register("text")(text_sections)


def write_report(run_path: str | Path, modality: str, data: dict, out: str | Path | None = None) -> Path:
    """report.html from the run folder's files and `data`, what the report pipeline computed with
    the model (pipelines/report.py); the reports load no model themselves."""
    run = summarise(run_path)
    sections = [summary_section(run), metrics_section(run, modality), curves_section(run),
                *MODALITY_SECTIONS.get(modality)(run, data), events_section(run), config_section(run)]
    body = (f"<h1>{escape(run.name)}</h1><p class=\"muted\">genforge run report · {escape(str(run.folder.root))}</p>"
            + "".join(sections))
    out = Path(out) if out else run.folder.root / "report.html"
    write_text_atomically(out, page(f"genforge report: {run.name}", body), "the report")
    return out
