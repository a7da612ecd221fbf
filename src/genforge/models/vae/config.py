"""Configuration of the VAE family."""

from dataclasses import dataclass

from ...config import ModelConfig


@dataclass
class VAEConfig(ModelConfig):
    name: str = "vae"
    latent_dim: int = 16
    width: int = 32  # channels of the first encoder layer; doubled per stride-2 layer
    decoder: str = "bernoulli"  # bernoulli | gaussian
    decoder_log_scale: float = -2.0  # log sigma of a Gaussian decoder (fixed variance)
    lr: float = 1e-3
    betas: tuple[float, float] = (0.9, 0.999)
