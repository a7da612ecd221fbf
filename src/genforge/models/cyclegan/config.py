"""Configuration of CycleGAN (no torch). The defaults are the paper's (Zhu et al. 2017, Sec. 4 and
App. 7; the reference code's options): ResNet generators of width 64 (9 residual blocks at 256 px, 6
below), 70x70 PatchGANs with instance norm (their receptive field scaled to the image), the
least-squares loss, cycle weight 10, identity weight 0.5 (of the cycle weight), a history of 50
generated images per discriminator, Adam 2e-4 with betas (0.5, 0.999). The paper holds the rate for
100 epochs and decays it linearly to 0 over the next 100; `--lr-decay linear` decays it over the whole
budget."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import ADAM_BETA, NON_NEGATIVE, POSITIVE, SIZE, Range
from ..image_config import ImageModelConfig
from ..model_config import model_config


@model_config
@dataclass
class CycleGANConfig(ImageModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {"width": SIZE, "discriminator_width": SIZE, "residual_blocks": Range(0, 64),
                                          "patch_layers": Range(1, 5), "cycle_weight": NON_NEGATIVE,
                                          "identity_weight": NON_NEGATIVE, "history": Range(0, 10_000),
                                          "lr": POSITIVE, "betas": ADAM_BETA}
    TAKES_DOMAINS: ClassVar[bool] = True

    name: str = "cyclegan"
    width: int = 64  # ngf
    discriminator_width: int = 64  # ndf
    residual_blocks: int | None = None  # None: 9 at 256 px and above, 6 below (the reference code's choice)
    patch_layers: int | None = None  # None: the receptive field nearest 70/256 of the image (models/patch_gan.py)
    cycle_weight: float = 10.0  # lambda of Eq. 3
    identity_weight: float = 0.5  # of the cycle weight: the identity loss of Sec. 5.2 (Taigman et al. 2017)
    history: int = 50  # generated images kept per discriminator (Shrivastava et al. 2017)
    lr: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
