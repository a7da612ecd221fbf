"""The text modality's sections of a run's report: samples at a few temperatures, and the sample
texts written at checkpoints over training."""

from __future__ import annotations

from .html import escape

TIMELINE_TEXTS = 4


def samples_section(by_temperature: dict) -> str:
    """Continuations of a new line per temperature (pipelines/report.py draws them with seed 0):
    lower is safer, higher more varied."""
    if not by_temperature:
        return ""
    length = next(iter(by_temperature.values())).conditioning.get("length")
    parts = ["<h2>Samples at three temperatures</h2>",
             f'<p class="muted">Up to {length} tokens each, seed 0; the same seed gives the same text.</p>']
    for temperature, samples in by_temperature.items():
        texts = "".join(f'<pre class="sample">{escape(text)}</pre>' for text in samples)
        parts.append(f"<h3>temperature {temperature}</h3>{texts}")
    return "".join(parts)


def timeline_section(run) -> str:
    texts = sorted(run.folder.samples.glob("step-*.txt"))
    if not texts:
        return ""
    if len(texts) > TIMELINE_TEXTS:  # evenly spaced, with the first and the last
        texts = [texts[round(i * (len(texts) - 1) / (TIMELINE_TEXTS - 1))] for i in range(TIMELINE_TEXTS)]
    parts = ["<h2>Samples over training</h2>"]
    for path in texts:
        step = int(path.stem.split("-")[1])
        parts.append(f"<h3>step {step}</h3><pre class=\"sample\">{escape(path.read_text()[:800])}</pre>")
    return "".join(parts)


def text_sections(run, data: dict) -> list[str]:
    return [samples_section(data.get("samples")), timeline_section(run)]
