"""Semantic inpainting with any trained GAN or VAE (Yeh et al. 2017): the known pixels stay the
input's, the context weights favour the pixels next to the hole, Poisson blending continues a
constant image exactly, and the latent search lowers the context loss from its start."""

import torch

from genforge.models import build_model
from genforge.models.gan import GANConfig
from genforge.models.latent_inpainting import context_loss, context_weights, poisson_blend, search_latents
from genforge.models.vae import VAEConfig


def centre_holes(n: int = 2, size: int = 28) -> torch.Tensor:
    holes = torch.zeros(n, 1, size, size)
    holes[..., 9:19, 9:19] = 1
    return holes


def test_context_weights_are_zero_in_the_hole_and_far_from_it_and_largest_at_its_edge():
    weights = context_weights(centre_holes(1))[0, 0]
    assert weights[9:19, 9:19].eq(0).all() and weights[0, 0] == 0 and weights[27, 27] == 0
    assert weights[8, 14] > weights[6, 14] > 0 and weights[5, 14] == 0  # a 7x7 window: 3 pixels each way


def test_poisson_blending_continues_a_constant_image_and_keeps_the_known_pixels():
    images = torch.full((1, 1, 28, 28), 0.4)
    holes = centre_holes(1)
    images = images * (1 - holes)  # the hole's contents are unknown
    generated = torch.rand(1, 1, 28, 28) * 0.01 + 0.4  # nearly flat guidance
    blended = poisson_blend(images, holes, generated, steps=2000)
    assert torch.equal(blended[holes == 0], images[holes == 0])
    assert torch.allclose(blended, torch.full_like(blended, 0.4), atol=0.02)


def test_the_search_lowers_the_context_loss_of_a_generator():
    torch.manual_seed(0)
    gan = build_model(GANConfig(image_size=28, channels=1, latent_dim=4, generator_width=4, discriminator_width=4)).eval()
    with torch.no_grad():
        target = gan.decoded(torch.randn(2, 4))
    holes = centre_holes()
    weights = context_weights(holes)
    generator = torch.Generator().manual_seed(1)
    start = torch.randn((2, 4), generator=torch.Generator().manual_seed(1))
    for parameter in gan.parameters():
        parameter.requires_grad_(False)
    found = search_latents(gan.decoded, gan.latent_prior_loss, 0.0, (4,), target, holes, generator)
    with torch.no_grad():
        assert (context_loss(gan.decoded(found), target, weights) < context_loss(gan.decoded(start), target, weights)).all()


def test_a_gan_and_a_vae_inpaint_and_keep_every_known_pixel():
    images = torch.rand(2, 1, 28, 28) * 2 - 1
    holes = centre_holes()
    for config in (GANConfig(image_size=28, channels=1, latent_dim=4, generator_width=4, discriminator_width=4),
                   VAEConfig(image_size=28, channels=1, latent_dim=4, width=4)):
        model = build_model(config)
        assert model.capabilities.inpaint
        completed = model.inpaint(images, holes)
        known = holes.expand_as(images) == 0
        assert completed.shape == images.shape and torch.allclose(completed[known], images[known], atol=1e-6)
        assert all(p.requires_grad for p in model.parameters()) and model.training  # left as it was
