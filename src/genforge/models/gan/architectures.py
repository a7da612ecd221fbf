"""GAN architectures by name: each builds (generator, discriminator) from a GANConfig."""

from __future__ import annotations

from typing import Callable

from torch import nn

from ...core.errors import ConfigError
from ...core.registry import Registry
from .config import GANConfig
from .dcgan import DCGANDiscriminator, DCGANGenerator
from .resnet import ResNetDiscriminator, ResNetGenerator
from .seed import SeedDiscriminator, SeedGenerator

ARCHITECTURES: Registry[Callable[[GANConfig, int | None], tuple[nn.Module, nn.Module]]] = Registry("GAN architecture")


@ARCHITECTURES.register("dcgan")
def build_dcgan(config: GANConfig, classes: int | None):
    if config.extra_layers < 0:
        raise ConfigError(f"model.extra_layers must be 0 or more, got {config.extra_layers}")
    return (DCGANGenerator(config.latent_dim, config.image_size, config.channels, config.generator_width, classes,
                           config.extra_layers),
            DCGANDiscriminator(config.image_size, config.channels, config.discriminator_width, classes,
                               config.discriminator_norm, config.spectral_norm, config.minibatch_std,
                               config.extra_layers))


def refuse_dcgan_options(config: GANConfig) -> None:
    """The options only the dcgan architecture implements, refused elsewhere rather than ignored."""
    for option in ("minibatch_std", "extra_layers"):
        if getattr(config, option):
            raise ConfigError(f"model.{option} is available with the dcgan architecture, not {config.architecture}")


@ARCHITECTURES.register("resnet")
def build_resnet(config: GANConfig, classes: int | None):
    refuse_dcgan_options(config)
    return (ResNetGenerator(config.latent_dim, config.image_size, config.channels, config.generator_width, classes),
            ResNetDiscriminator(config.image_size, config.channels, config.discriminator_width, classes,
                                config.spectral_norm))


@ARCHITECTURES.register("seed")
def build_seed(config: GANConfig, classes: int | None):
    refuse_dcgan_options(config)
    if classes:
        raise ConfigError("the seed architecture has no conditional variant; use dcgan or resnet")
    return (SeedGenerator(config.latent_dim, config.image_size, config.channels),
            SeedDiscriminator(config.image_size, config.channels, config.discriminator_width))
