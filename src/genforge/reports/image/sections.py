"""The image modality's sections of a run's report: the fixed-noise grids over training, real versus
generated, nearest training images, one row per class, reconstructions and an interpolation; the
evaluation table and the test-set likelihood."""

from __future__ import annotations

import torch

from ...modalities.image.grids import grid_png, rows_above
from ..html import escape, image, measured, number, table
from ..run_summary import RunSummary

TIMELINE_GRIDS = 8


def task_evaluation_section(run: RunSummary) -> str:
    """An image-to-image run's figures, each beside its task's baselines on the same pairs."""
    record = run.evaluation
    values, baselines = record["metrics"], record.get("baselines", {})
    names = [name for name in values if not any(name.endswith(f" ({b})") for b in baselines)]
    rows = [[name, number(values[name], 4), *[number(baselines[b].get(name), 4) for b in baselines]] for name in names]
    what = (f'{record["pairs"]} held-out {escape(record["task"])} pairs' if "task" in record
            else f'{record["fake"]["count"]} held-out images of {escape(" and ".join(record["domains"].values()))}')
    return (table(["metric", run.model, *[f"{b} (baseline)" for b in baselines]], rows, table_id="metrics")
            + f'<p class="muted">{measured(record, run.step)}{what}: {escape(record.get("computed_on", ""))}.</p>')


def task_rows_section(rows, columns: str = "input | output | target") -> str:
    if rows is None:
        return ""
    return (f"<h2>Held-out images: {escape(columns)}</h2>"
            + image(grid_png(rows, columns=3), f"held-out images: {columns}"))


def evaluation_section(run: RunSummary) -> str:
    if run.evaluation.get("kind") in ("task-metrics", "domain-metrics"):  # an image-to-image run's own figures
        return task_evaluation_section(run)
    parts = []
    values = run.evaluation["metrics"]
    rows = [[name, number(value, 4), number(values.get(f"{name} std"), 4)]
            for name, value in values.items() if not name.endswith(" std")]
    real = run.evaluation.get("real") or {}
    parts.append(table(["metric [feature network]", "value", "std"], rows, table_id="metrics"))
    parts.append(f'<p class="muted">{measured(run.evaluation, run.step)}{run.evaluation["fake"]["count"]} generated images against '
                 f'{real.get("count", "no")} real ({escape(real.get("source", "-"))}); feature network '
                 f'{escape(run.evaluation["extractor"]["name"])} (weights sha256 '
                 f'{escape(run.evaluation["extractor"]["weights_sha256"][:12])}…).</p>')
    return "".join(parts)


def likelihood_section(like: dict, run: RunSummary) -> str:
    parts = []
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


def likelihood_summary(report: dict) -> str:
    return (f"{report['images']} {report['split']} images, k = {report['importance_samples']}: "
            f"NLL {report['nll_nats_per_image']:.2f} nats/image = {report['bits_per_dimension']:.4f} bits/dim; "
            f"-ELBO {report['negative_elbo_nats_per_image']:.2f} (reconstruction {report['reconstruction_nats_per_image']:.2f}"
            f" + KL {report['kl_nats_per_image']:.2f}); active units {report['active_units']}/{report['latent_dim']}\n"
            f"likelihood: {report['likelihood']}")


def timeline_section(run: RunSummary, title: str = "Fixed-noise samples over training") -> str:
    grids = sorted(run.folder.samples.glob("step-*.png"))
    if not grids:
        return ""
    if len(grids) > TIMELINE_GRIDS:  # evenly spaced, always with the first and the last
        grids = [grids[round(i * (len(grids) - 1) / (TIMELINE_GRIDS - 1))] for i in range(TIMELINE_GRIDS)]
    figures_html = "".join(image(path, path.stem, f"step {int(path.stem.split('-')[1])}", width=220) for path in grids)
    return f"<h2>{escape(title)}</h2>" + figures_html


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
