"""Sequence to sequence: an encoder-decoder Transformer for (source, target) pairs, decoded greedily,
by sampling, or by beam search."""

from ...core.lazy import lazy_attributes
from .config import Seq2SeqConfig

__all__ = ["Seq2Seq", "Seq2SeqConfig"]

__getattr__ = lazy_attributes(__name__, {"Seq2Seq": ".model"})
