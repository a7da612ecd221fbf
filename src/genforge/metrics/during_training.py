"""Metrics computed while training, for logging and `best`: FID of a smaller sample than the final
evaluation (images), the validation loss (text)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from ..data.config import DataConfig
from ..core import Metric
from ..models import GenerativeModel
from ..core.registry import Registry
from .validation_loss import ValidationLoss

if TYPE_CHECKING:
    from ..training.run_config import RunConfig
from .image.engine import compute_metrics
from .image.evaluate import DEFAULT_COUNT, FeatureComputer


class TrainingFID:
    def __init__(self, data: DataConfig, extractor_name: str, samples: int, reference_split: str, seed: int):
        self.computer = FeatureComputer(extractor_name, {})
        self.samples, self.seed = samples, seed
        self.real, _ = self.computer.source_features(f"{data.name}:{reference_split}", DEFAULT_COUNT, seed, data)

    @property
    def metric_name(self) -> str:
        return f"FID[{self.computer.extractor.name}]"

    def __call__(self, model: GenerativeModel) -> float:
        """FID of `samples` images drawn with a fixed seed (the global RNG is left alone)."""
        fake = self.computer.features(model.sample(self.samples, seed=self.seed).values)
        values, _ = compute_metrics(["fid"], self.computer.extractor, fake, self.real, self.seed)
        return values[self.metric_name]

    @property
    def metric(self) -> Metric:
        return Metric(self.metric_name, higher_is_better=False)  # a distance between feature distributions


def training_fid(config: RunConfig) -> TrainingFID:
    train = config.train
    return TrainingFID(config.data, train.eval_extractor, train.eval_samples, train.eval_reference, train.seed)


def validation_loss(config: RunConfig) -> ValidationLoss:
    return ValidationLoss(config.data, seed=config.train.seed)


# Metrics a modality can evaluate during training, by name: run config -> a measure with `.metric`
# (core/metric.py: its direction) that maps a model to a number.
TRAINING_METRICS: Registry[Callable[["RunConfig"], object]] = Registry("training metric")
TRAINING_METRICS.register("fid")(training_fid)
TRAINING_METRICS.register("val-loss")(validation_loss)
