"""Configuration of the language models. The vocabulary, the context length and the tokeniser's
identity are filled from the dataset's TokenSpec (text_config.py); the tokeniser itself is saved with
the weights, so sampling needs no corpus."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import ADAM_BETA, NON_NEGATIVE, POSITIVE, SIZE, Range
from ...core.errors import ConfigError
from ..model_config import model_config
from ..text_config import TextModelConfig


@model_config
@dataclass
class LMConfig(TextModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {
        "layers": Range(1, 256), "heads": Range(1, 256), "width": SIZE, "dropout": Range(0, 1, high_open=True),
        "lr": POSITIVE, "betas": ADAM_BETA, "weight_decay": NON_NEGATIVE, "max_grad_norm": POSITIVE}
    # architecture: the names of model.py's NETWORKS (tests/models/test_declared_choices.py keeps them equal)
    CHOICES: ClassVar[dict] = {"architecture": ("transformer", "lstm")}

    name: str = "lm"
    architecture: str = "transformer"  # transformer (nanoGPT's, transformer.py) | lstm (lstm.py)
    # nanoGPT's CPU configuration of its character model (README, "I only have a macbook"): 4 layers,
    # 4 heads, width 128; dropout 0 (with little training it only slows learning).
    layers: int = 4
    heads: int = 4  # the Transformer's attention heads (the LSTM has none)
    width: int = 128  # the Transformer's model width; the LSTM's embedding and state
    dropout: float = 0.0
    lr: float = 1e-3  # AdamW, as nanoGPT's shakespeare_char (lr 1e-3, betas 0.9/0.99, weight decay 0.1)
    betas: tuple[float, float] = (0.9, 0.99)
    weight_decay: float = 0.1  # on matrices only (nanoGPT's configure_optimizers)
    max_grad_norm: float | None = 1.0  # gradient clipping, as nanoGPT's grad_clip

    def fitted_to(self, spec) -> "LMConfig":
        if self.architecture == "transformer" and self.width % self.heads:
            raise ConfigError(f"model.width {self.width} must be a multiple of model.heads {self.heads}")
        return super().fitted_to(spec)


@model_config
@dataclass
class LSTMLMConfig(LMConfig):
    """Two layers of 256, as the classic character-RNN setups (Karpathy's char-rnn: 2 x 128 to 512):
    about the Transformer default's parameter count on 65 characters (1.1M against 0.8M)."""

    name: str = "lstm-lm"
    architecture: str = "lstm"
    layers: int = 2
    width: int = 256
    weight_decay: float = 0.0  # an LSTM LM usually trains with dropout, not decay (Zaremba et al. 2014)
    # Adam 2e-3, the PyTorch character-RNN tutorial's rate: on tiny-shakespeare it reached 1.635 nats/char of
    # validation in 10 min against 1.981 for 1e-3 decaying linearly (benchmarks/text_table.py, 2026-12-01).
    lr: float = 2e-3


@model_config
@dataclass
class CharLMConfig(LMConfig):
    """The name issue 16 gave the Transformer language model on characters; the same model."""

    name: str = "char-lm"


@model_config
@dataclass
class MelodyLMConfig(LMConfig):
    """The language model on MusicVAE's melody events (90 classes and a start token): the maximum-likelihood
    reference beside the music families. `architecture: lstm` gives the LSTM."""

    DATA_LAYOUT: ClassVar[str | None] = "melody"

    name: str = "melody-lm"
    dropout: float = 0.1

    def fitted_to(self, spec) -> "MelodyLMConfig":
        import dataclasses

        from .melody import VOCABULARY

        if self.architecture == "transformer" and self.width % self.heads:
            raise ConfigError(f"model.width {self.width} must be a multiple of model.heads {self.heads}")
        if self.context is not None and self.context != spec.steps:
            raise ConfigError(f"this {self.name} run was trained on windows of {self.context} events; the data "
                              f"gives {spec.steps}")
        return dataclasses.replace(self, vocab_size=VOCABULARY, context=spec.steps)
