"""The text modality's sections of a run's report: samples at a few temperatures, and the sample
texts written at checkpoints over training."""

from __future__ import annotations

from . import figures
from .html import escape, image, measured, number, table

TIMELINE_TEXTS = 4


def text_evaluation(record: dict, latest: int) -> str:
    """eval.json of a text run (pipelines/text_evaluation.py): the figures and how they were computed."""
    rows = [[name, number(value, 4)] for name, value in record["metrics"].items()]
    fake, real, how = record["fake"], record["real"], record["tokenization"]
    nearest = "".join(f'<h4>sample {index + 1}: overlap {row["overlap"]:.3f}</h4><pre class="sample">{escape(row["sample"])}'
                      f'</pre><p class="muted">its nearest training example:</p><pre class="sample">'
                      f'{escape(row["nearest"])}</pre>' for index, row in enumerate(record.get("nearest", [])))
    return (table(["metric", "value"], rows, table_id="metrics")
            + f'<p class="muted">{measured(record, latest)}{fake["count"]} {escape(fake["source"])} (temperature '
              f'{fake["temperature"]}) against {real["count"]} held-out examples ({escape(real["source"])}); BLEU on '
              f'{escape(how["bleu"])}, smoothing {escape(how["smoothing"])}; NLL with {escape(how["likelihood"])}.</p>'
            + curve_section(record.get("curve"))
            + (("<h3>Samples beside their nearest training example</h3><p class=\"muted\">Nearest by the Jaccard "
                "similarity of character 4-gram sets: 1 is a copy (memorisation), near 0 nothing in common.</p>"
                + nearest) if nearest else "")
            + outputs_section(record.get("outputs")))


def outputs_section(outputs: list[dict] | None) -> str:
    """A seq2seq run's held-out sources with its output and the reference target."""
    if not outputs:
        return ""
    parts = ["<h3>Held-out sources, the model's output and the reference</h3>"]
    for row in outputs:
        parts.append(f'<pre class="sample">source:    {escape(row["source"])}\noutput:    {escape(row["output"])}\n'
                     f'reference: {escape(row["target"])}</pre>')
    return "".join(parts)


def curve_section(curve: list[dict] | None) -> str:
    if not curve:
        return ""
    rows = [[number(row["temperature"], 2), number(row["BLEU-4"], 4), number(row["Self-BLEU-4"], 4),
             number(row["distinct-2"], 4)] for row in curve]
    return ("<h3>Quality against diversity over temperatures</h3>"
            + image(figures.quality_diversity(curve), "BLEU-4 against Self-BLEU-4 per temperature")
            + table(["temperature", "BLEU-4", "Self-BLEU-4", "distinct-2"], rows, table_id="curve"))


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
