"""The model registry: name -> GenerativeModel subclass (which carries its config class).

The names and their configs are known without torch (MODEL_CONFIGS, models/model_config.py); a
family's model module, which builds networks, is imported on the first lookup of one of its names."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ..core.registry import Registry
from .model_config import MODEL_CONFIGS, family_of

if TYPE_CHECKING:
    from .base import GenerativeModel


class ModelRegistry(Registry["type[GenerativeModel]"]):
    def get(self, name: str) -> "type[GenerativeModel]":
        config_class = MODEL_CONFIGS.get(name)  # an unknown name is refused here, with the nearest
        importlib.import_module(f"{family_of(config_class)}.model")  # registers the family's models
        return super().get(name)

    def names(self) -> list[str]:
        return MODEL_CONFIGS.names()

    def __contains__(self, name: str) -> bool:
        return name in MODEL_CONFIGS


MODELS = ModelRegistry("model")


def build_model(config) -> "GenerativeModel":
    return MODELS.get(config.name)(config)
