"""Piano rolls: a piece as frames x 88 keys, 1 where a key sounds (the JSB benchmark's format:
Boulanger-Lewandowski et al. 2012). A roll keeps which keys sound, not where a note starts, so
rolls -> notes joins a key's consecutive frames into one note; notes -> rolls -> notes is exact for
notes that never restart a key the step the same key ends."""

from __future__ import annotations

import numpy as np

from .notes import KEYS, LOWEST_PITCH, Note, in_range


def frames_to_roll(frames: list[list[int]]) -> np.ndarray:
    """JSB's format (each frame the list of sounding MIDI pitches) as a uint8 roll (frames, 88)."""
    roll = np.zeros((len(frames), KEYS), dtype=np.uint8)
    for index, pitches in enumerate(frames):
        for pitch in pitches:
            if in_range(int(pitch)):
                roll[index, int(pitch) - LOWEST_PITCH] = 1
    return roll


def notes_to_roll(notes: list[Note], length: int | None = None) -> np.ndarray:
    length = length if length is not None else max((note.end for note in notes), default=0)
    roll = np.zeros((length, KEYS), dtype=np.uint8)
    for note in notes:
        if in_range(note.pitch):
            roll[note.start:min(note.end, length), note.pitch - LOWEST_PITCH] = 1
    return roll


def roll_to_notes(roll, velocity: int = 80) -> list[Note]:
    roll = np.asarray(roll) > 0
    padded = np.concatenate([np.zeros((1, roll.shape[1]), bool), roll, np.zeros((1, roll.shape[1]), bool)])
    changes = np.diff(padded.astype(np.int8), axis=0)
    notes = []
    for key in range(roll.shape[1]):
        starts, ends = np.flatnonzero(changes[:, key] == 1), np.flatnonzero(changes[:, key] == -1)
        notes += [Note(LOWEST_PITCH + key, int(s), int(e), velocity) for s, e in zip(starts, ends)]
    return sorted(notes, key=lambda note: (note.start, note.pitch))

