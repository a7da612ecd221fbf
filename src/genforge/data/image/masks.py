"""Inpainting holes: (N, 1, H, W) float masks, 1 in the hole and 0 where the pixel is known.

Three kinds, each a pure function of one seed per image (drawn from the batch schedule's per-item
stream, so a resumed run cuts the same holes), each covering a requested fraction of the image:

- `centre`: the centred square of that area (Pathak et al. 2016's context-encoder holes);
- `rectangles`: axis-aligned rectangles at random places, added until the fraction is reached;
- `strokes`: free-form brush strokes drawn as DeepFill v2 draws them (Yu et al. 2019, Algorithm 1:
  a random start, up to `MAX_VERTICES` segments of random angle and length, each a thick line with
  round joints), strokes added until the fraction is reached.

Rectangles and strokes stop at the first shape that reaches the fraction, so they cover at least it,
and at most it plus the last shape's area.
"""

from __future__ import annotations

import math

import torch

from ...core.registry import Registry

MASKS: Registry = Registry("mask")
MAX_VERTICES = 8  # DeepFill v2's maxVertex for its free-form masks
MAX_SHAPES = 64  # a bound on the loop; never reached at hole fractions below 0.9


def hole_masks(kind: str, seeds: torch.Tensor, size: int, fraction: float) -> torch.Tensor:
    """(len(seeds), 1, size, size): one mask of `kind` per seed."""
    draw = MASKS.get(kind)
    return torch.stack([draw(torch.Generator().manual_seed(int(seed)), size, fraction)[None] for seed in seeds])


@MASKS.register("centre")
def centre(generator: torch.Generator, size: int, fraction: float) -> torch.Tensor:
    side = max(1, round(size * math.sqrt(fraction)))
    start = (size - side) // 2
    mask = torch.zeros(size, size)
    mask[start:start + side, start:start + side] = 1
    return mask


@MASKS.register("rectangles")
def rectangles(generator: torch.Generator, size: int, fraction: float) -> torch.Tensor:
    mask = torch.zeros(size, size)
    for _ in range(MAX_SHAPES):
        if mask.mean() >= fraction:
            break
        height, width = (int(v) for v in torch.randint(max(1, size // 10), max(2, size // 2) + 1, (2,), generator=generator))
        top, left = (int(v) for v in torch.randint(0, size - min(height, size) + 1, (2,), generator=generator))
        mask[top:top + height, left:left + width] = 1
    return mask


@MASKS.register("strokes")
def strokes(generator: torch.Generator, size: int, fraction: float) -> torch.Tensor:
    rows, columns = torch.meshgrid(torch.arange(size, dtype=torch.float32), torch.arange(size, dtype=torch.float32),
                                   indexing="ij")
    mask = torch.zeros(size, size)
    max_length, max_width = size / 4, max(2.0, size / 10)  # DeepFill v2's 40 and 20 px at 256, scaled with the image
    for _ in range(MAX_SHAPES):
        if mask.mean() >= fraction:
            break
        point = torch.rand(2, generator=generator) * size
        vertices = 1 + int(torch.randint(0, MAX_VERTICES, (1,), generator=generator))
        width = 1 + float(torch.rand(1, generator=generator)) * (max_width - 1)
        for vertex in range(vertices):
            angle = float(torch.rand(1, generator=generator)) * 2 * math.pi
            angle = 2 * math.pi - angle if vertex % 2 == 0 else angle  # DeepFill's alternate turns
            length = 1 + float(torch.rand(1, generator=generator)) * (max_length - 1)
            end = (point + length * torch.tensor([math.sin(angle), math.cos(angle)])).clamp(0, size - 1)
            mask = torch.maximum(mask, thick_segment(rows, columns, point, end, width / 2))
            point = end
    return mask


def thick_segment(rows: torch.Tensor, columns: torch.Tensor, start: torch.Tensor, end: torch.Tensor,
                  radius: float) -> torch.Tensor:
    """1 where a pixel centre lies within `radius` of the segment (a line with round ends)."""
    direction = end - start
    span = float(direction.pow(2).sum())
    offset_r, offset_c = rows - start[0], columns - start[1]
    along = ((offset_r * direction[0] + offset_c * direction[1]) / span).clamp(0, 1) if span > 0 else torch.zeros_like(rows)
    distance = (offset_r - along * direction[0]).pow(2) + (offset_c - along * direction[1]).pow(2)
    return (distance <= radius * radius).float()
