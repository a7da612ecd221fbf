"""FID while an image run trains, for logging and `best`: a smaller sample than the final evaluation,
against the reference features of the split the config names."""

from __future__ import annotations

from typing import TYPE_CHECKING

from ...core import Metric
from ...data.config import DataConfig
from ...models import GenerativeModel
from .engine import compute_metrics
from .evaluate import DEFAULT_COUNT, FeatureComputer

if TYPE_CHECKING:
    from ...training.run_config import RunConfig


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


def training_fid(config: RunConfig) -> TrainingFID | None:
    """FID of samples every `eval_every` steps; None for a model that does not sample (an image-to-image
    task or two domains: `genforge eval` scores those)."""
    if config.data.task or config.data.domain_a is not None:
        return None
    train = config.train
    return TrainingFID(config.data, train.eval_extractor, train.eval_samples, train.eval_reference, train.seed)
