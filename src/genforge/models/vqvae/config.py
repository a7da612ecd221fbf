"""Configuration of the VQ-VAE with its autoregressive prior."""

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import ADAM_BETA, NON_NEGATIVE, POSITIVE, SIZE, Range
from ..image_config import ImageModelConfig
from ..model_config import model_config


@model_config
@dataclass
class VQVAEConfig(ImageModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {
        "width": SIZE, "codebook_size": SIZE, "code_dim": SIZE, "commitment": NON_NEGATIVE, "prior_width": SIZE,
        "prior_layers": Range(1, 256), "lr": POSITIVE, "prior_lr": POSITIVE, "betas": ADAM_BETA}

    name: str = "vq-vae"
    width: int = 32  # channels of the first encoder layer; doubled per stride-2 layer
    codebook_size: int = 64  # K codes (van den Oord et al. 2017)
    code_dim: int = 16  # D of each code vector
    commitment: float = 0.25  # beta of the commitment loss (van den Oord et al. 2017, eq. 3)
    prior_width: int = 64  # channels of the PixelCNN prior over the code grid
    prior_layers: int = 6  # masked convolution layers of the prior (the first of type A)
    lr: float = 1e-3
    prior_lr: float = 1e-3
    betas: tuple[float, float] = (0.9, 0.999)
