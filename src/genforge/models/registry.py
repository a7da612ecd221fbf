"""The model registry: name -> GenerativeModel subclass (which carries its config class)."""

from ..registry import Registry
from .base import GenerativeModel

MODELS: Registry[type[GenerativeModel]] = Registry("model")
