"""What an image-to-image task is given in place of the image (float images in [-1, 1], (N, C, H, W)).

- super-resolution: the image downsampled by `factor` with antialiased bicubic interpolation
  (`torch.nn.functional.interpolate(mode="bicubic", antialias=True)`, the same kernel as PIL's
  `Image.resize(BICUBIC)` and MATLAB's `imresize`, a = -0.5), then brought back to the full size with
  plain bicubic interpolation, so that a network sees an input of the output's size (SRCNN's setting,
  Dong et al. 2014). The bicubic baseline is that input itself. Results depend on the resize: these
  are not OpenCV's `INTER_CUBIC` (a = -0.75, no antialiasing).
- edges: Canny's edges of the luminance (kornia's `canny`, thresholds 0.1 and 0.2 on [0, 1]
  gradients), as pix2pix's edges2shoes was made (with HED there; Canny here: no weights to download);
- colourise: the luminance (ITU-R BT.601 weights), one channel.
"""

from __future__ import annotations

import torch
import torch.nn.functional as F

LUMA = (0.299, 0.587, 0.114)  # ITU-R BT.601, as PIL's convert("L") and the SR papers' Y channel


def downsampled(images: torch.Tensor, factor: int) -> torch.Tensor:
    size = images.shape[-1] // factor
    return F.interpolate(images, size=(size, size), mode="bicubic", antialias=True, align_corners=False)


def upsampled(images: torch.Tensor, size: int) -> torch.Tensor:
    return F.interpolate(images, size=(size, size), mode="bicubic", align_corners=False).clamp(-1, 1)


def bicubic_round_trip(images: torch.Tensor, factor: int) -> torch.Tensor:
    return upsampled(downsampled(images, factor), images.shape[-1])


def luminance(images: torch.Tensor) -> torch.Tensor:
    """(N, 1, H, W): the BT.601 luminance of RGB images; grey images are their own."""
    if images.shape[1] == 1:
        return images
    weights = torch.tensor(LUMA, device=images.device, dtype=images.dtype).view(1, 3, 1, 1)
    return (images * weights).sum(1, keepdim=True)


def edge_map(images: torch.Tensor) -> torch.Tensor:
    """(N, 1, H, W) in {-1, 1}: 1 on Canny's edges of the luminance."""
    import kornia

    unit = (luminance(images) + 1) / 2
    _, edges = kornia.filters.canny(unit, low_threshold=0.1, high_threshold=0.2)
    return edges * 2 - 1
