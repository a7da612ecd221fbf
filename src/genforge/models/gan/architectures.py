"""GAN architectures by name: each builds (generator, discriminator) from a GANConfig."""

from __future__ import annotations

from typing import Callable

from torch import nn

from ...errors import ConfigError
from ...registry import Registry
from .config import GANConfig
from .dcgan import DCGANDiscriminator, DCGANGenerator
from .resnet import ResNetDiscriminator, ResNetGenerator
from .seed import SeedDiscriminator, SeedGenerator

ARCHITECTURES: Registry[Callable[[GANConfig, int | None], tuple[nn.Module, nn.Module]]] = Registry("GAN architecture")


@ARCHITECTURES.register("dcgan")
def build_dcgan(config: GANConfig, classes: int | None):
    return (DCGANGenerator(config.latent_dim, config.image_size, config.channels, config.generator_width, classes),
            DCGANDiscriminator(config.image_size, config.channels, config.discriminator_width, classes,
                               config.discriminator_norm, config.spectral_norm, config.minibatch_std))


def refuse_minibatch_std(config: GANConfig) -> None:
    if config.minibatch_std:
        raise ConfigError(f"model.minibatch_std is available with the dcgan architecture, not {config.architecture}")


@ARCHITECTURES.register("resnet")
def build_resnet(config: GANConfig, classes: int | None):
    refuse_minibatch_std(config)
    return (ResNetGenerator(config.latent_dim, config.image_size, config.channels, config.generator_width, classes),
            ResNetDiscriminator(config.image_size, config.channels, config.discriminator_width, classes,
                                config.spectral_norm))


@ARCHITECTURES.register("seed")
def build_seed(config: GANConfig, classes: int | None):
    refuse_minibatch_std(config)
    if classes:
        raise ConfigError("the seed architecture has no conditional variant; use dcgan or resnet")
    return (SeedGenerator(config.latent_dim, config.image_size, config.channels),
            SeedDiscriminator(config.image_size, config.channels, config.discriminator_width))
