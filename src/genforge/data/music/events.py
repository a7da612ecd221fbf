"""MusicVAE's melody events (Roberts et al. 2018, Sec. 5.1; Magenta's OneHotMelodyConverter): one
event per 16th-note step, 90 classes: 0 no event (the sounding note goes on, or silence goes on),
1 note-off, 2 + (pitch - 21) a note-on of one of the 88 keys. A melody is monophonic: where notes
overlap, the highest note starting at a step wins and cuts the one before it (Magenta's
`ignore_polyphonic_notes`), so events -> notes -> events is exact, and notes -> events is exact for
any monophonic line on the grid.
"""

from __future__ import annotations

import numpy as np

from .notes import LOWEST_PITCH, Note, in_range

NO_EVENT, NOTE_OFF, FIRST_PITCH_EVENT = 0, 1, 2
CLASSES = FIRST_PITCH_EVENT + 88  # 90


def pitch_event(pitch: int) -> int:
    return FIRST_PITCH_EVENT + pitch - LOWEST_PITCH


def event_pitch(event: int) -> int:
    return event - FIRST_PITCH_EVENT + LOWEST_PITCH


def monophonic(notes: list[Note]) -> list[Note]:
    """The melody line of `notes`: at each onset the highest note, each cut by the next onset."""
    by_onset: dict[int, Note] = {}
    for note in notes:
        if in_range(note.pitch) and note.end > note.start:
            best = by_onset.get(note.start)
            if best is None or note.pitch > best.pitch:
                by_onset[note.start] = note
    onsets = sorted(by_onset)
    line = []
    for index, start in enumerate(onsets):
        note = by_onset[start]
        end = min(note.end, onsets[index + 1]) if index + 1 < len(onsets) else note.end
        line.append(note._replace(end=end))
    return line


def notes_to_events(notes: list[Note], length: int | None = None) -> np.ndarray:
    """The event sequence of the melody line of `notes` (int64), `length` steps long (default: to the
    last note's end); a note running past the end is cut there."""
    line = monophonic(notes)
    length = length if length is not None else max((note.end for note in line), default=0)
    events = np.zeros(length, dtype=np.int64)
    for note in line:
        if note.start >= length:
            continue
        events[note.start] = pitch_event(note.pitch)
        if note.end < length and events[note.end] == NO_EVENT:
            events[note.end] = NOTE_OFF
    return events


def events_to_notes(events, velocity: int = 80) -> list[Note]:
    """The notes of an event sequence: each note-on sounds until the next note-on or note-off, or the end."""
    notes: list[Note] = []
    pitch = start = None
    for step, event in enumerate([int(e) for e in events] + [NOTE_OFF]):
        if event == NO_EVENT:
            continue
        if pitch is not None:
            notes.append(Note(pitch, start, step, velocity))
            pitch = None
        if event >= FIRST_PITCH_EVENT:
            pitch, start = event_pitch(event), step
    return notes


def windows(events: np.ndarray, steps: int, hop: int) -> list[np.ndarray]:
    """Every window of `steps` events starting at a multiple of `hop` (a bar) that holds a note-on, each
    starting on a clean slate: a note sounding into the window from before it is left out (its
    no-events become silence), as Magenta slices melodies into 2- and 16-bar examples."""
    found = []
    for start in range(0, len(events) - steps + 1, hop):
        window = events[start:start + steps].copy()
        if (window >= FIRST_PITCH_EVENT).any():
            first = int(np.argmax(window != NO_EVENT))
            if window[first] == NOTE_OFF:
                window[first] = NO_EVENT
            found.append(window)
    return found

