"""VQ-VAE with a PixelCNN prior over its codes."""

from .config import VQVAEConfig
from .model import VQVAE

__all__ = ["VQVAE", "VQVAEConfig"]
