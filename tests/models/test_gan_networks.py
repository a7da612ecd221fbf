import dataclasses

import pytest
import torch
from torch.nn.utils.parametrize import is_parametrized

from genforge.core.errors import ConfigError
from genforge.core import Batch
from genforge.training.step_engine import StepEngine
from genforge.models import MODELS, build_model
from genforge.models.gan import GANConfig
from genforge.objectives.gan import GAN_LOSSES
from genforge.models.gan.layers import ConditionalBatchNorm2d, MinibatchStdDev, maybe_spectral_norm
from genforge.models.gan.resnet import ResNetDiscriminator, ResNetGenerator

SIZES = [28, 32, 64, 128]


def tiny_gan(**options):
    """A 28-pixel grayscale GAN small enough for a train step in milliseconds."""
    return build_model(GANConfig(image_size=28, channels=1, latent_dim=8, generator_width=4, discriminator_width=4,
                                 **options))


def uint8_batch(n: int = 6) -> torch.Tensor:
    return torch.randint(0, 256, (n, 1, 28, 28), dtype=torch.uint8)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("channels", [1, 3])
def test_resnet_shapes(size, channels):
    generator = ResNetGenerator(8, size, channels, width=8)
    discriminator = ResNetDiscriminator(size, channels, width=8)
    images = generator(torch.randn(2, 8))
    assert images.shape == (2, channels, size, size)
    assert discriminator(images).shape == (2,)


def test_seed_architecture_is_the_documented_one():
    model = build_model(MODELS.get("seed").config_class(image_size=128, channels=3))
    dense, conv = model.generator.dense, model.generator.conv
    assert (dense.in_features, dense.out_features) == (100, 128 * 128 * 3) and conv.kernel_size == (3, 3)
    assert model.discriminator.conv.out_channels == 64 and model.discriminator.conv.kernel_size == (3, 3)
    assert model.config.lr == 1e-4 and model.config.loss == "nonsaturating"
    assert model.generator(torch.randn(2, 100)).shape == (2, 3, 128, 128)


def test_spectrally_normalised_layers_have_largest_singular_value_near_one():
    torch.manual_seed(0)
    layer = maybe_spectral_norm(torch.nn.Conv2d(3, 8, 3), True)
    with torch.no_grad():
        layer.parametrizations.weight.original.mul_(10)  # far from 1 before normalisation
        for _ in range(30):  # power iterations run in train-mode forwards
            layer(torch.randn(1, 3, 8, 8))
    sigma = torch.linalg.matrix_norm(layer.weight.detach().flatten(1), ord=2).item()
    assert abs(sigma - 1.0) < 1e-3


@pytest.mark.parametrize("architecture", ["dcgan", "resnet"])
def test_spectral_norm_option_covers_every_discriminator_weight(architecture):
    model = build_model(GANConfig(architecture=architecture, spectral_norm=True, image_size=28, channels=1,
                                  generator_width=4, discriminator_width=4))
    weighted = [m for m in model.discriminator.modules() if isinstance(m, (torch.nn.Conv2d, torch.nn.Linear))]
    assert weighted and all(is_parametrized(m, "weight") for m in weighted)


@pytest.mark.parametrize("architecture", ["dcgan", "resnet"])
def test_conditional_networks_use_the_labels(architecture):
    torch.manual_seed(0)
    model = build_model(GANConfig(architecture=architecture, conditional=True, num_classes=10, image_size=28,
                                  channels=1, latent_dim=8, generator_width=4, discriminator_width=4))
    model.eval()
    z = torch.randn(4, 8)
    a, b = torch.tensor([0, 1, 2, 3]), torch.tensor([5, 5, 5, 5])
    with torch.no_grad():
        for module in model.generator.modules():  # at initialisation every class has scale 1, shift 0
            if isinstance(module, ConditionalBatchNorm2d):
                module.shift.weight.normal_()
        assert not torch.equal(model.generator(z, a), model.generator(z, b))
        images = model.generator(z, a)
        torch.nn.init.normal_(next(p for n, p in model.discriminator.named_parameters() if "embed" in n
                                   or "projection" in n))
        assert not torch.equal(model.discriminator(images, a), model.discriminator(images, b))
    assert model.sample(20, seed=0).values.shape == (20, 1, 28, 28)
    per_class = model.sample(3, seed=0, labels=torch.tensor([7, 7, 7]))
    assert per_class.values.shape == (3, 1, 28, 28) and per_class.labels.tolist() == [7, 7, 7]


