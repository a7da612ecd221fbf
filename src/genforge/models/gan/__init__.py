"""The GAN family: architectures (dcgan.py, resnet.py, seed.py), configs, and the train step (model.py)."""

from .config import GANConfig, SeedConfig, SNGANConfig, WGANGPConfig
from .model import GAN

__all__ = ["GAN", "GANConfig", "SNGANConfig", "SeedConfig", "WGANGPConfig"]
