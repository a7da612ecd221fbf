"""The GAN family: networks (dcgan.py), config (config.py), train step (model.py)."""

from .config import GANConfig
from .model import DCGAN

__all__ = ["DCGAN", "GANConfig"]
