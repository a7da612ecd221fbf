"""Sample grids and the real-versus-generated side-by-side image, written as PNG."""

from __future__ import annotations

import io
import math
from pathlib import Path

import torch
from PIL import Image, ImageDraw
from torchvision.utils import make_grid

from ...core.storage import write_bytes_atomically

LABEL_HEIGHT = 18


def grid_image(images: torch.Tensor, columns: int | None = None, scale: int = 1) -> Image.Image:
    """uint8 (N, C, H, W) -> one PIL image of the tiles, `scale` times larger (nearest neighbour)."""
    columns = columns or math.ceil(math.sqrt(images.shape[0]))
    grid = make_grid(images, nrow=columns, padding=2, pad_value=0)
    picture = Image.fromarray(grid.permute(1, 2, 0).numpy())
    if images.shape[1] == 1:
        picture = picture.convert("L")
    if scale > 1:
        picture = picture.resize((picture.width * scale, picture.height * scale), Image.NEAREST)
    return picture


def class_rows(num_classes: int, n: int) -> tuple[torch.Tensor, int]:
    """Labels for a grid with one row per class: (labels, images per row)."""
    per_row = max(1, n // num_classes)
    return torch.arange(num_classes).repeat_interleave(per_row), per_row


def display_scale(image_size: int) -> int:
    """Small images are enlarged so a grid of them is readable."""
    return max(1, 96 // image_size)


def grid_png(images: torch.Tensor, columns: int | None = None) -> bytes:
    """A grid as PNG bytes (for inlining in HTML)."""
    buffer = io.BytesIO()
    grid_image(images, columns, display_scale(images.shape[-1])).save(buffer, format="PNG")
    return buffer.getvalue()


def save_picture(picture: Image.Image, path: str | Path, what: str) -> Path:
    """A PNG written atomically; a full disk is one StorageError line (storage.py)."""
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    write_bytes_atomically(Path(path), buffer.getvalue(), what)
    return Path(path)


def save_grid(images: torch.Tensor, path: str | Path, columns: int | None = None) -> Path:
    return save_picture(grid_image(images, columns, display_scale(images.shape[-1])), path, "a sample grid")


def save_side_by_side(panels: dict[str, torch.Tensor], path: str | Path, columns: int | None = None) -> Path:
    """Labelled grids next to each other, e.g. {"real": ..., "generated": ...}."""
    pictures = {label: grid_image(images, columns, scale=display_scale(images.shape[-1])).convert("RGB")
                for label, images in panels.items()}
    gap = 16
    width = sum(p.width for p in pictures.values()) + gap * (len(pictures) - 1)
    height = max(p.height for p in pictures.values()) + LABEL_HEIGHT
    canvas = Image.new("RGB", (width, height), "white")
    draw = ImageDraw.Draw(canvas)
    x = 0
    for label, picture in pictures.items():
        draw.text((x + 4, 3), label, fill="black")
        canvas.paste(picture, (x, LABEL_HEIGHT))
        x += picture.width + gap
    return save_picture(canvas, path, "the real-and-generated picture")


def rows_above(top: torch.Tensor, bottom: torch.Tensor, columns: int) -> torch.Tensor:
    """Interleave two image sets by rows: a row of `top`, the matching row of `bottom`, and so on."""
    rows = []
    for start in range(0, top.shape[0], columns):
        rows += [top[start:start + columns], bottom[start:start + columns]]
    return torch.cat(rows)
