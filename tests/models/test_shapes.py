import pytest
import torch

from genforge.training.run_config import ModelConfig
from genforge.core.errors import ConfigError
from genforge.models import MODELS, build_model
from genforge.models.gan import GANConfig
from genforge.models.vae import VAEConfig

SIZES = [28, 32, 64, 128]
CHANNELS = [1, 3]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("channels", CHANNELS)
def test_dcgan_shapes(size, channels):
    model = build_model(GANConfig(image_size=size, channels=channels, latent_dim=10,
                                  generator_width=4, discriminator_width=4))
    images = model.generator(torch.randn(3, 10))
    assert images.shape == (3, channels, size, size)
    assert images.min() >= -1 and images.max() <= 1
    assert model.discriminator(images).shape == (3,)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("channels", CHANNELS)
def test_vae_shapes(size, channels):
    model = build_model(VAEConfig(image_size=size, channels=channels, latent_dim=5, width=4))
    mean, log_variance = model.encoder(torch.rand(2, channels, size, size))
    assert mean.shape == log_variance.shape == (2, 5)
    assert model.decoder(mean).shape == (2, channels, size, size)


@pytest.mark.parametrize("name", [name for name in MODELS.names() if MODELS.modality_of(name) == "image"
                                  and not MODELS.get(name).config_class.TAKES_TASK
                and not MODELS.get(name).config_class.TAKES_DOMAINS])  # these sample from noise
def test_sample_is_uint8_and_seeded(name):  # every model, text too: tests/test_every_model.py
    config = MODELS.get(name).config_class(image_size=28, channels=1)
    model = build_model(config)
    state = torch.get_rng_state()
    drawn = model.sample(5, seed=7)
    assert drawn.modality == model.modality == "image" and len(drawn) == 5
    first, second = drawn.values, model.sample(5, seed=7).values
    assert first.dtype == torch.uint8 and first.shape == (5, 1, 28, 28)
    assert torch.equal(first, second)
    assert not torch.equal(first, model.sample(5, seed=8).values)
    assert torch.equal(state, torch.get_rng_state()), "sampling must not consume the training RNG"
    assert model.training, "sampling restores train mode"


def test_unsupported_size_is_a_config_error():
    with pytest.raises(ConfigError, match="28, 32, 64 and 128"):
        build_model(GANConfig(image_size=48, channels=1))


def test_unknown_decoder_suggests_the_nearest():
    with pytest.raises(ConfigError, match="did you mean 'bernoulli'"):
        build_model(VAEConfig(image_size=28, channels=1, decoder="bernouli"))


def test_every_family_config_extends_the_base():
    for name in MODELS.names():
        assert issubclass(MODELS.get(name).config_class, ModelConfig)
