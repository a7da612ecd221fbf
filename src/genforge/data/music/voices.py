"""Four-voice (SATB) grids for chorales: a piece as steps x 4 (soprano, alto, tenor, bass), each the
MIDI pitch that voice sounds at that step or -1 for silence (Coconet's format, Huang et al. 2017).
A grid keeps which pitch each voice holds, not where a held note restarts: grid -> notes joins a
voice's equal consecutive steps into one note."""

from __future__ import annotations

import numpy as np

from .notes import KEYS, LOWEST_PITCH, Note

SILENCE = -1
VOICES = ("soprano", "alto", "tenor", "bass")


def voices_to_grid(voices: list[list[Note]], length: int | None = None) -> np.ndarray:
    """(steps, 4) int64; where a voice's notes overlap, the later onset wins."""
    length = length if length is not None else max((n.end for voice in voices for n in voice), default=0)
    grid = np.full((length, len(VOICES)), SILENCE, dtype=np.int64)
    for column, voice in enumerate(voices[:len(VOICES)]):
        for note in sorted(voice, key=lambda n: n.start):
            grid[note.start:min(note.end, length), column] = note.pitch
    return grid


def grid_to_voices(grid: np.ndarray, velocity: int = 80) -> list[list[Note]]:
    voices = []
    for column in range(grid.shape[1]):
        notes, pitch, start = [], SILENCE, 0
        for step, value in enumerate([*grid[:, column].tolist(), SILENCE]):
            if value != pitch:
                if pitch != SILENCE:
                    notes.append(Note(int(pitch), start, step, velocity))
                pitch, start = value, step
        voices.append(notes)
    return voices


def grid_to_rolls(grid: np.ndarray) -> np.ndarray:
    """(steps, voices) -> (voices, steps, 88): a piano roll per voice."""
    rolls = np.zeros((grid.shape[1], grid.shape[0], KEYS), dtype=np.uint8)
    steps, voices = np.nonzero(grid != SILENCE)
    rolls[voices, steps, grid[steps, voices] - LOWEST_PITCH] = 1
    return rolls
