"""The character-level language model: a small decoder-only Transformer (nanoGPT's character model)."""

from .config import CharLMConfig
from .model import CharLM

__all__ = ["CharLM", "CharLMConfig"]
