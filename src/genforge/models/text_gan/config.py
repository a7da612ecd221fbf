"""Configuration of the text GAN: RelGAN (Nie et al. 2019) with an LSTM generator, pre-trained by
maximum likelihood, then trained adversarially through the Gumbel-softmax relaxation."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import ADAM_BETA, POSITIVE, SIZE, Range
from ..model_config import model_config
from ..text_config import TextModelConfig


@model_config
@dataclass
class TextGANConfig(TextModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {
        "embedding": SIZE, "hidden": SIZE, "representations": Range(1, 256), "representation_width": SIZE,
        "filters": SIZE, "dropout": Range(0, 1, high_open=True), "pretrain_steps": Range(0, 2**31),
        "max_inverse_temperature": Range(1, 10**6), "temperature_steps": Range(1, 2**31),
        "pretrain_lr": POSITIVE, "lr": POSITIVE, "betas": ADAM_BETA, "max_grad_norm": POSITIVE}
    DATA_LAYOUT: ClassVar[str | None] = "sequences"  # fixed-length sentences: <bos> ... <eos> <pad> ...

    name: str = "text-gan"
    embedding: int = 64
    hidden: int = 256  # the LSTM generator's state (RelGAN's LSTM variant; the paper's best uses relational memory)
    # The discriminator: `representations` embeddings of `representation_width` each, read by
    # convolutions of widths 2 to 5 with `filters` channels each (RelGAN's multi-representation CNN,
    # sized for a CPU: the paper uses 64 representations and 300 filters).
    representations: int = 8
    representation_width: int = 32
    filters: int = 64
    dropout: float = 0.25
    pretrain_steps: int = 1000  # maximum likelihood first (RelGAN pre-trains 150 epochs; issue 17: MLE pre-training)
    # Gumbel-softmax inverse temperature beta, raised exponentially from 1 to this over temperature_steps
    # adversarial steps (RelGAN's "exp" schedule, beta_max 100 for its synthetic and 1000 for real data).
    max_inverse_temperature: float = 100.0
    temperature_steps: int = 2000
    pretrain_lr: float = 1e-2  # RelGAN's MLE rate, then 1e-4 for both networks (Adam, betas 0.9/0.999)
    lr: float = 1e-4
    betas: tuple[float, float] = (0.9, 0.999)
    max_grad_norm: float | None = 5.0
