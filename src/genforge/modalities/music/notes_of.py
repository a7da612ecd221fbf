"""The notes of music Samples, whatever their representation (melody events, piano rolls or four-voice
grids)."""

from __future__ import annotations

from ...data.music.events import events_to_notes
from ...data.music.notes import Note
from ...data.music.pianoroll import roll_to_notes
from ...data.music.voices import grid_to_voices


def sample_notes(samples) -> list[list[Note]]:
    """Each sample's notes on its grid (samples.conditioning says the representation)."""
    representation = samples.conditioning.get("representation")
    if representation == "pianoroll":
        return [roll_to_notes(roll.cpu().numpy()) for roll in samples.values]
    if representation == "voices":  # the four voices together, in time order
        return [sorted((n for voice in grid_to_voices(grid.cpu().numpy()) for n in voice), key=lambda n: (n.start, -n.pitch))
                for grid in samples.values]
    return [events_to_notes(events.tolist()) for events in samples.values]


def in_a_row(pieces: list[list[Note]], steps: list[int], gap: int) -> list[Note]:
    """The pieces one after another, `gap` steps of silence between them."""
    joined, offset = [], 0
    for notes, length in zip(pieces, steps):
        joined += [note._replace(start=note.start + offset, end=note.end + offset) for note in notes]
        offset += length + gap
    return joined
