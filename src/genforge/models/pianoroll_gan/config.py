"""Configuration of the piano-roll GAN (no torch)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import ADAM_BETA, POSITIVE, SIZE, Range
from ...core.errors import ConfigError
from ..model_config import ModelConfig, model_config


@model_config
@dataclass
class PianorollGANConfig(ModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {"bars": Range(1, 16), "latent_dim": SIZE, "width": SIZE, "lr": POSITIVE,
                                          "betas": ADAM_BETA}
    # loss: the names of objectives/gan.py's GAN_LOSSES (tests/models/test_declared_choices.py)
    CHOICES: ClassVar[dict] = {"loss": ("nonsaturating", "minimax", "hinge", "least-squares", "relativistic",
                                        "relativistic-average")}

    name: str = "pianoroll-gan"
    bars: int = 2  # the length of what it generates (melody data: the windows' bars)
    latent_dim: int = 64
    width: int = 128
    loss: str = "nonsaturating"
    spectral_norm: bool = True  # on the discriminator (Miyato et al. 2018)
    lr: float = 2e-4  # Adam, DCGAN's (Radford et al. 2016)
    betas: tuple[float, float] = (0.5, 0.999)
    steps_per_quarter: int = 0  # filled from the data
    melodies: bool = False  # filled from the data: trained on melodies, it keeps one key per frame
    # filled from the data: 4 on four-voice chorales (soprano, alto, tenor, bass), a roll each, generated
    # together as MuseGAN's composer model generates its tracks from one z (Dong et al. 2018, Sec. 3.2)
    tracks: int = 1

    @property
    def steps(self) -> int:
        return self.bars * 4 * (self.steps_per_quarter or 4)

    def fitted_to(self, spec) -> "PianorollGANConfig":
        representation = spec.representation  # a music spec: run_config refuses a source of another modality
        bars = spec.steps // 16 if representation == "melody" else self.bars
        if representation == "melody" and self.bars != bars and self.steps_per_quarter:
            raise ConfigError(f"this {self.name} run makes {self.bars}-bar pieces; the data gives {bars}-bar windows")
        return dataclasses.replace(self, bars=bars, steps_per_quarter=spec.steps_per_quarter,
                                   melodies=representation == "melody", tracks=4 if representation == "voices" else 1)
