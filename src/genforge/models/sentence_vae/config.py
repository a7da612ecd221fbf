"""Configuration of the sentence VAE (Bowman et al. 2016): recurrent encoder and decoder around a
Gaussian latent, with the usual cures for posterior collapse as options."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import NON_NEGATIVE, POSITIVE, SIZE, Range
from ..model_config import model_config
from ..text_config import TextModelConfig


@model_config
@dataclass
class SentenceVAEConfig(TextModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {
        "embedding": SIZE, "hidden": SIZE, "layers": Range(1, 16), "latent_dim": SIZE,
        "word_dropout": Range(0, 1), "kl_schedule_steps": Range(1, 2**31), "free_bits": NON_NEGATIVE,
        "pretrain_autoencoder_steps": Range(0, 2**31), "aggressive_steps": Range(0, 2**31),
        "aggressive_inner_steps": Range(1, 1000), "lr": POSITIVE, "max_grad_norm": POSITIVE}
    CHOICES: ClassVar[dict] = {"cell": ("lstm", "gru"), "kl_schedule": ("none", "linear", "logistic", "cyclical")}
    DATA_LAYOUT: ClassVar[str | None] = "sequences"  # each sentence on its own, between <bos> and <eos>

    name: str = "sentence-vae"
    cell: str = "lstm"  # lstm | gru, in the encoder and the decoder
    # timbmg/Sentence-VAE's sizes (300-d embeddings, 256 hidden, one layer) with issue 17's 32-d latent.
    embedding: int = 300
    hidden: int = 256
    layers: int = 1
    latent_dim: int = 32
    # Bowman et al.'s word dropout: each decoder input token becomes <unk> with this probability, so the
    # decoder must lean on z (section 3.2).
    word_dropout: float = 0.0
    kl_schedule: str = "logistic"  # Bowman et al.'s annealing; linear; cyclical (Fu et al. 2019); none
    kl_schedule_steps: int = 2500  # the ramp (logistic: 0.01 to 0.99), or each cycle's length
    free_bits: float = 0.0  # minimum KL per latent dimension, in nats (Kingma et al. 2016)
    # Li et al. 2019: train as a plain autoencoder (KL weight 0) this many steps, then reset the decoder
    # and train the VAE from that encoder.
    pretrain_autoencoder_steps: int = 0
    # He et al. 2019: for this many first steps, update the encoder up to aggressive_inner_steps times
    # per decoder update (on the step's batch; He et al. draw a new one for each), stopping early
    # when the encoder's loss stops falling.
    aggressive_steps: int = 0
    aggressive_inner_steps: int = 10
    lr: float = 1e-3  # Adam, as timbmg/Sentence-VAE
    max_grad_norm: float | None = 5.0
