"""What each kind of data brings to the metrics layer: one handler object per modality, registered by
its package (metrics/<modality>/handler.py): the measures it can take while a run trains, by the
name its modality declares (core/modality.py: Modality.training_metric), each a function of the run
config that returns a measure with `.metric` (its name and direction) mapping a model to a number."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from ..core.registry import Registry, import_subpackages


@dataclass(frozen=True)
class ModalityMetrics:
    name: str
    # metric name -> run config -> measure (None: it does not apply to the run's family)
    training_metrics: dict[str, Callable] = field(default_factory=dict)

    def training_metric(self, name: str, config):
        """The measure `name` for a run of `config`; an unknown name is one line naming the known ones."""
        return Registry.of(f"training metric of {self.name}", self.training_metrics).get(name)(config)


def import_modality_packages() -> None:
    """Every sub-package of genforge.metrics is a modality whose handler.py registers its handler."""
    import_subpackages(__package__, "handler")


METRICS: Registry[ModalityMetrics] = Registry("modality with metrics", populate=import_modality_packages)


def register_metrics(handler: ModalityMetrics) -> ModalityMetrics:
    return METRICS.register(handler.name)(handler)
