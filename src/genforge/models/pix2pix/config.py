"""Configuration of pix2pix and of the U-Net trained with L1 alone (no torch). The defaults are the
paper's (Isola et al. 2017, Sec. 3.3 and 4): L1 weight 100, Adam at 2e-4 with betas (0.5, 0.999), the
discriminator's loss halved, dropout 0.5 in the decoder, batch norm; the task, its options and the
input channels come from the data (`--task`)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import ADAM_BETA, NON_NEGATIVE, POSITIVE, SIZE, Range
from ...core.errors import ConfigError
from ..image_config import ImageModelConfig
from ..model_config import model_config


@model_config
@dataclass
class Pix2PixConfig(ImageModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {"width": SIZE, "discriminator_width": SIZE, "patch_layers": Range(1, 5),
                                          "l1_weight": NON_NEGATIVE, "lr": POSITIVE, "betas": ADAM_BETA,
                                          "dropout": Range(0, 1, high_open=True)}
    CHOICES: ClassVar[dict] = {"loss": ("nonsaturating", "least-squares", "hinge")}
    TAKES_TASK: ClassVar[bool] = True

    name: str = "pix2pix"
    adversarial: bool = True  # False: the U-Net with L1 only (unet-l1, pix2pix's "L1" row)
    width: int = 64  # the U-Net's first layer (ngf)
    discriminator_width: int = 64  # the PatchGAN's first layer (ndf)
    # stride-2 layers of the PatchGAN; None: the receptive field nearest 70/256 of the image (networks.py)
    patch_layers: int | None = None
    loss: str = "nonsaturating"  # the paper's "vanilla" GAN loss (objectives/gan.py)
    l1_weight: float = 100.0  # lambda of Eq. 4
    lr: float = 2e-4
    betas: tuple[float, float] = (0.5, 0.999)
    dropout: float = 0.5
    # filled from the data
    task: str | None = None
    source_channels: int = 0
    factor: int = 0  # super-resolution
    mask: str = ""  # inpaint: the holes it was trained on
    hole_fraction: float = 0.0

    def fitted_to(self, spec) -> "Pix2PixConfig":
        if not spec.task:
            raise ConfigError(f"{self.name} learns an image-to-image task: give one with --task inpaint|"
                              "super-resolution|edges|colourise")
        if self.task is not None and self.task != spec.task:
            raise ConfigError(f"this {self.name} run learnt --task {self.task}; the data gives --task {spec.task}")
        fitted = super().fitted_to(spec)
        options = spec.task_options
        return dataclasses.replace(fitted, task=spec.task, source_channels=spec.source_channels,
                                   factor=options.factor if spec.task == "super-resolution" else 0,
                                   mask=options.mask if spec.task == "inpaint" else "",
                                   hole_fraction=options.hole_fraction if spec.task == "inpaint" else 0.0)


@model_config
@dataclass
class UNetL1Config(Pix2PixConfig):
    name: str = "unet-l1"
    adversarial: bool = False
