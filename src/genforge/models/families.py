"""The model registry: name -> GenerativeModel subclass (which carries its config class).

The names and their configs are known without torch (MODEL_CONFIGS, models/model_config.py); a
family's model module, which builds networks, is imported on the first lookup of one of its names."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ..core.capabilities import RegistrationError, check_implements
from ..core.registry import Registry
from .model_config import MODEL_CONFIGS, family_of

if TYPE_CHECKING:
    from .base import GenerativeModel


class ModelRegistry(Registry["type[GenerativeModel]"]):
    """Model name -> (family class, the modality it serves under that name). A family may register a
    name per modality it serves (the language model on text, and on music events), so a model's
    modality is its registration's, set on each model `build_model` makes."""

    def __init__(self, kind: str):
        super().__init__(kind)
        self._modalities: dict[str, str] = {}

    def register(self, name: str, modality: str | None = None):
        if not modality:
            raise ValueError(f"model {name!r} must be registered with the modality it serves")
        add_class = super().register(name)

        def add(cls):
            check_implements(cls, cls.CAPABLE_OF, name)
            self._modalities[name] = modality
            return add_class(cls)

        return add

    def get(self, name: str) -> "type[GenerativeModel]":
        config_class = MODEL_CONFIGS.get(name)  # an unknown name is refused here, with the nearest
        if name not in self._entries:  # a family in genforge.models registers on first use
            importlib.import_module(f"{family_of(config_class)}.model")
        return super().get(name)

    def modality_of(self, name: str) -> str:
        self.get(name)
        return self._modalities[name]

    def names(self) -> list[str]:
        return MODEL_CONFIGS.names()

    def __contains__(self, name: str) -> bool:
        return name in MODEL_CONFIGS


MODELS = ModelRegistry("model")


def build_model(config) -> "GenerativeModel":
    model = MODELS.get(config.name)(config)
    model.modality = MODELS.modality_of(config.name)
    undeclared = set(model.capabilities.declared()) - set(type(model).CAPABLE_OF)
    if undeclared:  # what a model declares, its class must have registered as possible (and checked)
        raise RegistrationError(f"a {config.name} model declares {', '.join(sorted(undeclared))}, which "
                                f"{type(model).__name__}.CAPABLE_OF does not list")
    return model
