"""The text modality's sections of a run's report: samples at a few temperatures, and the sample
texts written at checkpoints over training."""

from __future__ import annotations

from ...modalities.text.writers import homotopy_lines
from .. import figures
from ..html import escape, image, measured, number, table

TIMELINE_TEXTS = 4
LM_SCORES = ("LM score", "reverse-LM score")  # in nats/char, where eval had a reference LM


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
            + lm_scores_note(record.get("lm_scores"))
            + curve_section(record.get("curve"))
            + (("<h3>Samples beside their nearest training example</h3><p class=\"muted\">Nearest by the Jaccard "
                "similarity of character 4-gram sets: 1 is a copy (memorisation), near 0 nothing in common.</p>"
                + nearest) if nearest else "")
            + outputs_section(record.get("outputs")))


def lm_scores_note(scores: dict | None) -> str:
    if not scores:
        return ""
    return (f'<p class="muted">LM score: the samples\' NLL under the reference LM {escape(scores["reference_lm"])} (step '
            f'{scores["reference_step"]}); reverse-LM score: the held-out text\'s NLL under {escape(scores["reverse_lm"])} '
            f'for {scores["reverse_steps"]} steps; both in {escape(scores["unit"])}, lower is better.</p>')


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
    columns = ["BLEU-4", "Self-BLEU-4", "distinct-2"] + [name for name in LM_SCORES if name in curve[0]]
    rows = [[number(row["temperature"], 2), *(number(row[name], 4) for name in columns)] for row in curve]
    return ("<h3>Quality against diversity over temperatures</h3>"
            + image(figures.quality_diversity(curve), "BLEU-4 against Self-BLEU-4 per temperature")
            + table(["temperature", *columns], rows, table_id="curve"))


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


def latent_section(data: dict) -> str:
    """A sentence VAE's held-out sentences with their reconstructions (posterior mean, greedy), and the
    homotopies between pairs of them: the decoded points along the line between their means."""
    parts = []
    if data.get("reconstructions"):
        parts.append("<h2>Reconstructions of held-out sentences</h2>")
        parts += [f'<pre class="sample">input:          {escape(given)}\nreconstruction: {escape(back)}</pre>'
                  for given, back in data["reconstructions"]]
    if data.get("homotopies"):
        parts.append('<h2>Homotopies</h2><p class="muted">Greedy decodings of evenly spaced points on the line between '
                     "two held-out sentences' posterior means, first and last included (Bowman et al. 2016, Table 7): "
                     "a smooth latent space changes the sentence a little at a time.</p>")
        for path in data["homotopies"]:
            lines = "\n".join(homotopy_lines(path))
            parts.append(f'<pre class="sample">{escape(lines)}</pre>')
    return "".join(parts)


def text_sections(run, data: dict) -> list[str]:
    return [samples_section(data.get("samples")), latent_section(data), timeline_section(run)]
