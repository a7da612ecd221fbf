"""Model families, one package each, found by name in MODELS."""

from .model_config import ModelConfig
from .base import GenerativeModel
from .registry import MODELS
from . import char_lm, gan, vae, vqvae  # noqa: F401  (register the families)


def build_model(config: ModelConfig) -> GenerativeModel:
    return MODELS.get(config.name)(config)


__all__ = ["GenerativeModel", "MODELS", "build_model"]
