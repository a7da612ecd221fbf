"""Language models: a small decoder-only Transformer (nanoGPT's model) over any tokeniser."""

from ...lazy import lazy_attributes
from .config import CharLMConfig, LMConfig

__all__ = ["CharLM", "CharLMConfig", "LanguageModel", "LMConfig"]

__getattr__ = lazy_attributes(__name__, {"LanguageModel": ".model", "CharLM": ".model"})
