"""The base of every model family's config, and the registry of the families' configs by model name
(no torch: configs are read and checked before anything loads)."""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from ..core.registry import Registry


def import_family_configs() -> None:
    """Every sub-package of genforge.models is a family with its config.py beside it (pythae's one
    folder per model); importing those registers the configs, and nothing of the networks."""
    for family in pkgutil.iter_modules([str(Path(__file__).parent)]):
        if family.ispkg:
            importlib.import_module(f"{__package__}.{family.name}.config")


# model name (dcgan, vae, char-lm, ...) -> its config class, each registered beside its family.
MODEL_CONFIGS: Registry[type["ModelConfig"]] = Registry("model", populate=import_family_configs)


def model_config(cls: type) -> type:
    """Class decorator: register a family's config under the model name it declares (its `name`)."""
    return MODEL_CONFIGS.register(cls.name)(cls)


def family_of(config_class: type) -> str:
    """The package of the family a config belongs to: genforge.models.gan for GANConfig."""
    return config_class.__module__.rpartition(".")[0]


@dataclass
class ModelConfig:
    """Base of every model family's config. `name` selects the family in the model registry; what a
    family needs to know of its data (image size, vocabulary) it takes from the dataset's spec in
    `fitted_to` (models/image_config.py: ImageModelConfig)."""

    # The layout of data a family reads (data/text/config.py: TextDataConfig.layout; data/music/config.py:
    # its representation), filled into the data section as the config is read; None: any (images).
    DATA_LAYOUT: ClassVar[str | None] = None
    # Learns a task made from its data (an image-to-image model: --task) and generates from inputs, not
    # from noise: it declares no `sample`.
    TAKES_TASK: ClassVar[bool] = False
    # Learns two unpaired domains of its data (CycleGAN: --domain-a, --domain-b) and translates between
    # them: it declares no `sample` either.
    TAKES_DOMAINS: ClassVar[bool] = False

    name: str = "dcgan"

    def fitted_to(self, spec) -> "ModelConfig":
        """This config completed from the dataset's spec (core/spec.py), or refused when they disagree."""
        return self
