"""Music representations: MIDI -> events -> MIDI keeps every note on the grid, piano rolls round-trip,
transposition stays on the keys, the shipped JSB file is the published split with its hash checked,
and a user's broken, empty or drum-only MIDI file is skipped and listed, never a crash."""

import io

import numpy as np
import pretty_midi
import pytest
import torch

from genforge.core.errors import DataError
from genforge.data.music import jsb
from genforge.data.music.events import (CLASSES, NO_EVENT, NOTE_OFF, events_to_notes, notes_to_events,
                                        pitch_event, windows)
from genforge.data.music.midi_files import midi_bytes, notes_from_midi, read_user_music
from genforge.data.music.notes import Note, keep_keys, transposition_range
from genforge.data.music.pianoroll import notes_to_roll, roll_to_notes
from genforge.data.sources import DATASETS, data_config
from genforge.modalities.music.training import shifts_allowed, transposed

MELODY = [Note(60, 0, 4), Note(62, 4, 6), Note(64, 8, 9), Note(108, 9, 16), Note(21, 16, 31)]


def test_midi_to_events_to_midi_keeps_every_note_on_the_grid():
    midi = pretty_midi.PrettyMIDI(io.BytesIO(midi_bytes(MELODY, steps_per_quarter=4)))
    read = notes_from_midi(midi, 4)
    assert [n[:3] for n in read] == [n[:3] for n in MELODY]
    events = notes_to_events(read, length=32)
    assert events.tolist()[:10] == [pitch_event(60), 0, 0, 0, pitch_event(62), 0, NOTE_OFF, 0, pitch_event(64),
                                    pitch_event(108)]
    assert events.max() < CLASSES and events[31] == NOTE_OFF
    back = pretty_midi.PrettyMIDI(io.BytesIO(midi_bytes(events_to_notes(events), 4)))
    assert [n[:3] for n in notes_from_midi(back, 4)] == [n[:3] for n in MELODY]


def test_overlapping_notes_become_the_highest_line_and_windows_start_clean():
    chord = [Note(60, 0, 8), Note(67, 0, 4), Note(64, 2, 6)]
    assert [n[:3] for n in events_to_notes(notes_to_events(chord))] == [(67, 0, 2), (64, 2, 6)]
    events = np.array([pitch_event(60)] + [NO_EVENT] * 16 + [NOTE_OFF] + [NO_EVENT] * 14)
    found = windows(events, 16, 16)
    assert len(found) == 1 and found[0][0] == pitch_event(60)  # the second bar has no note-on
    assert windows(np.array([NO_EVENT, NOTE_OFF] + [pitch_event(62)] * 14), 16, 16)[0][1] == NO_EVENT


def test_piano_rolls_round_trip_and_out_of_range_notes_are_dropped_and_counted():
    notes = [Note(60, 0, 3), Note(64, 0, 2), Note(67, 2, 5), Note(60, 4, 6)]
    assert [n[:3] for n in roll_to_notes(notes_to_roll(notes))] == sorted((n[:3] for n in notes), key=lambda n: (n[1], n[0]))
    kept, dropped = keep_keys([Note(20, 0, 1), Note(109, 0, 1), Note(60, 0, 1)])
    assert [n.pitch for n in kept] == [60] and dropped == 2


def test_transposition_keeps_every_note_on_the_keys():
    assert transposition_range([22, 60], 5) == (-1, 5) and transposition_range([105], 5) == (-5, 3)
    melody = torch.tensor([[pitch_event(22), NO_EVENT, NOTE_OFF, pitch_event(60)]])
    low, high = shifts_allowed(melody, 5, "melody")
    assert (int(low), int(high)) == (-1, 5)
    assert transposed(melody, torch.tensor([3]), "melody").tolist() == [[pitch_event(25), NO_EVENT, NOTE_OFF,
                                                                          pitch_event(63)]]
    roll = torch.from_numpy(notes_to_roll([Note(22, 0, 2), Note(106, 1, 2)])).float()[None]
    low, high = shifts_allowed(roll, 5, "pianoroll")
    assert (int(low), int(high)) == (-1, 2)
    moved = transposed(roll, torch.tensor([2]), "pianoroll")
    assert [n[:3] for n in roll_to_notes(moved[0].numpy())] == [(24, 0, 2), (108, 1, 2)]


def test_the_shipped_jsb_chorales_are_the_published_split_and_their_hash_is_checked(tmp_path, monkeypatch):
    counts = {split: len(DATASETS.get("jsb-chorales").load(data_config("jsb-chorales", split=split)))
              for split in ("train", "valid", "test")}
    assert counts == {"train": 229, "valid": 76, "test": 77}
    damaged = tmp_path / jsb.SHA256["quarter"][0]
    damaged.write_bytes((jsb.FILES / jsb.SHA256["quarter"][0]).read_bytes().replace(b"60", b"61", 1))
    monkeypatch.setattr(jsb, "FILES", tmp_path)
    jsb.jsb_chorales.cache_clear()
    try:
        with pytest.raises(DataError, match="is damaged"):
            jsb.jsb_chorales("quarter")
    finally:
        jsb.jsb_chorales.cache_clear()


