"""Music Samples in the Python API: as pretty_midi objects, and written as MIDI files.

    import genforge
    model = genforge.load("runs/mvae")
    samples = model.sample(4, seed=0)
    for midi in genforge.pipelines.music.notes.pretty_midis(samples):
        print(midi.instruments[0].notes[:3])
    genforge.pipelines.music.notes.write_midis(samples, "songs/")   # songs/sample-0000.mid, ...
"""

from __future__ import annotations

from pathlib import Path

from ...core.storage import write_bytes_atomically
from ...data.music.midi_files import midi_bytes, to_pretty_midi
from ...modalities.music.notes_of import sample_notes


def pretty_midis(samples) -> list:
    """Each sample as a pretty_midi.PrettyMIDI (120 bpm, one piano)."""
    per_quarter = int(samples.conditioning.get("steps_per_quarter", 4))
    return [to_pretty_midi(notes, per_quarter) for notes in sample_notes(samples)]


def write_midis(samples, folder: str | Path) -> list[Path]:
    """Each sample as folder/sample-NNNN.mid; returns the paths."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    per_quarter = int(samples.conditioning.get("steps_per_quarter", 4))
    paths = []
    for index, notes in enumerate(sample_notes(samples)):
        path = folder / f"sample-{index:04d}.mid"
        write_bytes_atomically(path, midi_bytes(notes, per_quarter), "a MIDI file")
        paths.append(path)
    return paths
