"""A GAN for text: RelGAN (Nie et al. 2019) with an LSTM generator and a multi-representation CNN
discriminator, trained through the Gumbel-softmax relaxation after maximum-likelihood pre-training."""

from ...core.lazy import lazy_attributes
from .config import TextGANConfig

__all__ = ["TextGAN", "TextGANConfig"]

__getattr__ = lazy_attributes(__name__, {"TextGAN": ".model"})
