"""Configuration of the GAN family. Each registered GAN model (dcgan, sngan, wgan-gp, seed) is this
config with other defaults; every option can be combined with every architecture."""

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import ADAM_BETA, NON_NEGATIVE, POSITIVE, SIZE, Range
from ..image_config import ImageModelConfig
from ..model_config import model_config


@model_config
@dataclass
class GANConfig(ImageModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {
        "latent_dim": SIZE, "generator_width": SIZE, "discriminator_width": SIZE, "extra_layers": Range(0, 64),
        "lr": POSITIVE, "generator_lr": POSITIVE, "discriminator_lr": POSITIVE, "betas": ADAM_BETA,
        "discriminator_steps": Range(1, 100), "gradient_penalty": NON_NEGATIVE, "r1_penalty": NON_NEGATIVE,
        "ema_decay": Range(0, 1, high_open=True), "collapse_window": Range(1, 2**31)}
    # Checked as the config is read; the names of objectives/gan.py's GAN_LOSSES and architectures.py's
    # ARCHITECTURES (tests/models/test_declared_choices.py keeps them equal).
    CHOICES: ClassVar[dict] = {"loss": ("nonsaturating", "minimax", "hinge", "wasserstein", "least-squares",
                                        "relativistic", "relativistic-average"),
                               "architecture": ("dcgan", "resnet", "seed"),
                               "discriminator_norm": ("batch", "none")}

    name: str = "dcgan"
    architecture: str = "dcgan"  # dcgan | resnet (SNGAN) | seed: see architectures.py
    loss: str = "nonsaturating"  # nonsaturating | minimax | hinge | wasserstein | least-squares
    latent_dim: int = 100  # z ~ N(0, I) of this many dimensions (Radford et al. 2016)
    generator_width: int = 64  # channels of the generator's last hidden layer; doubled per layer down
    discriminator_width: int = 64  # channels of the discriminator's first layer; doubled per layer
    discriminator_norm: str = "batch"  # batch | none (a gradient penalty needs none: Gulrajani et al. 2017, 4)
    spectral_norm: bool = False  # on every discriminator layer (Miyato et al. 2018)
    extra_layers: int = 0  # 3x3 convolutions added at the smallest map of G and D (dcgan only; see dcgan.py)
    minibatch_std: bool = False  # a minibatch standard-deviation channel in D (Karras et al. 2018; dcgan only)
    lr: float = 2e-4  # Adam, as in Radford et al. 2016, section 4
    generator_lr: float | None = None  # TTUR (Heusel et al. 2017): separate rates; None = lr
    discriminator_lr: float | None = None
    betas: tuple[float, float] = (0.5, 0.999)
    discriminator_steps: int = 1  # D updates per G update (5 in WGAN-GP), each on the step's real batch with fresh z
    gradient_penalty: float = 0.0  # lambda of the WGAN-GP penalty (10 in Gulrajani et al. 2017)
    r1_penalty: float = 0.0  # gamma of the R1 penalty on real data (Mescheder et al. 2018)
    ema_decay: float | None = None  # EMA of the generator's weights, sampled from when set (e.g. 0.999)
    diffaugment: str = ""  # DiffAugment policy, e.g. "translation,cutout,color" (Zhao et al. 2020)
    conditional: bool = False  # class-conditional G (conditional BatchNorm) and projection D
    collapse_window: int = 200  # steps of D loss below 1e-3 that count as a collapsed discriminator


@model_config
@dataclass
class SNGANConfig(GANConfig):
    """Miyato et al. 2018: ResNet networks, hinge loss, spectral norm in D; their setting C
    (Adam 2e-4, betas 0.5/0.999, one D step), the cheapest on a CPU."""

    name: str = "sngan"
    architecture: str = "resnet"
    loss: str = "hinge"
    spectral_norm: bool = True


@model_config
@dataclass
class WGANGPConfig(GANConfig):
    """Gulrajani et al. 2017, algorithm 1: Wasserstein critic without BatchNorm, gradient penalty 10,
    5 critic steps per generator step, Adam 1e-4 with betas 0.5/0.9."""

    name: str = "wgan-gp"
    loss: str = "wasserstein"
    gradient_penalty: float = 10.0
    discriminator_norm: str = "none"
    discriminator_steps: int = 5
    lr: float = 1e-4
    betas: tuple[float, float] = (0.5, 0.9)


@model_config
@dataclass
class SeedConfig(GANConfig):
    """The design genforge started from (see seed.py): non-saturating loss, Adam at 1e-4."""

    name: str = "seed"
    architecture: str = "seed"
    lr: float = 1e-4
    betas: tuple[float, float] = (0.9, 0.999)
