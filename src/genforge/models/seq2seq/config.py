"""Configuration of the encoder-decoder Transformer for (source, target) pairs (Vaswani et al. 2017),
small enough for a CPU: summarisation, dialogue turns, couplets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import ADAM_BETA, POSITIVE, SIZE, Range
from ...core.errors import ConfigError
from ..model_config import model_config
from ..text_config import TextModelConfig


# The widest beam: beam search decodes one source at a time, `width` prefixes a step (and never more
# than the vocabulary has ids).
MAX_BEAM = 64


@model_config
@dataclass
class Seq2SeqConfig(TextModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {
        "layers": Range(1, 64), "heads": Range(1, 64), "width": SIZE, "dropout": Range(0, 1, high_open=True),
        "label_smoothing": Range(0, 1, high_open=True), "lr": POSITIVE, "betas": ADAM_BETA, "max_grad_norm": POSITIVE,
        "beam_size": Range(1, MAX_BEAM), "length_penalty": Range(0, 10)}
    DATA_LAYOUT: ClassVar[str | None] = "pairs"

    name: str = "seq2seq"
    layers: int = 3  # in the encoder and in the decoder
    heads: int = 4
    width: int = 128
    dropout: float = 0.1  # Vaswani et al. 2017, 5.4 (their base model: 0.1)
    label_smoothing: float = 0.1  # ibid.; the validation loss and the NLL are without it
    lr: float = 5e-4  # Adam, with Vaswani et al.'s betas (0.9, 0.98); constant
    betas: tuple[float, float] = (0.9, 0.98)
    max_grad_norm: float | None = 1.0
    beam_size: int = 4  # beam search's width when `genforge generate --decoding beam`
    length_penalty: float = 0.6  # alpha of GNMT's ((5 + length) / 6) ** alpha (Wu et al. 2016, eq. 14)

    def fitted_to(self, spec) -> "Seq2SeqConfig":
        if self.width % self.heads:
            raise ConfigError(f"model.width {self.width} must be a multiple of model.heads {self.heads}")
        return super().fitted_to(spec)
