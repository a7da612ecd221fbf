"""VQ-VAE with a PixelCNN prior over its codes."""

from ...core.lazy import lazy_attributes
from .config import VQVAEConfig

__all__ = ["VQVAE", "VQVAEConfig"]

__getattr__ = lazy_attributes(__name__, {"VQVAE": ".model"})
