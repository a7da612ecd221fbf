"""Configuration of the VAE family: vae, beta-vae and iwae are this config with other defaults."""

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import ADAM_BETA, NON_NEGATIVE, POSITIVE, SIZE, Range
from ..image_config import ImageModelConfig
from ..model_config import model_config


@model_config
@dataclass
class VAEConfig(ImageModelConfig):
    RANGES: ClassVar[dict[str, Range]] = {
        "latent_dim": SIZE, "width": SIZE, "beta": NON_NEGATIVE, "kl_schedule_steps": Range(1, 2**31),
        "free_bits": NON_NEGATIVE, "importance_samples": Range(1, 10_000), "lr": POSITIVE, "betas": ADAM_BETA}
    # decoder: the names of likelihoods.py's LIKELIHOODS (tests/models/test_declared_choices.py keeps them equal)
    CHOICES: ClassVar[dict] = {"decoder": ("bernoulli", "gaussian"),
                               "kl_schedule": ("none", "linear", "cyclical")}

    name: str = "vae"
    latent_dim: int = 16
    width: int = 32  # channels of the first encoder layer; doubled per stride-2 layer
    decoder: str = "bernoulli"  # bernoulli | gaussian
    decoder_log_scale: float = -2.0  # log sigma of a Gaussian decoder (its start, if learned)
    learn_decoder_scale: bool = False  # learn one log sigma per channel (Gaussian decoder)
    beta: float = 1.0  # weight of the KL term (Higgins et al. 2017); 1 is the ELBO
    kl_schedule: str = "none"  # none | linear | cyclical warm-up of the KL weight
    kl_schedule_steps: int = 2000  # warm-up length, or the cycle length when cyclical
    free_bits: float = 0.0  # minimum KL per latent dimension, in nats (Kingma et al. 2016)
    importance_samples: int = 1  # k of the IWAE bound trained on (Burda et al. 2016); 1 = the ELBO
    lr: float = 1e-3
    betas: tuple[float, float] = (0.9, 0.999)


@model_config
@dataclass
class BetaVAEConfig(VAEConfig):
    """Higgins et al. 2017: a heavier KL weight for more disentangled, blurrier codes."""

    name: str = "beta-vae"
    beta: float = 4.0


@model_config
@dataclass
class IWAEConfig(VAEConfig):
    """Burda et al. 2016: trained on the k-sample importance-weighted bound, tighter than the ELBO."""

    name: str = "iwae"
    importance_samples: int = 5
