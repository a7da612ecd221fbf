"""The GAN family: architectures (dcgan.py, resnet.py, seed.py), configs, and the train step (model.py)."""

from ...core.lazy import lazy_attributes
from .config import GANConfig, SeedConfig, SNGANConfig, WGANGPConfig

__all__ = ["GAN", "GANConfig", "SNGANConfig", "SeedConfig", "WGANGPConfig"]

__getattr__ = lazy_attributes(__name__, {"GAN": ".model"})
