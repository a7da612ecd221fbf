"""Figures of image-to-image outputs against their targets, as the super-resolution and inpainting
papers report them:

- PSNR (dB) and SSIM through torchmetrics, on [0, 1] intensities with `data_range=1.0` passed (so the
  range is never guessed from the images), SSIM with a Gaussian window of sigma 1.5 and 11 taps (Wang
  et al. 2004; torchmetrics' default; scikit-image's `structural_similarity` defaults to a uniform 7x7
  window instead, which gives other numbers); for RGB images on the luminance (BT.601 Y, as SR papers
  report PSNR on Y); averaged over the images (PSNR per image, then the mean);
- for inpainting, the L1 distance inside the hole (mean absolute error on [0, 1] over hole pixels).
"""

from __future__ import annotations

import torch

from ...data.image.degradations import luminance


def unit(images: torch.Tensor) -> torch.Tensor:
    """[-1, 1] -> [0, 1], on the luminance for RGB."""
    return (luminance(images.float()) + 1) / 2


def psnr_per_image(output: torch.Tensor, target: torch.Tensor) -> torch.Tensor:
    from torchmetrics.functional.image import peak_signal_noise_ratio

    return peak_signal_noise_ratio(unit(output), unit(target), data_range=1.0, reduction="none", dim=(1, 2, 3))


def ssim_mean(output: torch.Tensor, target: torch.Tensor) -> float:
    from torchmetrics.functional.image import structural_similarity_index_measure

    return float(structural_similarity_index_measure(unit(output), unit(target), data_range=1.0, gaussian_kernel=True,
                                                     sigma=1.5, kernel_size=11))


def hole_l1(output: torch.Tensor, target: torch.Tensor, masks: torch.Tensor) -> float:
    difference = ((output - target).abs() / 2) * masks  # on [0, 1]
    return float(difference.sum() / (masks.sum() * output.shape[1]).clamp(min=1))


def paired_figures(output: torch.Tensor, target: torch.Tensor, masks: torch.Tensor | None = None) -> dict[str, float]:
    figures = {"PSNR (dB)": float(psnr_per_image(output, target).mean()), "SSIM": ssim_mean(output, target)}
    if masks is not None:
        figures["L1 in the hole"] = hole_l1(output, target, masks)
    return figures
