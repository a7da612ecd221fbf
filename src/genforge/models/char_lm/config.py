"""Configuration of the character-level language model. The vocabulary and the context length are
filled from the dataset's TokenSpec (and saved with the run, so sampling needs no corpus)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import ADAM_BETA, NON_NEGATIVE, POSITIVE, SIZE, Range
from ..model_config import ModelConfig, model_config
from ...errors import ConfigError


@model_config
@dataclass
class CharLMConfig(ModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {
        "layers": Range(1, 256), "heads": Range(1, 256), "width": SIZE, "dropout": Range(0, 1, high_open=True),
        "lr": POSITIVE, "betas": ADAM_BETA, "weight_decay": NON_NEGATIVE, "max_grad_norm": POSITIVE,
        "context": Range(1, 2**16)}

    name: str = "char-lm"
    # nanoGPT's CPU configuration of its character model (README, "I only have a macbook"): 4 layers,
    # 4 heads, width 128; dropout 0 (with little training it only slows learning).
    layers: int = 4
    heads: int = 4
    width: int = 128
    dropout: float = 0.0
    lr: float = 1e-3  # AdamW, as nanoGPT's shakespeare_char (lr 1e-3, betas 0.9/0.99, weight decay 0.1)
    betas: tuple[float, float] = (0.9, 0.99)
    weight_decay: float = 0.1  # on matrices only (nanoGPT's configure_optimizers)
    max_grad_norm: float | None = 1.0  # gradient clipping, as nanoGPT's grad_clip
    # Filled from the dataset: the characters in id order, and the tokens the model sees at once.
    vocabulary: str | None = None
    context: int | None = None

    def fitted_to(self, spec) -> "CharLMConfig":
        if self.vocabulary is not None and self.vocabulary != spec.vocabulary:
            raise ConfigError(f"model.vocabulary has {len(self.vocabulary)} characters but the dataset's has "
                              f"{len(spec.vocabulary)}; leave it out to take the dataset's")
        if self.context is not None and self.context != spec.sequence_length:
            raise ConfigError(f"model.context is {self.context} but data.sequence_length is {spec.sequence_length}")
        if self.width % self.heads:
            raise ConfigError(f"model.width {self.width} must be a multiple of model.heads {self.heads}")
        return dataclasses.replace(self, vocabulary=spec.vocabulary, context=spec.sequence_length)
