"""The report of a run: what it takes the model to show (computed here, the layer that loads runs),
then report.html rendered from that and the run folder's files (reports/run_report.py)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import torch

from .loading import load
from ..training.run_config import RunConfig
from ..data import DATASETS, held_out_split, load_dataset, load_split
from ..modalities.image.grids import class_rows
from ..core.registry import Registry
from ..reports.run_report import write_report
from .image.latent_paths import interpolation, reconstructions
from ..training.run_folder import RunFolder
from ..metrics.image.evaluate import DEFAULT_COUNT
from .evaluation import evaluate_run
from .likelihood import measure_likelihood
from .image.neighbours import nearest_training_images

SAMPLE_METRICS = ["is", "fid", "kid", "pr"]
TEMPERATURES = (0.5, 0.8, 1.0)
TEXT_CHARACTERS = 300
HOMOTOPY_STEPS = 7  # points of each path between two held-out sentences, both ends included


@dataclass
class ClassRows:
    images: torch.Tensor  # uint8, one row of `columns` per class
    columns: int
    names: tuple[str, ...]


@dataclass
class LatentViews:
    originals: torch.Tensor  # held-out images
    reconstructed: torch.Tensor
    interpolation: torch.Tensor  # between held-out images 0 and 1


def image_report_data(model, config: RunConfig) -> dict:
    data: dict = {"neighbours": nearest_training_images(model, config)}
    if model.num_classes:
        labels, columns = class_rows(model.num_classes, 8 * model.num_classes)
        data["class_rows"] = ClassRows(model.sample(len(labels), seed=0, labels=labels).values, columns,
                                       load_dataset(config.data).class_names)
    if model.capabilities.reconstruct:
        held_out = load_split(config.data, held_out_split(config.data))
        originals = held_out.images_at(torch.arange(min(16, len(held_out))))
        data["latents"] = LatentViews(originals, reconstructions(model, originals),
                                      interpolation(model, config, 0, 1, 10))
    return data


def text_report_data(model, config: RunConfig) -> dict:
    data: dict = {"samples": {temperature: model.sample(2, seed=0, length=TEXT_CHARACTERS, temperature=temperature)
                              for temperature in TEMPERATURES}}
    if model.capabilities.interpolate or model.capabilities.reconstruct:
        sentences = shown_sentences(load_split(config.data, held_out_split(config.data)).examples)
        if model.capabilities.reconstruct:
            data["reconstructions"] = list(zip(sentences, model.reconstruct_texts(sentences)))
        if model.capabilities.interpolate:  # Bowman et al. (2016), Table 7: homotopies between two sentences
            data["homotopies"] = [model.homotopy(a, b, HOMOTOPY_STEPS) for a, b in zip(sentences[::2], sentences[1::2])]
    return data


def shown_sentences(examples: list[str], count: int = 6) -> list[str]:
    """The first held-out examples of one short line (4 to 16 words: what a reader takes in at a glance,
    as the sentences of Bowman et al.'s tables), else the first ones."""
    short = [text for text in examples if "\n" not in text.strip() and 4 <= len(text.split()) <= 16]
    return (short if len(short) >= count else examples)[:count]


# What the report shows of a model, by its modality.
REPORT_DATA: Registry = Registry("modality with report data")
REPORT_DATA.register("image")(image_report_data)
REPORT_DATA.register("text")(text_report_data)


def write_run_report(run_path: str | Path, out: str | Path | None = None) -> Path:
    folder = RunFolder(Path(run_path))
    config = folder.read_config()
    model = load(folder.root)
    return write_report(folder.root, model.modality, REPORT_DATA.get(model.modality)(model, config), out)


def measured_at(path: Path) -> int | None:
    """The checkpoint step a saved measurement describes (None when unknown or missing)."""
    try:
        return json.loads(path.read_text()).get("step")
    except (OSError, json.JSONDecodeError):
        return None


def take_missing_measurements(folder: RunFolder, n: int, say=lambda line: print(line, flush=True)) -> None:
    """Measure what is missing, or was measured at an older checkpoint than the newest: the sample
    metrics where the dataset has the shipped feature network, the likelihood where the model has one."""
    config = folder.read_config()
    model = load(folder.root)
    step = model.loaded_step  # the checkpoint the samples and measurements come from
    if measured_at(folder.root / "eval.json") != step and DATASETS.get(config.data.name).feature_network == "fmnist":
        say(f"evaluating {n} samples of step {step} with the fmnist network (written to eval.json) ...")
        evaluate_run(folder.root, SAMPLE_METRICS, "fmnist", count=n, real_count=DEFAULT_COUNT)
    if measured_at(folder.root / "likelihood.json") != step and model.capabilities.likelihood:
        say(f"measuring the held-out likelihood of step {step} (written to likelihood.json) ...")
        measure_likelihood(folder, model)
