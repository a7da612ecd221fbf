"""Where run configs are read: run_config.py's reader, handed the model families' configs
(models/model_config.py: MODEL_CONFIGS, each registered beside its family) and the data sources'
(data/sources.py: DATA_CONFIGS). Neither registry imports torch, so reading a config and checking
every choice in it takes a fraction of a second, before any data or network loads.
"""

from __future__ import annotations

# The sections' classes live with their layers; they are re-exported here, where runs are read.
from .core.config_fields import (ADAM_BETA, COUNT, NON_NEGATIVE, POSITIVE, SIZE, Range, check_choices,  # noqa: F401
                                 check_ranges, from_dict)
from .data.config import DataConfig, ImageDataConfig  # noqa: F401
from .data.sources import DATA_CONFIGS
from .models.model_config import MODEL_CONFIGS, ModelConfig  # noqa: F401
from .run_config import RunConfig, RunConfigReader, merge, read_yaml  # noqa: F401
from .training.config import TrainConfig  # noqa: F401

RUN_CONFIGS = RunConfigReader(MODEL_CONFIGS, DATA_CONFIGS)


def build_run_config(values: dict | None, cross_checks: bool = True) -> RunConfig:
    return RUN_CONFIGS.read(values, cross_checks)


def load_run_config(path) -> RunConfig:
    return RUN_CONFIGS.load(path)

