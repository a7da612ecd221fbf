"""The sentence VAE (Bowman et al. 2016): sentences through a Gaussian latent, with the remedies
for posterior collapse (KL annealing, word dropout, free bits, autoencoder pre-training, aggressive
encoder updates) as options."""

from ...core.lazy import lazy_attributes
from .config import SentenceVAEConfig

__all__ = ["SentenceVAE", "SentenceVAEConfig"]

__getattr__ = lazy_attributes(__name__, {"SentenceVAE": ".model"})
