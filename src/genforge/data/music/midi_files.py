"""MIDI files in and out, with pretty_midi (Raffel and Ellis 2014).

Reading quantises each note's start and end to the nearest step of the grid through the file's own
tempo map (`time_to_tick`, then ticks per step), so a file written here (120 bpm, 220 ticks per
quarter: 55 ticks per 16th) reads back exactly. Drum tracks are never music for these models and are
left out. A file that does not parse, or has no usable notes in the chosen track, is skipped with
its reason (listed by the dataset in RUN/skipped-files.txt), never a crash.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from ...core.errors import DataError
from .notes import Note, keep_keys

MIDI_SUFFIXES = (".mid", ".midi")
SCORE_SUFFIXES = (".musicxml", ".mxl", ".xml")  # read through music21
TEMPO = 120.0
RESOLUTION = 220


@dataclass
class MidiPiece:
    name: str
    notes: list[Note]
    dropped: int = 0  # notes outside the 88 keys


@dataclass
class ReadReport:
    pieces: list[MidiPiece] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)  # "name: why"

    @property
    def dropped_notes(self) -> int:
        return sum(piece.dropped for piece in self.pieces)


def chosen_instruments(midi, instrument: str | None, track: int | None, name: str):
    """The file's non-drum instruments, or the one --track or --instrument names (a General MIDI program
    number 0-127, or part of a program or track name)."""
    import pretty_midi

    melodic = [inst for inst in midi.instruments if not inst.is_drum]
    if track is not None:
        if not 0 <= track < len(midi.instruments):
            raise ValueError(f"no track {track} (it has {len(midi.instruments)})")
        chosen = [midi.instruments[track]]
        if chosen[0].is_drum:
            raise ValueError(f"track {track} is a drum track")
        return chosen
    if instrument is not None:
        if instrument.isdigit():
            return [inst for inst in melodic if inst.program == int(instrument)]
        wanted = instrument.lower()
        return [inst for inst in melodic if wanted in inst.name.lower()
                or wanted in pretty_midi.program_to_instrument_name(inst.program).lower()]
    return melodic


def notes_from_midi(midi, steps_per_quarter: int, instrument: str | None = None,
                    track: int | None = None, name: str = "") -> list[Note]:
    per_step = midi.resolution / steps_per_quarter
    notes = []
    for inst in chosen_instruments(midi, instrument, track, name):
        for note in inst.notes:
            start = round(midi.time_to_tick(note.start) / per_step)
            end = max(start + 1, round(midi.time_to_tick(note.end) / per_step))
            notes.append(Note(int(note.pitch), int(start), int(end), int(note.velocity)))
    return sorted(notes, key=lambda note: (note.start, -note.pitch))


def notes_from_score(data: bytes, suffix: str, steps_per_quarter: int) -> list[Note]:
    """A MusicXML score through music21: every part's notes and chords, offsets in quarter notes."""
    from music21 import converter

    score = converter.parseData(data, format="musicxml") if suffix != ".mxl" else converter.parse(io.BytesIO(data))
    return score_notes(score.flatten(), steps_per_quarter)


def score_notes(stream, steps_per_quarter: int) -> list[Note]:
    """The notes of a flattened music21 stream on the grid (a chord gives each of its pitches)."""
    notes = []
    for element in stream.notes:
        start = round(float(element.offset) * steps_per_quarter)
        end = max(start + 1, round((float(element.offset) + float(element.quarterLength)) * steps_per_quarter))
        for pitch in element.pitches:
            notes.append(Note(int(pitch.midi), start, end))
    return sorted(notes, key=lambda note: (note.start, -note.pitch))


def user_files(path: Path) -> list[tuple[str, bytes]]:
    """(name, bytes) of every MIDI or MusicXML file in a folder (recursively) or a zip, sorted by name."""
    suffixes = MIDI_SUFFIXES + SCORE_SUFFIXES
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
        return [(str(p.relative_to(path)), p.read_bytes()) for p in files]
    if path.is_file() and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = sorted(n for n in archive.namelist() if Path(n).suffix.lower() in suffixes and not n.endswith("/"))
            return [(name, archive.read(name)) for name in names]
    if path.is_file() and path.suffix.lower() in suffixes:
        return [(path.name, path.read_bytes())]
    if not path.exists():
        raise DataError(f"--midi {path}: no such file or folder")
    raise DataError(f"--midi {path}: not a folder, a zip or a MIDI file")


def read_user_music(path: Path, steps_per_quarter: int, instrument: str | None = None,
                    track: int | None = None) -> ReadReport:
    """Every readable piece in `path`, each file that gave none listed with its reason."""
    import pretty_midi

    report = ReadReport()
    for name, data in user_files(path):
        try:
            if Path(name).suffix.lower() in MIDI_SUFFIXES:
                midi = pretty_midi.PrettyMIDI(io.BytesIO(data))
                if midi.instruments and all(inst.is_drum for inst in midi.instruments):
                    report.skipped.append(f"{name}: drums only")
                    continue
                notes = notes_from_midi(midi, steps_per_quarter, instrument, track, name)
            else:
                notes = notes_from_score(data, Path(name).suffix.lower(), steps_per_quarter)
        except Exception as error:  # a broken file in the user's folder: any parser error skips it
            report.skipped.append(f"{name}: unreadable ({type(error).__name__}: {str(error)[:120]})")
            continue
        kept, dropped = keep_keys(notes)
        if not kept:
            report.skipped.append(f"{name}: no notes" + (" in the chosen track" if instrument or track is not None else "")
                                  + (f" on the 88 keys ({dropped} outside them)" if dropped else ""))
            continue
        report.pieces.append(MidiPiece(name, kept, dropped))
    return report


def to_pretty_midi(notes: list[Note], steps_per_quarter: int, program: int = 0):
    """A PrettyMIDI of `notes` at 120 bpm (a 16th note is 0.125 s), one instrument (a GM program)."""
    import pretty_midi

    midi = pretty_midi.PrettyMIDI(resolution=RESOLUTION, initial_tempo=TEMPO)
    instrument = pretty_midi.Instrument(program=program)
    seconds = 60.0 / TEMPO / steps_per_quarter
    instrument.notes = [pretty_midi.Note(velocity=note.velocity, pitch=note.pitch, start=note.start * seconds,
                                         end=note.end * seconds) for note in notes]
    midi.instruments.append(instrument)
    return midi


def midi_bytes(notes: list[Note], steps_per_quarter: int, program: int = 0) -> bytes:
    buffer = io.BytesIO()
    to_pretty_midi(notes, steps_per_quarter, program).write(buffer)
    return buffer.getvalue()
