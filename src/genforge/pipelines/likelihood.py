"""Likelihood figures of a run on its held-out split, written to RUN/likelihood.json with the step
they describe and what they are (`modality`, `kind`: reports/records.py reads by it), computed by
the handler of the model's modality (a VAE's importance-sampled NLL per image, a language model's
exact NLL per token and per character, a sentence VAE's bound, ...)."""

from __future__ import annotations

from pathlib import Path

from ..core.capabilities import require
from ..core.storage import write_json_atomically
from ..data import held_out_split, load_split
from ..training.run_folder import RunFolder
from .handlers import PIPELINES
from .loading import load


def measure_likelihood(folder: RunFolder, model, k: int | None = None, n: int = 1000, split: str | None = None) -> dict:
    """The likelihood figures of the first n items of a split, with k importance samples each (None:
    the kind's default), also written to RUN/likelihood.json with the checkpoint step."""
    data = folder.read_config().data
    split = split or held_out_split(data)
    held_out = load_split(data, split)
    figures = PIPELINES.get(model.modality).likelihood(model, held_out, k, n)
    report = {"modality": model.modality, "split": split, "step": model.loaded_step, **figures}
    write_json_atomically(folder.root / "likelihood.json", report, "the likelihood figures")
    return report


def run_likelihood(run: str | Path, k: int | None = None, n: int = 1000, split: str | None = None,
                   checkpoint: str | Path | None = None) -> dict:
    """`genforge nll`: the run's model (its newest checkpoint, or `checkpoint`), checked for a
    likelihood before any data loads, measured."""
    model = load(run, checkpoint)
    require(model, "likelihood", "`genforge nll`", run)
    return measure_likelihood(RunFolder(Path(run)), model, k, n, split)
