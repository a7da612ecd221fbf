"""The music modality writes what can be heard and seen: a WAV of the expected duration that is not
silent, a MIDI that reads back, a piano-roll picture, and a folder of them that appears whole."""

import io
import wave

import numpy as np
import pretty_midi
import pytest
import torch

from genforge.core import MODALITIES, Samples
from genforge.core.errors import GenforgeError
from genforge.data.music.events import NO_EVENT, NOTE_OFF, pitch_event
from genforge.modalities.music.rendering import SAMPLE_RATE, render, wav_bytes
from genforge.data.music.notes import Note

MELODY = torch.tensor([[pitch_event(60)] + [NO_EVENT] * 7 + [pitch_event(67)] + [NO_EVENT] * 3 + [NOTE_OFF]
                       + [NO_EVENT] * 3] * 2)


def melody_samples():
    return Samples("music", MELODY, conditioning={"representation": "melody", "steps_per_quarter": 4, "seed": 0})


def test_a_rendered_wav_has_the_expected_duration_and_is_not_silent():
    audio = render([Note(60, 0, 8), Note(67, 8, 16)], steps_per_quarter=4)  # two half notes at 120 bpm: 2 s
    assert 2.0 <= len(audio) / SAMPLE_RATE <= 3.5  # FluidSynth's release tail adds up to a second
    assert np.sqrt(np.mean(audio[: SAMPLE_RATE] ** 2)) > 0.01
    with wave.open(io.BytesIO(wav_bytes(audio))) as file:
        assert file.getframerate() == SAMPLE_RATE and file.getnframes() == len(audio)


def test_every_format_is_written_and_a_folder_holds_each_sample(tmp_path):
    music = MODALITIES.get("music")
    music.write([melody_samples()], tmp_path / "songs", "folder", 2)
    names = sorted(path.name for path in (tmp_path / "songs").iterdir())
    assert names == ["all.wav", "sample-0000.mid", "sample-0000.png", "sample-0000.wav", "sample-0001.mid",
                     "sample-0001.png", "sample-0001.wav"]
    midi = pretty_midi.PrettyMIDI(str(tmp_path / "songs" / "sample-0000.mid"))
    assert [(n.pitch, n.start, n.end) for n in midi.instruments[0].notes] == [(60, 0.0, 1.0), (67, 1.0, 1.5)]
    for fmt in ("mid", "wav", "png", "musicxml"):
        music.write([melody_samples()], tmp_path / f"all.{fmt}", fmt, 2)
        assert (tmp_path / f"all.{fmt}").stat().st_size > 0
    from music21 import converter

    score = converter.parse(str(tmp_path / "all.musicxml"))
    assert [n.pitch.midi for n in score.flatten().notes] == [60, 67, 60, 67]  # the two melodies in a row
    with pytest.raises(GenforgeError, match="already holds files"):
        music.write([melody_samples()], tmp_path / "songs", "folder", 2)
    assert music.output_bytes(None, 2, "folder", {"steps": 16, "steps_per_quarter": 4}) > \
        sum(path.stat().st_size for path in (tmp_path / "songs").iterdir())
