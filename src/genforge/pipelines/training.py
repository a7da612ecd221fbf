"""Training for a user: the bare loop (training/) with the hooks of the run's modality and the
evaluation its config asks for, after checking that model and dataset are of one modality."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from ..training.run_config import RunConfig
from ..data import DATASETS
from ..core.errors import ConfigError
from ..models import MODELS
from ..modalities import modality_of
from ..core import TrainingHooks
from ..training.loop import TrainResult
from ..training.runs import resume as resume_loop, train as train_loop
from ..training.evaluation import EvaluateEvery


def check_modalities(config: RunConfig) -> str:
    """The run's modality; a model and a dataset of different ones is one line naming both."""
    modality, source = MODELS.modality_of(config.model.name), DATASETS.get(config.data.name)
    if modality != source.modality:
        raise ConfigError(f"model {config.model.name} ({modality}) and dataset {config.data.name} "
                          f"({source.modality}) are of different modalities: pick a model and a dataset of one")
    return source.modality


def evaluation_callbacks(config: RunConfig, modality) -> list:
    """The modality's metric every `train.eval_every` steps, or at every checkpoint where the modality
    evaluates by default (a text model's validation loss); metrics load only when used."""
    train = config.train
    every = train.eval_every or (train.checkpoint_every if modality.evaluate_by_default else None)
    if every is None or modality.training_metric is None:
        return []
    from ..metrics.handlers import METRICS

    measure = METRICS.get(modality.name).training_metric(modality.training_metric, config)
    if measure is None:  # the modality's measure does not apply to this family (music: a GAN has no likelihood)
        return []
    return [EvaluateEvery(every, measure.metric, measure)]


def training_hooks(config: RunConfig) -> TrainingHooks:
    modality = modality_of(check_modalities(config))

    def callbacks(fitted: RunConfig, data) -> list:
        return [*modality.training_callbacks(fitted, data), *evaluation_callbacks(fitted, modality)]

    return TrainingHooks(unit=modality.unit, units_in=modality.units_in, callbacks=callbacks)


def train(config: RunConfig, out: str | Path, overwrite: bool = False,
          inputs: Iterable[tuple[str, str | Path]] = ()) -> TrainResult:
    """Start a new run in folder `out` (see training/runs.py for the folder's rules)."""
    return train_loop(config, out, overwrite, inputs, hooks=training_hooks(config))


def resume(run_path: str | Path, overrides: dict | None = None) -> TrainResult:
    """Continue the run in `run_path` from its newest complete checkpoint."""
    from ..training.run_config import build_run_config, merge
    from ..training.run_folder import RunFolder

    config = RunFolder(Path(run_path)).read_config()
    if overrides:
        config = build_run_config(merge(config.to_dict(), overrides))
    return resume_loop(run_path, overrides, hooks=training_hooks(config))