def test_a_users_broken_empty_and_drum_only_files_are_skipped_and_listed(tmp_path):
    (tmp_path / "good.mid").write_bytes(midi_bytes(MELODY, 4))
    (tmp_path / "broken.mid").write_bytes(b"MThd this is not a MIDI file")
    empty = pretty_midi.PrettyMIDI()
    empty.write(str(tmp_path / "empty.mid"))
    drums = pretty_midi.PrettyMIDI()
    kit = pretty_midi.Instrument(program=0, is_drum=True)
    kit.notes.append(pretty_midi.Note(velocity=90, pitch=36, start=0, end=0.5))
    drums.instruments.append(kit)
    drums.write(str(tmp_path / "drums.mid"))
    high = pretty_midi.PrettyMIDI(io.BytesIO(midi_bytes([Note(60, 0, 4)], 4)))
    high.instruments[0].notes.append(pretty_midi.Note(velocity=80, pitch=120, start=0, end=0.5))
    high.write(str(tmp_path / "high.mid"))
    report = read_user_music(tmp_path, 4)
    assert sorted(piece.name for piece in report.pieces) == ["good.mid", "high.mid"]
    assert report.dropped_notes == 1  # the note above C8
    reasons = dict(line.split(": ", 1) for line in report.skipped)
    assert reasons["drums.mid"] == "drums only" and reasons["empty.mid"] == "no notes"
    assert reasons["broken.mid"].startswith("unreadable")
    with pytest.raises(DataError, match="no usable music in 1 file"):
        DATASETS.get("midi").load(data_config("midi", dir=str(tmp_path / "drums.mid")))


def test_bach_chorales_are_parsed_once_into_the_cache_and_give_soprano_melodies(tmp_path, monkeypatch):
    monkeypatch.setenv("GENFORGE_CACHE", str(tmp_path / "cache"))
    config = data_config("bach-chorales", max_pieces=6, split="train")
    melodies = DATASETS.get("bach-chorales").load(config)
    assert melodies.spec.representation == "melody" and melodies.events.shape[1] == 32
    assert melodies.record["split_rule"].startswith("crc32(name) % 10")
    assert list((tmp_path / "cache" / "music").glob("bach-chorales-6-*.json"))
    from music21 import corpus

    monkeypatch.setattr(corpus, "parse", lambda *a, **k: pytest.fail("parsed again instead of read from the cache"))
    rolls = DATASETS.get("bach-chorales").load(data_config("bach-chorales", max_pieces=6, representation="pianoroll",
                                                           resolution="quarter"))
    assert rolls.rolls.shape[2] == 88 and int(rolls.rolls.sum(2).max()) <= 4  # four voices at most per frame
    grids = DATASETS.get("bach-chorales").load(data_config("bach-chorales", max_pieces=6, representation="voices",
                                                           resolution="quarter"))
    assert grids.spec.representation == "voices" and grids.grids.shape[0] == rolls.rolls.shape[0]
    assert grids.record["pieces_not_in_four_voices"] == 0
    voiced = grids.grids[grids.grids >= 0]
    assert len(voiced) and int(voiced.min()) >= 21 and int(voiced.max()) <= 108
    soprano, bass = grids.grids[..., 0], grids.grids[..., 3]
    both = (soprano >= 0) & (bass >= 0)
    assert bool((soprano[both] > bass[both]).all())  # the first part is the soprano, the fourth the bass


def test_four_voice_grids_round_trip_the_voices_of_a_chorale():
    from genforge.data.music.voices import SILENCE, grid_to_voices, voices_to_grid

    voices = [[Note(72, 0, 4), Note(74, 4, 8)], [Note(67, 0, 8)], [Note(64, 0, 2), Note(62, 2, 8)],
              [Note(48, 0, 6)]]
    grid = voices_to_grid(voices)
    assert grid.shape == (8, 4) and grid[6:, 3].tolist() == [SILENCE, SILENCE] and grid[4].tolist() == [74, 67, 62, 48]
    assert [[n[:3] for n in voice] for voice in grid_to_voices(grid)] == [[n[:3] for n in voice] for voice in voices]


def test_four_voice_grids_become_a_roll_per_voice_and_transpose_on_the_keys():
    from genforge.data.music.voices import SILENCE, grid_to_rolls

    grid = np.array([[72, 67, 64, 48], [72, SILENCE, 62, 22]])
    rolls = grid_to_rolls(grid)
    assert rolls.shape == (4, 2, 88) and rolls.sum() == 7 and rolls[0, :, 72 - 21].tolist() == [1, 1]
    assert rolls[1, 1].sum() == 0 and rolls[3, 1, 22 - 21] == 1
    x = torch.from_numpy(grid)[None]
    low, high = shifts_allowed(x, 5, "voices")
    assert (int(low), int(high)) == (-1, 5)
    assert transposed(x, torch.tensor([-1]), "voices")[0].tolist() == [[71, 66, 63, 47], [71, SILENCE, 61, 21]]


def test_voices_are_refused_in_one_line_where_a_source_has_no_four_parts():
    from genforge.data.music.loaders import from_collection

    melody_only = [{"name": f"tune{i}", "voices": [[[60, 0, 4], [62, 4, 8]]]} for i in range(40)]
    config = data_config("essen-folk", representation="voices", split="train")
    with pytest.raises(DataError, match="no piece in four voices"):
        from_collection(melody_only, config, {})
    with pytest.raises(DataError, match="--dataset bach-chorales"):
        DATASETS.get("jsb-chorales").load(data_config("jsb-chorales", representation="voices"))
