"""Likelihood figures of a run on its held-out split, written to RUN/likelihood.json with the step
they describe: a VAE's importance-sampled NLL (metrics/likelihood.py), a language model's exact NLL
per character (metrics/text_likelihood.py), chosen by the model's modality."""

from __future__ import annotations

from pathlib import Path

import torch

from .loading import load
from ..data import held_out_split, load_split
from ..core.errors import GenforgeError
from ..metrics.image.likelihood import likelihood_report
from ..metrics.text.sentence_likelihood import sentence_likelihood_report
from ..metrics.text.likelihood import pair_likelihood_report, sequence_likelihood_report, text_likelihood_report
from ..core.registry import Registry
from ..core.capabilities import require
from ..core.storage import write_json_atomically
from ..training.run_folder import RunFolder


def measure_likelihood(folder: RunFolder, model, k: int | None = None, n: int = 1000, split: str | None = None) -> dict:
    """The likelihood figures of the first n images (or sentences) of a split, with k importance samples
    each (None: the kind's default), also written to RUN/likelihood.json with the checkpoint step."""
    data = folder.read_config().data
    split = split or held_out_split(data)
    held_out = load_split(data, split)
    figures = LIKELIHOOD_FIGURES.get(model.modality)(model, held_out, k, n)
    report = {"split": split, "step": model.loaded_step, **figures}
    write_json_atomically(folder.root / "likelihood.json", report, "the likelihood figures")
    return report


def image_figures(model, images, k: int | None, n: int) -> dict:
    return likelihood_report(model, images.images_at(torch.arange(min(n, len(images)))), samples=k or 1000)


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
TEXT_FIGURES.register("stream")(lambda model, text, k, n: text_likelihood_report(model, text))
TEXT_FIGURES.register("sequences")(lambda model, text, k, n: sequence_likelihood_report(model, text, n))
TEXT_FIGURES.register("sequences+gaussian")(
    lambda model, text, k, n: sentence_likelihood_report(model, text, k or 500, n))
TEXT_FIGURES.register("pairs")(lambda model, pairs, k, n: pair_likelihood_report(model, pairs))


LIKELIHOOD_FIGURES = Registry("modality with likelihood figures")
LIKELIHOOD_FIGURES.register("image")(image_figures)
LIKELIHOOD_FIGURES.register("text")(text_figures)


def run_likelihood(run: str | Path, k: int | None = None, n: int = 1000, split: str | None = None,
                   checkpoint: str | Path | None = None) -> dict:
    """`genforge nll`: the run's model (its newest checkpoint, or `checkpoint`), checked for a
    likelihood before any data loads, measured."""
    model = load(run, checkpoint)
    require(model, "likelihood", "`genforge nll`", run)
    return measure_likelihood(RunFolder(Path(run)), model, k, n, split)
