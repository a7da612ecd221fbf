"""Configuration of MusicVAE (no torch). The defaults are Magenta's `cat-mel_2bar_small` (Roberts et
al. 2018; magenta/models/music_vae/configs.py): z of 256, a bidirectional encoder of 512, a decoder of
2 x 256, free bits 0, max beta 0.2 reached at the rate 0.99999 per step, inverse-sigmoid scheduled
sampling at the rate 1000, Adam at 1e-3 decaying by 0.9999 per step to 1e-5, gradients clipped to 1.
`hierarchical: true` with 16-bar data is the 16-bar model (a conductor over the bars; Magenta's
`hierdec-mel_16bar` also uses free bits 256 and max beta 0.2)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import NON_NEGATIVE, POSITIVE, SIZE, Range
from ...core.errors import ConfigError
from ..model_config import ModelConfig, model_config


@model_config
@dataclass
class MusicVAEConfig(ModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {
        "latent_dim": SIZE, "encoder_width": SIZE, "decoder_width": SIZE, "decoder_layers": Range(1, 8),
        "conductor_width": SIZE, "free_bits": NON_NEGATIVE, "max_beta": NON_NEGATIVE,
        "beta_rate": Range(0, 1), "sampling_rate": NON_NEGATIVE, "lr": POSITIVE, "min_lr": NON_NEGATIVE,
        "decay_rate": Range(0, 1), "max_grad_norm": POSITIVE, "temperature": POSITIVE}
    DATA_LAYOUT: ClassVar[str | None] = "melody"
    CHOICES: ClassVar[dict] = {"sampling_schedule": ("inverse_sigmoid", "constant")}

    name: str = "music-vae"
    hierarchical: bool = False
    latent_dim: int = 256
    encoder_width: int = 512  # each direction
    decoder_width: int = 256
    decoder_layers: int = 2
    conductor_width: int = 256  # the hierarchical decoder's conductor (Magenta's 16-bar: 1024)
    free_bits: float = 0.0  # bits of KL (summed over z) that cost nothing (Kingma et al. 2016)
    max_beta: float = 0.2
    beta_rate: float = 0.99999  # beta = (1 - beta_rate ** step) * max_beta
    # inverse_sigmoid: the ground truth is fed back with probability k / (k + exp(step / k)), k = the rate;
    # constant: the model's own sample is fed back with probability `sampling_rate` (0: teacher forcing).
    sampling_schedule: str = "inverse_sigmoid"
    sampling_rate: float = 1000.0
    lr: float = 1e-3
    min_lr: float = 1e-5
    decay_rate: float = 0.9999
    max_grad_norm: float | None = 1.0
    temperature: float = 1.0  # sampling
    steps: int = 0  # filled from the data: events per sequence
    bars: int = 0  # filled from the data

    def fitted_to(self, spec) -> "MusicVAEConfig":
        bars = spec.steps // 16
        if self.steps and self.steps != spec.steps:
            raise ConfigError(f"this {self.name} run was trained on {self.bars}-bar melodies; the data gives "
                              f"{bars}-bar windows (--bars {self.bars})")
        if self.hierarchical and bars < 2:
            raise ConfigError("model.hierarchical needs melodies of two bars or more (--bars 16, as MusicVAE)")
        return dataclasses.replace(self, steps=spec.steps, bars=bars)
