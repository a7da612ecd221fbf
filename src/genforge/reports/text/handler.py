"""The text modality's handler in the reports layer (reports/handlers.py) and its likelihood kinds."""

from __future__ import annotations

from ..handlers import Leaderboard, ModalityReport, register_report
from ..records import LikelihoodKind, register_likelihood_kind
from ..run_summary import RunSummary
from .likelihood_sections import likelihood_section, sentence_summary, token_summary
from .sections import text_evaluation, text_sections

TEXT_HEADINGS = ["run", "model", "dataset", "tokeniser", "bits/char", "perplexity", "BLEU-4", "Self-BLEU-4",
                 "novelty", "steps", "training time (min)", "units/s"]
TEXT_DIGITS = [4, 2, 4, 4, 3, 0, 1, 0]


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


class TextReport(ModalityReport):
    name = "text"

    def evaluation_section(self, run) -> str:
        return text_evaluation(run.evaluation, run.step)

    def unmeasured_note(self, run) -> str:
        if run.likelihood:  # its likelihood is its measurement
            return ""
        return '<p class="muted">Not measured yet: <code>genforge nll RUN</code> writes likelihood.json.</p>'

    def sections(self, run, data) -> list[str]:
        return text_sections(run, data)

    def leaderboard(self, runs) -> Leaderboard:
        rows = [text_cells(run) for run in ranked_text(runs)]
        return Leaderboard("Text runs", "Ranked by bits per character within each dataset (comparable across "
                           "tokenisers); BLEU-4, Self-BLEU-4 and novelty from <code>genforge eval RUN</code>.",
                           TEXT_HEADINGS, TEXT_DIGITS, rows, [])

    def headline(self, run) -> str | None:
        found = run.metric("bits/char")
        if found:
            return f"{found[1]:.3f} bits/char (eval)"
        if run.likelihood and "bits_per_character" in run.likelihood:
            return f"{run.likelihood['bits_per_character']:.3f} bits/char (nll)"
        return None


register_report(TextReport())
for kind in ("token-nll", "sequence-nll", "pair-nll"):
    register_likelihood_kind(LikelihoodKind(kind, likelihood_section, token_summary))
register_likelihood_kind(LikelihoodKind("sentence-bound", likelihood_section, sentence_summary))