def test_conditional_needs_labelled_data():
    with pytest.raises(ConfigError, match="class labels"):
        build_model(GANConfig(conditional=True, image_size=28, channels=1))


@pytest.mark.parametrize("name", ["dcgan", "sngan", "wgan-gp", "seed"])
def test_every_gan_takes_a_training_step(name):
    config = MODELS.get(name).config_class(image_size=28, channels=1, latent_dim=8, generator_width=4,
                                           discriminator_width=4, ema_decay=0.9, diffaugment="translation,cutout,color",
                                           r1_penalty=1.0)
    model = build_model(config)
    optimizers = model.build_optimizers()
    before = [p.detach().clone() for p in model.generator_ema.parameters()]
    scalars = model.train_step(Batch(x=uint8_batch()), optimizers, StepEngine())
    assert {"loss_d", "loss_g", "grad_norm_d", "grad_norm_g", "penalty_d"} <= scalars.keys()
    assert all(torch.isfinite(torch.tensor(v)) for v in scalars.values())
    assert any(not torch.equal(a, b) for a, b in zip(before, model.generator_ema.parameters())), "EMA moved"


@pytest.mark.parametrize("loss", GAN_LOSSES.names())
def test_every_loss_trains_the_generator(loss):
    torch.manual_seed(0)
    model = tiny_gan(loss=loss)
    optimizers = model.build_optimizers()
    before = [p.detach().clone() for p in model.generator.parameters()]
    scalars = model.train_step(Batch(x=uint8_batch()), optimizers, StepEngine())
    assert all(torch.isfinite(torch.tensor(v)) for v in scalars.values())
    assert all(not torch.equal(a, b) for a, b in zip(before, model.generator.parameters()))


@pytest.mark.parametrize("loss", ["relativistic", "relativistic-average"])
def test_relativistic_generator_step_passes_fakes_first(loss, monkeypatch):
    model = tiny_gan(loss=loss)
    seen = []

    def recording(fake_logits, real_logits):  # only the fakes carry G's graph; the reals need none
        seen.append((fake_logits.requires_grad, real_logits.requires_grad))
        return GAN_LOSSES.get(loss).generator(fake_logits, real_logits)

    monkeypatch.setattr(model, "loss", dataclasses.replace(model.loss, generator=recording))
    model.train_step(Batch(x=uint8_batch()), model.build_optimizers(), StepEngine())
    assert seen == [(True, False)]


@pytest.mark.parametrize("loss", GAN_LOSSES.names())
def test_collapsed_discriminator_is_diagnosed_where_the_loss_has_a_floor(loss):
    model = tiny_gan(loss=loss, collapse_window=3)
    verdicts = [model.diagnose({"loss_d": 0.0}) for _ in range(3)]
    # A D loss near 0 means D has won for the log-sigmoid losses; critics and least squares have no such floor.
    if loss in ("nonsaturating", "minimax", "relativistic", "relativistic-average"):
        assert verdicts[:2] == [None, None] and "discriminator collapsed" in verdicts[2]
    else:
        assert verdicts == [None, None, None]


def test_ttur_rates_and_unknown_options():
    model = build_model(GANConfig(image_size=28, channels=1, generator_lr=1e-4, discriminator_lr=4e-4))
    optimizers = model.build_optimizers()
    assert optimizers["generator"].param_groups[0]["lr"] == 1e-4
    assert optimizers["discriminator"].param_groups[0]["lr"] == 4e-4
    with pytest.raises(ConfigError, match="did you mean 'hinge'"):
        build_model(GANConfig(image_size=28, channels=1, loss="hinje"))
    with pytest.raises(ConfigError, match="DiffAugment"):
        build_model(GANConfig(image_size=28, channels=1, diffaugment="rotate"))


def test_minibatch_stddev_is_the_group_standard_deviation():
    x = torch.randn(8, 3, 2, 2)
    std = MinibatchStdDev(group_size=4)(x)
    assert std.shape == (8,)
    # Groups of 4 take every second sample: samples 0, 2, 4, 6 form the group of sample 0.
    assert torch.allclose(std[0], x[0::2].std(0, unbiased=False).mean(), atol=1e-4)
    assert std[4] == std[0] and std[1] != std[0]
    collapsed = MinibatchStdDev()(torch.ones(4, 2, 1, 1))
    assert torch.allclose(collapsed, torch.full((4,), 1e-4))  # sqrt(0 + 1e-8)
    six = MinibatchStdDev()(torch.randn(6, 2, 1, 1))  # 6 is no multiple of 4: groups of 3
    assert six[0] == six[2] == six[4] and six[1] == six[3] == six[5] and six[0] != six[1]
    prime = torch.randn(5, 2, 1, 1)  # only 1 divides 5: one group of all 5
    assert torch.allclose(MinibatchStdDev()(prime), prime.std(0, unbiased=False).mean().expand(5), atol=1e-4)


