"""Notes on a grid: what every music representation converts to and from.

A piece is a list of `Note(pitch, start, end)` with `start` and `end` in grid steps (a 16th note is
one step at 4 steps per quarter note; JSB's quarter-note frames are one step at 1), `end` exclusive.
Pitches are MIDI numbers; the 88 keys of a piano (A0 = 21 .. C8 = 108) are what every model sees,
as MusicVAE's melody converter and the JSB piano rolls use them.
"""

from __future__ import annotations

from typing import NamedTuple

LOWEST_PITCH, HIGHEST_PITCH = 21, 108
KEYS = HIGHEST_PITCH - LOWEST_PITCH + 1  # 88


class Note(NamedTuple):
    pitch: int
    start: int
    end: int
    velocity: int = 80


def in_range(pitch: int) -> bool:
    return LOWEST_PITCH <= pitch <= HIGHEST_PITCH


def keep_keys(notes: list[Note]) -> tuple[list[Note], int]:
    """The notes on the 88 keys, and how many fell outside them (dropped, and counted by the caller)."""
    kept = [note for note in notes if in_range(note.pitch) and note.end > note.start]
    return kept, len(notes) - len(kept)


def transposition_range(pitches, limit: int) -> tuple[int, int]:
    """The shifts in [-limit, limit] that keep every pitch on the 88 keys (MusicVAE transposes by up to
    5 semitones each way; a melody near the edge of the keyboard gets a narrower range)."""
    pitches = list(pitches)
    if not pitches:
        return -limit, limit
    return max(-limit, LOWEST_PITCH - min(pitches)), min(limit, HIGHEST_PITCH - max(pitches))
