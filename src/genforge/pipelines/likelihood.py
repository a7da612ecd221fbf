"""Likelihood figures of a run on its held-out split, written to RUN/likelihood.json with the step
they describe: a VAE's importance-sampled NLL (metrics/likelihood.py), a language model's exact NLL
per character (metrics/text_likelihood.py), chosen by the model's modality."""

from __future__ import annotations

from pathlib import Path

import torch

from ..api import load
from ..data import held_out_split, load_split
from ..errors import GenforgeError
from ..metrics.likelihood import likelihood_report
from ..metrics.text_likelihood import text_likelihood_report
from ..registry import Registry
from ..sampling import require
from ..storage import write_json_atomically
from ..training.run_folder import RunFolder


def measure_likelihood(folder: RunFolder, model, k: int = 1000, n: int = 1000, split: str | None = None) -> dict:
    """The likelihood figures of the first n images of a split, also written to RUN/likelihood.json
    with the checkpoint step they describe."""
    data = folder.read_config().data
    split = split or held_out_split(data)
    held_out = load_split(data, split)
    figures = LIKELIHOOD_FIGURES.get(model.modality)(model, held_out, k, n)
    report = {"split": split, "step": model.loaded_step, **figures}
    write_json_atomically(folder.root / "likelihood.json", report, "the likelihood figures")
    return report


def image_figures(model, images, k: int, n: int) -> dict:
    return likelihood_report(model, images.images_at(torch.arange(min(n, len(images)))), samples=k)


def text_figures(model, text, k: int, n: int) -> dict:
    if text.tokenizer.sha256 != model.config.tokenizer_sha256:
        raise GenforgeError(f"the held-out text's tokeniser is not the run's ({text.tokenizer.describe()}): the corpus "
                            "changed since the run was trained")
    return text_likelihood_report(model, text)  # exact: every token of the split, no sampling


LIKELIHOOD_FIGURES = Registry("modality with likelihood figures")
LIKELIHOOD_FIGURES.register("image")(image_figures)
LIKELIHOOD_FIGURES.register("text")(text_figures)


def run_likelihood(run: str | Path, k: int = 1000, n: int = 1000, split: str | None = None) -> dict:
    """`genforge nll`: the run's model, checked for a likelihood before any data loads, measured."""
    model = load(run)
    require(model, "likelihood", "`genforge nll`", run)
    return measure_likelihood(RunFolder(Path(run)), model, k, n, split)
