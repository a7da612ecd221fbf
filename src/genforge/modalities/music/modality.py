"""The music modality's entry in core.MODALITIES: samples written as MIDI, WAV and piano-roll PNG.

    --out songs/      a folder: sample-0000.mid, .wav and .png per sample, and all.wav (them in a row)
    --out songs.mid   one MIDI, the samples one after another with a bar of silence between them
    --out songs.wav   the same, rendered
    --out rolls.png   their piano rolls, one above another
    --out songs.musicxml   a score of them in a row, through music21
"""

from __future__ import annotations

import os
import shutil
import tempfile
import wave
from pathlib import Path

from ...core import MODALITIES, Batch, Modality
from ...core.errors import GenforgeError
from ...core.storage import storage_errors, write_bytes_atomically
from ...data.music.midi_files import midi_bytes
from .notes_of import in_a_row, sample_notes
from .pictures import KEYS, PIXELS_PER_KEY, PIXELS_PER_STEP, png_bytes, roll_picture, stacked
from .rendering import SAMPLE_RATE, render, wav_bytes, wav_size
from .training import RecordMusicData, SampleMusic, Transpose

MAX_PICTURED = 64  # piano rolls in one PNG


def seconds_of(steps: int, steps_per_quarter: int) -> float:
    return steps / steps_per_quarter * 0.5  # 120 beats per minute


def grid_of(samples) -> tuple[int, int]:
    """(steps per quarter, steps per bar) of the samples' grid."""
    per_quarter = int(samples.conditioning.get("steps_per_quarter", 4))
    return per_quarter, per_quarter * 4


class MusicModality(Modality):
    name = "music"
    unit = "frame"  # a 16th-note event of a melody, or a piano-roll frame
    formats = ("folder", "mid", "wav", "png", "musicxml")
    writes_folders = True
    default_count = 4
    training_metric = "val-loss"
    evaluate_by_default = True

    def write(self, chunks, path, fmt: str, total: int, **layout) -> None:
        if path is None:
            raise GenforgeError("music samples are files: name a folder (--out songs/) or a .mid, .wav or .png")
        path = Path(path)
        if fmt == "folder":
            return write_folder(chunks, path)
        pieces, steps, per_quarter, per_bar = [], [], 4, 16
        for samples in chunks:
            per_quarter, per_bar = grid_of(samples)
            pieces += sample_notes(samples)
            steps += [samples.values.shape[1]] * len(samples)
        if fmt == "png":
            data = png_bytes(stacked([roll_picture(notes, length, per_bar) for notes, length in zip(pieces, steps)]))
        else:
            joined = in_a_row(pieces, steps, per_bar)
            if fmt == "musicxml":
                from .scores import musicxml_bytes

                data = musicxml_bytes(joined, per_quarter)
            else:
                data = midi_bytes(joined, per_quarter) if fmt == "mid" else wav_bytes(render(joined, per_quarter))
        write_bytes_atomically(path, data, f"{total} samples")

    def output_bytes(self, model, n: int, fmt: str, options: dict) -> int:
        steps, per_quarter = options["steps"], options["steps_per_quarter"]
        notes = steps * {"pianoroll": KEYS, "voices": 4}.get(options.get("representation"), 1)
        midi = 256 + 16 * notes
        audio = wav_size(seconds_of(steps + 4 * per_quarter, per_quarter))
        picture = 2048 + int(1.02 * KEYS * PIXELS_PER_KEY * (steps * PIXELS_PER_STEP * 3 + 1))
        score = 4096 + 600 * notes  # a MusicXML <note> element is a few hundred bytes
        return n * {"mid": midi, "wav": audio, "png": picture, "musicxml": score,
                    "folder": midi + 2 * audio + picture}[fmt]

    def check_output(self, model, n: int, fmt, printed: bool) -> None:
        if printed:
            raise GenforgeError("music samples are files: name a folder (--out songs/) or a .mid, .wav or .png")
        if fmt == "png" and n > MAX_PICTURED:
            raise GenforgeError(f"--n {n} is more piano rolls than one picture shows ({MAX_PICTURED} at most); "
                                "write a folder (--out songs/) instead")

    def units_in(self, batch: Batch) -> int:
        """Events or frames predicted: each item's steps (a piece's own length where they differ)."""
        if batch.lengths is not None:
            return int(batch.lengths.sum())
        return batch.x.shape[0] * batch.x.shape[1]

    def training_callbacks(self, config, data) -> list:
        return [Transpose(config.data.transpose), SampleMusic(), RecordMusicData()]


def write_folder(chunks, path: Path) -> None:
    """Each sample as MIDI, WAV and PNG, and all.wav, in a new folder that appears whole or not at all."""
    if path.exists() and (not path.is_dir() or any(path.iterdir())):
        raise GenforgeError(f"--out {path} already holds files: name a new folder")
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = Path(tempfile.mkdtemp(prefix=f".{path.name}.", dir=path.parent))
    umask = os.umask(0)
    os.umask(umask)
    os.chmod(partial, 0o777 & ~umask)  # mkdtemp's folder is private; the samples' folder is as any other
    try:
        write_into(chunks, partial)
        with storage_errors("the samples", path):
            if path.exists():
                path.rmdir()  # an empty folder the user named
            os.replace(partial, path)
    finally:
        shutil.rmtree(partial, ignore_errors=True)  # gone already when the folder was moved into place


def write_into(chunks, partial: Path) -> None:
    with storage_errors("the samples", partial):
        with wave.open(str(partial / "all.wav"), "wb") as row:
            row.setnchannels(1)
            row.setsampwidth(2)
            row.setframerate(SAMPLE_RATE)
            index = 0
            for samples in chunks:
                per_quarter, per_bar = grid_of(samples)
                for notes in sample_notes(samples):
                    name = partial / f"sample-{index:04d}"
                    name.with_suffix(".mid").write_bytes(midi_bytes(notes, per_quarter))
                    audio = wav_bytes(render(notes, per_quarter))
                    name.with_suffix(".wav").write_bytes(audio)
                    name.with_suffix(".png").write_bytes(png_bytes(roll_picture(notes, samples.values.shape[1], per_bar)))
                    row.writeframes(audio[44:])  # the PCM frames after the 44-byte header
                    row.writeframes(b"\0\0" * int(seconds_of(per_bar, per_quarter) * SAMPLE_RATE))  # a bar's rest
                    index += 1


MODALITIES.register("music")(MusicModality())
