"""The character-level language model: a small decoder-only Transformer (nanoGPT's character model)."""

from ...lazy import lazy_attributes
from .config import CharLMConfig

__all__ = ["CharLM", "CharLMConfig"]

__getattr__ = lazy_attributes(__name__, {"CharLM": ".model"})
