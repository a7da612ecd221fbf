"""`genforge inpaint | upscale | translate RUN`: a run's model on the user's pictures, one file or a
folder of them (a progress bar), each result written whole or not at all.

An input of another channel count than the model's is converted (RGB to grey by BT.601 luminance,
grey to RGB by repetition) and that is said once; an input of another size is refused in one line
(the networks are fully convolutional, but they were trained at one size and a PatchGAN's patch is a
share of it: genforge does not tile).
"""

from __future__ import annotations

import io
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from PIL import Image, UnidentifiedImageError
from tqdm import tqdm

from ...core.capabilities import require
from ...core.errors import DataError, GenforgeError
from ...core.storage import write_bytes_atomically
from ...data.image.transforms import from_signed_unit
from ..loading import load

PICTURES = (".png", ".jpg", ".jpeg", ".bmp", ".webp")


@dataclass
class Conversions:
    """What was converted, said once per command."""

    said: set

    def say(self, message: str) -> None:
        if message not in self.said:
            self.said.add(message)
            print(f"genforge: warning: {message}", file=sys.stderr)


def read_picture(path: Path, channels: int, conversions: Conversions) -> torch.Tensor:
    """(1, channels, H, W) in [-1, 1]."""
    try:
        picture = Image.open(path)
        picture.load()
    except (OSError, UnidentifiedImageError) as error:
        raise DataError(f"{path}: not a readable picture ({error})") from None
    mode = "L" if channels == 1 else "RGB"
    if picture.mode != mode:
        if (picture.mode in ("L", "LA", "I", "1")) != (mode == "L"):
            conversions.say(f"converting the input to {'grey (BT.601 luminance)' if mode == 'L' else 'RGB'}: "
                            f"the model works on {channels}-channel images")
        picture = picture.convert(mode)
    array = np.asarray(picture, dtype=np.float32)
    array = array[None] if array.ndim == 2 else np.moveaxis(array, -1, 0)
    return torch.from_numpy(array)[None] / 127.5 - 1


def read_mask(path: Path, size: tuple[int, int]) -> torch.Tensor:
    """(1, 1, H, W): 1 where the picture is white (> half), the hole."""
    try:
        picture = Image.open(path).convert("L")
    except (OSError, UnidentifiedImageError) as error:
        raise DataError(f"--mask {path}: not a readable picture ({error})") from None
    if picture.size != (size[1], size[0]):
        raise DataError(f"--mask {path} is {picture.size[0]}x{picture.size[1]}; the image is {size[1]}x{size[0]}")
    return torch.from_numpy((np.asarray(picture) > 127).astype(np.float32))[None, None]


def box_mask(box: str, size: tuple[int, int]) -> torch.Tensor:
    try:
        x, y, w, h = (int(part) for part in box.split(","))
    except ValueError:
        raise DataError(f"--box takes x,y,w,h in pixels, got {box!r}") from None
    if w <= 0 or h <= 0 or x < 0 or y < 0 or x + w > size[1] or y + h > size[0]:
        raise DataError(f"--box {box} does not lie inside the {size[1]}x{size[0]} image")
    mask = torch.zeros(1, 1, *size)
    mask[..., y:y + h, x:x + w] = 1
    return mask


def checked_hole(mask: torch.Tensor, where: str) -> torch.Tensor:
    if not mask.any():
        raise DataError(f"{where} has no hole (no white pixel): nothing to inpaint")
    if mask.all():
        raise DataError(f"{where} is all hole (every pixel white): nothing is known to inpaint from")
    return mask


def png_bytes(image: torch.Tensor) -> bytes:
    array = from_signed_unit(image[0]).numpy()
    picture = Image.fromarray(array[0] if array.shape[0] == 1 else np.moveaxis(array, 0, -1))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    return buffer.getvalue()


def pairs_of_files(image: str | None, images: str | None, out: str) -> list[tuple[Path, Path]]:
    """(input, output) paths: one file, or every picture of a folder into a folder of the same names."""
    if (image is None) == (images is None):
        raise GenforgeError("give one picture (--image FILE) or a folder of them (--images FOLDER)")
    if image is not None:
        if not Path(image).is_file():
            raise DataError(f"--image {image}: no such file")
        return [(Path(image), Path(out))]
    folder = Path(images)
    if not folder.is_dir():
        raise DataError(f"--images {images}: no such folder")
    found = sorted(p for p in folder.iterdir() if p.suffix.lower() in PICTURES)
    if not found:
        raise DataError(f"--images {images} holds no picture ({', '.join(PICTURES)})")
    if Path(out).exists() and not Path(out).is_dir():
        raise GenforgeError(f"--out {out} is a file; a folder of inputs goes to a folder")
    return [(path, Path(out) / (path.stem + ".png")) for path in found]


def run_tool(run: str, capability: str, command: str, files: list[tuple[Path, Path]],
             apply: Callable[[object, torch.Tensor, Path], torch.Tensor], checkpoint=None) -> int:
    """`apply(model, image, input path)` on each picture, written as PNG; the count written."""
    model = load(run, checkpoint=checkpoint)
    require(model, capability, command, run)
    conversions = Conversions(set())
    channels = model.config.channels
    for source, target in tqdm(files, unit="image", desc=command.strip("`"), disable=None if len(files) > 1 else True):
        result = apply(model, read_picture(source, channels, conversions), source)
        target.parent.mkdir(parents=True, exist_ok=True)
        write_bytes_atomically(target, png_bytes(result), f"the {capability} of {source.name}")
    return len(files)


def inpaint_files(run: str, files, mask: str | None, box: str | None, checkpoint=None) -> int:
    if (mask is None) == (box is None):
        raise GenforgeError("give the hole as a picture (--mask FILE, white = hole) or a box (--box x,y,w,h)")

    def apply(model, image, path):
        size = tuple(image.shape[-2:])
        hole = read_mask(Path(mask), size) if mask else box_mask(box, size)
        return model.inpaint(image, checked_hole(hole, f"the hole of {path.name}"))

    return run_tool(run, "inpaint", "`genforge inpaint`", files, apply, checkpoint)


def upscale_files(run: str, files, checkpoint=None) -> int:
    return run_tool(run, "upscale", "`genforge upscale`", files, lambda model, image, path: model.upscale(image),
                    checkpoint)


def translate_files(run: str, files, direction: str, checkpoint=None) -> int:
    return run_tool(run, "translate", "`genforge translate`", files,
                    lambda model, image, path: model.translate(image, direction), checkpoint)
