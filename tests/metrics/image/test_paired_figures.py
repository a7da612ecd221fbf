"""PSNR and SSIM of image-to-image outputs: equal to hand-computed values on small arrays and to
torchmetrics' own, on [0, 1] with data_range 1; the L1 inside a hole counts the hole only."""

import math

import torch

from genforge.metrics.image.paired import hole_l1, paired_figures, psnr_per_image, ssim_mean


def test_psnr_of_a_constant_error_is_computed_by_hand():
    target = torch.zeros(1, 1, 8, 8) - 1  # 0 on [0, 1]
    output = target + 0.2  # 0.1 on [0, 1]: MSE 0.01, PSNR = 10 log10(1 / 0.01) = 20 dB
    assert math.isclose(float(psnr_per_image(output, target)[0]), 20.0, rel_tol=1e-6)


def test_ssim_of_an_image_with_itself_is_1_and_rgb_is_scored_on_the_luminance():
    torch.manual_seed(0)
    image = torch.rand(2, 3, 16, 16) * 2 - 1
    assert math.isclose(ssim_mean(image, image), 1.0, abs_tol=1e-6)
    from torchmetrics.functional.image import structural_similarity_index_measure

    other = (image + 0.1 * torch.randn_like(image)).clamp(-1, 1)
    weights = torch.tensor([0.299, 0.587, 0.114]).view(1, 3, 1, 1)
    y = lambda x: ((x * weights).sum(1, keepdim=True) + 1) / 2  # noqa: E731
    expected = structural_similarity_index_measure(y(other), y(image), data_range=1.0)
    assert abs(ssim_mean(other, image) - float(expected)) < 1e-6


def test_the_l1_in_the_hole_counts_only_the_hole():
    target = torch.zeros(1, 1, 16, 16)
    output = torch.ones(1, 1, 16, 16)  # an error of 1 on [-1, 1]: 0.5 on [0, 1]
    masks = torch.zeros(1, 1, 16, 16)
    masks[..., :4, :4] = 1
    output[..., 4:, 4:] = 5  # outside the hole: not counted
    assert math.isclose(hole_l1(output, target, masks), 0.5)
    assert set(paired_figures(output, target, masks)) == {"PSNR (dB)", "SSIM", "L1 in the hole"}
