"""Notes as a MusicXML score, through music21 (on request: `--out songs.musicxml`): one part, 4/4 at
120 bpm, notes starting together written as chords (music21's chordify), rests where nothing sounds."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ...data.music.notes import Note


def musicxml_bytes(notes: list[Note], steps_per_quarter: int) -> bytes:
    from music21 import meter, note, stream, tempo

    part = stream.Part()
    part.insert(0, meter.TimeSignature("4/4"))
    part.insert(0, tempo.MetronomeMark(number=120))
    for item in notes:
        sounding = note.Note(item.pitch)
        sounding.quarterLength = (item.end - item.start) / steps_per_quarter
        part.insert(item.start / steps_per_quarter, sounding)
    score = stream.Score([part.chordify() if has_overlaps(notes) else part])
    with tempfile.TemporaryDirectory() as folder:
        path = Path(score.write("musicxml", fp=str(Path(folder) / "score.musicxml")))
        return path.read_bytes()


def has_overlaps(notes: list[Note]) -> bool:
    ordered = sorted(notes, key=lambda n: n.start)
    return any(later.start < earlier.end for earlier, later in zip(ordered, ordered[1:]))
