"""pix2pix's networks: the PatchGAN's (pix2pix's and CycleGAN's) receptive field is what its name says (the input pixels that
reach one output cell, by the gradient), the U-Net keeps the image size at every supported size, and
the L1-only U-Net has no discriminator."""

import pytest
import torch

from genforge.models import build_model
from genforge.models.pix2pix.config import Pix2PixConfig, UNetL1Config
from genforge.models.patch_gan import PatchDiscriminator, patch_layers_for, patch_receptive_field
from genforge.models.pix2pix.networks import UNet


@pytest.mark.parametrize("layers, field", [(1, 16), (2, 34), (3, 70)])
def test_the_patchgan_sees_its_receptive_field(layers, field):
    torch.manual_seed(0)
    discriminator = PatchDiscriminator(1, width=4, layers=layers).eval()
    for parameter in discriminator.parameters():
        parameter.data.abs_()  # no cancellation: every pixel the cell can see moves it
    size = 160
    image = torch.rand(1, 1, size, size, requires_grad=True)
    out = discriminator(image)
    out[0, 0, out.shape[2] // 2, out.shape[3] // 2].backward()
    rows = image.grad[0, 0].abs().sum(1).nonzero()
    assert patch_receptive_field(layers) == field == int(rows.max() - rows.min() + 1)


def test_the_patch_is_scaled_to_the_image_size():
    assert patch_layers_for(256) == 3 and patch_receptive_field(patch_layers_for(28)) == 16
    assert patch_receptive_field(patch_layers_for(128)) == 34


@pytest.mark.parametrize("size", [28, 32, 64])
def test_the_unet_keeps_the_image_size(size):
    net = UNet(4, 3, size, width=4)
    assert net(torch.rand(2, 4, size, size)).shape == (2, 3, size, size)


def test_pix2pix_declares_the_capability_of_its_task_and_unet_l1_has_no_discriminator():
    common = dict(image_size=28, channels=1, source_channels=1, width=4, discriminator_width=4)
    upscaler = build_model(Pix2PixConfig(task="super-resolution", factor=4, **common))
    assert upscaler.capabilities.upscale and not upscaler.capabilities.sample and upscaler.receptive_field == 16
    plain = build_model(UNetL1Config(task="inpaint", **{**common, "source_channels": 2}))
    assert plain.discriminator is None and plain.capabilities.inpaint
    assert set(plain.build_optimizers()) == {"generator"}
