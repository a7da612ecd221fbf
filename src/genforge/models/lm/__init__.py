"""Language models over any tokeniser: a small decoder-only Transformer (nanoGPT's model) or an LSTM."""

from ...core.lazy import lazy_attributes
from .config import CharLMConfig, LMConfig, LSTMLMConfig

__all__ = ["CharLM", "CharLMConfig", "LanguageModel", "LMConfig", "LSTMLMConfig"]

__getattr__ = lazy_attributes(__name__, {"LanguageModel": ".model", "CharLM": ".model"})
