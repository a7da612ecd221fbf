"""Decoding one photo into a fixed-size uint8 array: the crop and resize policy of photo datasets.

Policies (`data.resize`), after the optional centre square `data.crop`:
  center-crop  the shorter side is scaled to the size, then the middle square is kept (the
               StyleGAN2-ADA dataset tool's default, and what CelebA recipes do after the 178 crop)
  stretch      both sides are scaled to the size, ignoring the aspect ratio
  pad          the longer side is scaled to the size and the rest is filled with black
Downscaling uses Lanczos filtering, which anti-aliases; upscaling uses bicubic.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from dataclasses import asdict, dataclass

import numpy as np
from PIL import Image, ImageOps, UnidentifiedImageError

from ...core.errors import ConfigError
from .photo_files import PhotoEntry

PHOTO_SUFFIXES = (".jpg", ".jpeg", ".png", ".webp")
RESIZE_POLICIES = ("center-crop", "stretch", "pad")


class UnusablePhoto(Exception):
    """A file that cannot become a training image; the message says why."""


def _resample(old: tuple[int, int], new: tuple[int, int]) -> Image.Resampling:
    shrinking = new[0] < old[0] or new[1] < old[1]
    return Image.Resampling.LANCZOS if shrinking else Image.Resampling.BICUBIC


def _scaled(image: Image.Image, width: int, height: int) -> Image.Image:
    size = (max(1, width), max(1, height))
    return image if image.size == size else image.resize(size, _resample(image.size, size))


def centre_square(image: Image.Image, side: int) -> Image.Image:
    side = min(side, *image.size)
    left, top = (image.width - side) // 2, (image.height - side) // 2
    return image.crop((left, top, left + side, top + side))


BACKGROUNDS = {"white": (255, 255, 255), "black": (0, 0, 0)}


def parse_background(text: str) -> tuple[int, int, int]:
    """white, black or #rrggbb: the colour transparent pixels are composited over."""
    if text in BACKGROUNDS:
        return BACKGROUNDS[text]
    if re.fullmatch(r"#[0-9a-fA-F]{6}", text):
        return tuple(int(text[i:i + 2], 16) for i in (1, 3, 5))  # type: ignore[return-value]
    raise ConfigError(f"data.background must be white, black or #rrggbb, got {text!r}")


@dataclass(frozen=True)
class PhotoTransform:
    size: int
    channels: int = 3
    crop: int | None = None
    resize: str = "center-crop"
    background: tuple[int, int, int] = (255, 255, 255)  # under transparent pixels (icons, logos, cut-outs)

    def __post_init__(self) -> None:
        if self.size < 4:
            raise ConfigError(f"data.image_size must be at least 4, got {self.size}")
        if self.channels not in (1, 3):
            raise ConfigError(f"data.channels must be 1 (grayscale) or 3 (RGB), got {self.channels}")
        if self.crop is not None and self.crop < 1:
            raise ConfigError(f"data.crop must be positive, got {self.crop}")
        if self.resize not in RESIZE_POLICIES:
            raise ConfigError(f"data.resize must be one of {', '.join(RESIZE_POLICIES)}, got {self.resize!r}")

    def describe(self) -> dict:
        return asdict(self)

    @property
    def shape(self) -> tuple[int, int, int]:
        return (self.channels, self.size, self.size)

    def fit(self, image: Image.Image) -> Image.Image:
        if self.crop is not None:
            image = centre_square(image, self.crop)
        side, (width, height) = self.size, image.size
        if self.resize == "stretch":
            return _scaled(image, side, side)
        if self.resize == "pad":
            scale = side / max(width, height)
            inner = _scaled(image, round(width * scale), round(height * scale))
            canvas = Image.new(image.mode, (side, side))
            canvas.paste(inner, ((side - inner.width) // 2, (side - inner.height) // 2))
            return canvas
        scale = side / min(width, height)
        return centre_square(_scaled(image, round(width * scale), round(height * scale)), side)

    def __call__(self, photo: PhotoEntry) -> np.ndarray:
        """uint8 (C, H, W) for the photo; UnusablePhoto when it cannot be used."""
        return self.decode(photo)[0]

    def decode(self, photo: PhotoEntry) -> tuple[np.ndarray, bool]:
        """(uint8 (C, H, W), whether the photo had transparent pixels)."""
        image, transparent = read_photo(photo, self.background)
        image = image.convert("L" if self.channels == 1 else "RGB")
        array = np.asarray(self.fit(image), dtype=np.uint8)
        return (array[None] if array.ndim == 2 else array.transpose(2, 0, 1)), transparent


@contextmanager
def unusable_on_failure():
    """Any failure to read a photo becomes UnusablePhoto with a one-line reason."""
    try:
        yield
    except UnusablePhoto:
        raise
    except UnidentifiedImageError:
        raise UnusablePhoto("not an image PIL can read") from None
    except Image.DecompressionBombError:
        raise UnusablePhoto("too many pixels (decompression bomb guard)") from None
    except Exception as error:  # noqa: BLE001  (Pillow's decoders raise many types on corrupt files)
        raise UnusablePhoto(f"unreadable ({first_line(error)})") from None


@contextmanager
def opened_photo(photo: PhotoEntry):
    """The photo opened by PIL (header read, pixels not yet decoded), inside unusable_on_failure."""
    with unusable_on_failure():
        if photo.size() == 0:
            raise UnusablePhoto("empty file")
        with photo.open() as stream, Image.open(stream) as image:
            yield image


def check_header(photo: PhotoEntry) -> None:
    """UnusablePhoto unless the photo is non-empty and its header is readable (nothing is decoded)."""
    with opened_photo(photo):
        pass


def read_photo(photo: PhotoEntry, background: tuple[int, int, int] = (255, 255, 255)) -> tuple[Image.Image, bool]:
    """The fully decoded picture, and whether it had transparent pixels (composited over
    `background`, rather than dropping the alpha, which turns dark glyphs on transparent pixels into
    black squares); empty, truncated, unreadable or non-image files raise UnusablePhoto."""
    with opened_photo(photo) as opened:
        opened.load()  # decode now: truncation only shows here
        image = ImageOps.exif_transpose(opened)  # phone photos stand the way they were taken
        if image.mode in ("I", "I;16", "I;16B", "I;16L"):
            return sixteen_bit_to_gray(image), False
        if image.mode in ("RGBA", "LA", "PA", "RGBa", "La") or "transparency" in image.info:
            image = image.convert("RGBA")
            if image.getextrema()[3][0] == 255:  # an alpha channel, but every pixel opaque
                return image.convert("RGB"), False
            under = Image.new("RGBA", image.size, (*background, 255))
            return Image.alpha_composite(under, image).convert("RGB"), True
        return image, False  # exif_transpose returned a copy: it outlives the file


def first_line(error: BaseException) -> str:
    lines = str(error).splitlines()
    return lines[0] if lines else type(error).__name__


def sixteen_bit_to_gray(image: Image.Image) -> Image.Image:
    """16- or 32-bit gray (e.g. 16-bit PNG) scaled to 8 bits, rather than clipped at 255."""
    values = np.asarray(image, dtype=np.float64)
    if values.max(initial=0) > 255:
        values = values / 257.0  # 65535 -> 255
    return Image.fromarray(np.clip(np.rint(values), 0, 255).astype(np.uint8), "L")
