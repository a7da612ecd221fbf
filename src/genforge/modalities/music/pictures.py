"""Piano rolls as pictures: time left to right, the 88 keys bottom to top, a faint line at each bar
and at each C, so that a melody's shape and its octave can be read at a glance."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from ...data.music.notes import KEYS, LOWEST_PITCH, Note

PIXELS_PER_STEP, PIXELS_PER_KEY = 4, 3


def roll_picture(notes: list[Note], steps: int, steps_per_bar: int) -> np.ndarray:
    """RGB uint8 (88 * 3, steps * 4, 3)."""
    height, width = KEYS * PIXELS_PER_KEY, max(1, steps) * PIXELS_PER_STEP
    picture = np.full((height, width, 3), 255, dtype=np.uint8)
    for key in range(KEYS):
        if (LOWEST_PITCH + key) % 12 == 0:  # every C
            picture[height - (key + 1) * PIXELS_PER_KEY, :] = 235
    for bar in range(0, steps, max(1, steps_per_bar)):
        picture[:, bar * PIXELS_PER_STEP] = 210
    for note in notes:
        top = height - (note.pitch - LOWEST_PITCH + 1) * PIXELS_PER_KEY
        left, right = note.start * PIXELS_PER_STEP, min(width, note.end * PIXELS_PER_STEP)
        picture[top:top + PIXELS_PER_KEY, left:right] = (40, 90, 200)
        picture[top:top + PIXELS_PER_KEY, left:left + 1] = (10, 30, 110)  # the onset
    return picture


def png_bytes(picture: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(picture).save(buffer, format="PNG")
    return buffer.getvalue()


def stacked(pictures: list[np.ndarray], gap: int = 6) -> np.ndarray:
    """Pictures one above another, left-aligned, on white."""
    width = max(p.shape[1] for p in pictures)
    height = sum(p.shape[0] for p in pictures) + gap * (len(pictures) - 1)
    sheet = np.full((height, width, 3), 255, dtype=np.uint8)
    top = 0
    for picture in pictures:
        sheet[top:top + picture.shape[0], :picture.shape[1]] = picture
        top += picture.shape[0] + gap
    return sheet
