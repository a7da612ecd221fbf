"""The VAE family: networks, decoder likelihoods, config and train step."""

from ...core.lazy import lazy_attributes
from .config import BetaVAEConfig, IWAEConfig, VAEConfig

__all__ = ["BetaVAEConfig", "IWAEConfig", "VAE", "VAEConfig"]

__getattr__ = lazy_attributes(__name__, {"VAE": ".model"})
