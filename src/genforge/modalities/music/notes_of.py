"""The notes of music Samples, whatever their representation (melody events or piano rolls)."""

from __future__ import annotations

from ...data.music.events import events_to_notes
from ...data.music.notes import Note
from ...data.music.pianoroll import roll_to_notes


def sample_notes(samples) -> list[list[Note]]:
    """Each sample's notes on its grid (samples.conditioning says the representation)."""
    if samples.conditioning.get("representation") == "pianoroll":
        return [roll_to_notes(roll.cpu().numpy()) for roll in samples.values]
    return [events_to_notes(events.tolist()) for events in samples.values]


def in_a_row(pieces: list[list[Note]], steps: list[int], gap: int) -> list[Note]:
    """The pieces one after another, `gap` steps of silence between them."""
    joined, offset = [], 0
    for notes, length in zip(pieces, steps):
        joined += [note._replace(start=note.start + offset, end=note.end + offset) for note in notes]
        offset += length + gap
    return joined
