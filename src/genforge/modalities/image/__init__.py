"""The image modality: uint8 (N, C, H, W) samples, written as PNG grids or .npz arrays, previewed
as fixed-noise grids beside real images, counted in images per second."""

from .modality import ImageModality

__all__ = ["ImageModality"]
