"""The VAE family: networks, decoder likelihoods, config and train step."""

from .config import VAEConfig
from .model import VAE

__all__ = ["VAE", "VAEConfig"]
