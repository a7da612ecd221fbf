"""Matplotlib figures of a run's metrics.jsonl, as PNG bytes for the HTML report."""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # files only: no display, the same output everywhere
import matplotlib.pyplot as plt  # noqa: E402
from matplotlib import font_manager  # noqa: E402

# Chinese text (tang-poems) in a figure falls back to a CJK font where DejaVu has no glyph (matplotlib
# >= 3.6 tries each family of the list per character); Debian's fonts-wqy-microhei, which make test
# installs. Without it, matplotlib warns of missing glyphs and draws boxes, nothing worse.
CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
if CJK_FONT.is_file() and not any(font.name == "WenQuanYi Micro Hei" for font in font_manager.fontManager.ttflist):
    font_manager.fontManager.addfont(str(CJK_FONT))  # installed after matplotlib's font cache was built
plt.rcParams["font.family"] = ["DejaVu Sans", "WenQuanYi Micro Hei"]

SKIPPED_KEYS = {"step", "seconds", "event", "reason", "failed_at_step", "lr_scale"}


def is_training_record(record: dict) -> bool:
    """A logged interval of training (it carries the throughput: images_per_second, tokens_per_second)."""
    return any(key.endswith("_per_second") for key in record)


def _png(figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight", metadata={"Software": None})
    plt.close(figure)
    return buffer.getvalue()


def training_curves(records: list[dict]) -> bytes | None:
    """One small panel per logged scalar (losses, gradient norms, D's outputs...) against step."""
    logged = [r for r in records if is_training_record(r)]
    keys = sorted({k for r in logged for k, v in r.items()
                   if k not in SKIPPED_KEYS and not k.endswith("_per_second") and isinstance(v, (int, float))})
    if not keys:
        return None
    columns = min(3, len(keys))
    rows = -(-len(keys) // columns)
    figure, axes = plt.subplots(rows, columns, figsize=(4.2 * columns, 2.6 * rows), squeeze=False)
    for axis, key in zip(axes.flat, keys):
        points = [(r["step"], r[key]) for r in logged if key in r]
        axis.plot([p[0] for p in points], [p[1] for p in points], linewidth=1)
        axis.set_title(key, fontsize=10)
        axis.set_xlabel("step", fontsize=8)
        axis.tick_params(labelsize=8)
        axis.grid(alpha=0.3)
    for axis in list(axes.flat)[len(keys):]:
        axis.set_visible(False)
    figure.tight_layout()
    return _png(figure)


def evaluations_over_time(records: list[dict]) -> tuple[bytes, str] | None:
    """The metric evaluated during training (FID with --eval-every; a text model's val_loss)
    against training minutes: (PNG, the metric's name)."""
    points = [(r["seconds"] / 60, name, value) for r in records if not is_training_record(r) and "event" not in r
              for name, value in r.items() if name not in SKIPPED_KEYS and isinstance(value, (int, float))]
    if not points:
        return None
    figure, axis = plt.subplots(figsize=(6, 3.2))
    for name in sorted({p[1] for p in points}):
        series = [(minutes, value) for minutes, n, value in points if n == name]
        axis.plot([s[0] for s in series], [s[1] for s in series], marker="o", label=name)
    names = sorted({p[1] for p in points})
    axis.set_xlabel("training minutes")
    axis.set_ylabel(", ".join(names))
    axis.legend()
    axis.grid(alpha=0.3)
    return _png(figure), ", ".join(names)


def quality_diversity(curve: list[dict]) -> bytes:
    """BLEU-4 (quality, up) against Self-BLEU-4 (similarity of samples to one another, right), one point
    per temperature, as Caccia et al. (2020) draw it: a better model's curve lies up and to the left.
    Where the curve has LM scores, a second panel: the LM score (quality, lower is better) against the
    reverse-LM score (coverage, lower is better), their Figure 3, where a better curve lies low and left."""
    panels = [("Self-BLEU-4", "BLEU-4", "Self-BLEU-4 (lower: more diverse)", "BLEU-4 against held-out text")]
    if "LM score" in curve[0]:
        panels.append(("reverse-LM score", "LM score", "reverse-LM score (nats/char, lower: covers more)",
                       "LM score (nats/char, lower: more real)"))
    figure, axes = plt.subplots(1, len(panels), figsize=(4.6 * len(panels), 3.4), squeeze=False)
    for axis, (x, y, x_label, y_label) in zip(axes[0], panels):
        axis.plot([row[x] for row in curve], [row[y] for row in curve], marker="o", linewidth=1)
        for row in curve:
            axis.annotate(f"T={row['temperature']:g}", (row[x], row[y]), fontsize=8, textcoords="offset points",
                          xytext=(4, 4))
        axis.set_xlabel(x_label, fontsize=9)
        axis.set_ylabel(y_label, fontsize=9)
        axis.tick_params(labelsize=8)
        axis.grid(alpha=0.3)
    figure.tight_layout()
    return _png(figure)
