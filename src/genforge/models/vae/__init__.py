"""The VAE family: networks, decoder likelihoods, config and train step."""

from .config import BetaVAEConfig, IWAEConfig, VAEConfig
from .model import VAE

__all__ = ["BetaVAEConfig", "IWAEConfig", "VAE", "VAEConfig"]
