"""The base of the text families' configs: what they take from the dataset's TokenSpec (no torch)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from ..core.config_fields import Range
from ..core.errors import ConfigError
from .model_config import ModelConfig


@dataclass
class TextModelConfig(ModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {"vocab_size": Range(1, 2**24), "context": Range(1, 2**16)}
    DATA_LAYOUT: ClassVar[str | None] = "stream"  # a language model's windows; the sentence VAE: "sequences"

    # Filled from the dataset: the tokeniser's size and identity (its JSON travels in the checkpoints),
    # the tokens the model sees at once, and whether its examples end with <eos>.
    vocab_size: int | None = None
    context: int | None = None
    tokenizer_sha256: str | None = None
    example_ends: bool | None = None

    def fitted_to(self, spec) -> "TextModelConfig":
        """This config with the vocabulary, context and tokeniser of `spec` (a TokenSpec), after checking
        that what it sets itself agrees: a resumed run must see the tokeniser it was trained with."""
        tokenizer = spec.tokenizer
        if self.tokenizer_sha256 is not None and self.tokenizer_sha256 != tokenizer.sha256:
            raise ConfigError(f"the dataset's tokeniser ({tokenizer.describe()}, SHA-256 {tokenizer.sha256[:12]}...) is "
                              f"not the run's ({self.tokenizer_sha256[:12]}...): the corpus or the tokeniser options "
                              "changed since it was trained")
        if self.vocab_size is not None and self.vocab_size != tokenizer.vocab_size:
            raise ConfigError(f"model.vocab_size is {self.vocab_size} but the dataset's tokeniser has "
                              f"{tokenizer.vocab_size}; leave it out to take the dataset's")
        if self.context is not None and self.context != spec.sequence_length:
            raise ConfigError(f"model.context is {self.context} but data.sequence_length is {spec.sequence_length}")
        return dataclasses.replace(self, vocab_size=tokenizer.vocab_size, context=spec.sequence_length,
                                   tokenizer_sha256=tokenizer.sha256, example_ends=spec.example_ends)
