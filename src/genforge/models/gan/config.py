"""Configuration of the GAN family."""

from dataclasses import dataclass

from ...config import ModelConfig


@dataclass
class GANConfig(ModelConfig):
    name: str = "dcgan"
    latent_dim: int = 100  # z ~ N(0, I) of this many dimensions (Radford et al. 2016)
    generator_width: int = 64  # channels of the generator's last hidden layer; doubled per layer down
    discriminator_width: int = 64  # channels of the discriminator's first layer; doubled per layer
    lr: float = 2e-4  # Adam, as in Radford et al. 2016, section 4
    betas: tuple[float, float] = (0.5, 0.999)
