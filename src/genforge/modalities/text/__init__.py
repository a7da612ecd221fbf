"""The text modality: token ids with their decoded strings, written as .txt or .jsonl, previewed as
a sample text at every checkpoint, counted in tokens per second."""

from .modality import TextModality

__all__ = ["TextModality"]