@pytest.mark.parametrize("spectral_norm", [False, True])
@pytest.mark.parametrize("conditional", [False, True])
def test_minibatch_stddev_option_in_the_dcgan_discriminator_only(spectral_norm, conditional):
    config = dict(image_size=28, channels=1, generator_width=4, discriminator_width=4)
    torch.manual_seed(0)
    discriminator = build_model(GANConfig(minibatch_std=True, spectral_norm=spectral_norm, conditional=conditional,
                                          num_classes=10, **config)).discriminator.eval()
    images, labels = torch.randn(8, 1, 28, 28), (torch.arange(8) % 10 if conditional else None)
    with torch.no_grad():  # the same as concatenating a constant std map before the last convolution
        h = discriminator.features(images)
        std_map = discriminator.minibatch_std(h)[:, None, None, None].expand(8, 1, *h.shape[2:])
        expected = discriminator.to_logit(torch.cat([h, std_map], 1)).flatten()
        if conditional:
            expected = expected + (discriminator.projection(labels) * h.sum((2, 3))).sum(1)
        assert torch.allclose(discriminator(images, labels), expected, atol=1e-5)
    assert discriminator.to_logit.in_channels == 8 + 1
    with pytest.raises(ConfigError, match="minibatch_std"):
        build_model(GANConfig(architecture="resnet", minibatch_std=True, **config))


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("conditional", [False, True])
@pytest.mark.parametrize("spectral_norm", [False, True])
def test_extra_layers_are_3x3_convolutions_at_the_smallest_map(size, conditional, spectral_norm):
    config = dict(image_size=size, channels=1, latent_dim=8, generator_width=4, discriminator_width=4,
                  conditional=conditional, num_classes=10, spectral_norm=spectral_norm)
    plain, extra = build_model(GANConfig(**config)), build_model(GANConfig(extra_layers=2, **config))
    base = 7 if size == 28 else 4
    maps = []
    for module in (extra.generator, extra.discriminator):
        convs = [m for m in module.modules() if isinstance(m, torch.nn.Conv2d) and m.kernel_size == (3, 3)]
        assert len(convs) == 2 and all(c.in_channels == c.out_channels and c.stride == (1, 1) for c in convs)
        convs[0].register_forward_hook(lambda _, args, out: maps.append(out.shape[-2:]))
    d_convs = [m for m in extra.discriminator.features if isinstance(m, torch.nn.Conv2d)]
    assert all(is_parametrized(m, "weight") == spectral_norm for m in d_convs)
    # Each extra D convolution is followed by the norm and the activation, as D's other layers are.
    kinds = [type(m).__name__ for m in extra.discriminator.features][-6:]
    assert kinds == [type(d_convs[-1]).__name__, "BatchNorm2d", "LeakyReLU"] * 2
    assert all(norm.num_classes == (10 if conditional else None) for norm in extra.generator.extra_norms)
    labels = torch.arange(3) if conditional else None
    images = extra.generator(torch.randn(3, 8), labels)
    assert images.shape == plain.generator(torch.randn(3, 8), labels).shape == (3, 1, size, size)
    assert extra.discriminator(images, labels).shape == (3,)
    assert maps == [(base, base), (base, base)]


def test_extra_layers_are_refused_where_they_do_not_exist():
    with pytest.raises(ConfigError, match="extra_layers"):
        build_model(GANConfig(architecture="resnet", extra_layers=1, image_size=28, channels=1))
    with pytest.raises(ConfigError, match="0 or more"):
        build_model(GANConfig(extra_layers=-1, image_size=28, channels=1))


def test_diffaugment_keeps_the_memory_layout_it_is_given():
    from genforge.models.gan.diffaugment import diff_augment, parse_policy

    images = torch.randn(4, 3, 8, 8)
    nhwc = images.contiguous(memory_format=torch.channels_last)
    assert diff_augment(nhwc, []) is nhwc, "no policy: no copy"
    out = diff_augment(nhwc, parse_policy("translation,cutout,color"))
    assert out.is_contiguous(memory_format=torch.channels_last) and not out.is_contiguous()
    assert diff_augment(images, parse_policy("translation")).is_contiguous()
