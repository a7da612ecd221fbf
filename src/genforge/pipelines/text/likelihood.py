"""A text run's likelihood figures, by the layout its model reads (and whether it has a latent), each
tagged with its `kind` for the readers of likelihood.json (reports/text/records.py)."""

from __future__ import annotations

from ...core.errors import GenforgeError
from ...core.registry import Registry
from ...metrics.text.likelihood import pair_likelihood_report, sequence_likelihood_report, text_likelihood_report
from ...metrics.text.sentence_likelihood import sentence_likelihood_report


def text_figures(model, text, k: int | None, n: int) -> dict:
    """The figures of `text` (a held-out split), refused where its tokeniser is not the run's."""
    if text.tokenizer.sha256 != model.config.tokenizer_sha256:
        raise GenforgeError(f"the text of {text.name} is not tokenised as the run was ({text.tokenizer.describe()}): "
                            "the corpus changed since the run was trained")
    return text_figures_of(model)(model, text, k, n)


def text_figures_of(model):
    """A text model's likelihood figures, by the layout it reads and whether it has a latent."""
    latent = model.capabilities.latent
    return TEXT_FIGURES.get(model.config.DATA_LAYOUT + (f"+{latent}" if latent else ""))


# The layout a text model reads (+ its latent kind) -> its figures: a language model's exact NLL of every
# token of the split (a stream, or whole sentences: the text GAN's generator); a sentence VAE's
# importance-sampled bound (k = 500 by default, as issue 17 asks), KL, MI and active units; a seq2seq
# model's NLL of the targets given their sources.
TEXT_FIGURES = Registry("text layout with likelihood figures")
TEXT_FIGURES.register("stream")(
    lambda model, text, k, n: {"kind": "token-nll", **text_likelihood_report(model, text)})
TEXT_FIGURES.register("sequences")(
    lambda model, text, k, n: {"kind": "sequence-nll", **sequence_likelihood_report(model, text, n)})
TEXT_FIGURES.register("sequences+gaussian")(
    lambda model, text, k, n: {"kind": "sentence-bound", **sentence_likelihood_report(model, text, k or 500, n)})
TEXT_FIGURES.register("pairs")(lambda model, pairs, k, n: {"kind": "pair-nll", **pair_likelihood_report(model, pairs)})
