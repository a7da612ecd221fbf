"""Each music source's pieces, split and turned into the representation its config asks for.

A piece is its voices (lists of notes on a 16th-note grid, or JSB's frames). The split of music21's
collections and of the user's files is a pure function of each piece's name (CRC-32 modulo 10: 8
train, 1 valid, 1 test), so adding files never moves the others; JSB keeps its published split. What
was read, split, skipped and dropped is the dataset's `record`, written to RUN/music-data.json.
"""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import torch

from ...core.errors import DataError
from .config import STEPS_PER_BAR, MusicDataConfig
from .datasets import MelodyWindows, MusicSpec, PianoRolls, VoiceGrids
from .events import monophonic, notes_to_events, windows
from .jsb import jsb_chorales
from .notes import Note
from .pianoroll import frames_to_roll, notes_to_roll, roll_to_notes
from .voices import SILENCE, VOICES, voices_to_grid

SPLIT_RULE = "crc32(name) % 10: 0-7 train, 8 valid, 9 test"


def split_of(name: str) -> str:
    bucket = zlib.crc32(name.encode()) % 10
    return "train" if bucket < 8 else "valid" if bucket == 8 else "test"


def melody_dataset(lines: list[tuple[str, list[Note]]], config: MusicDataConfig, record: dict) -> MelodyWindows:
    """Every `bars`-bar window (hop: one bar) of each melody line that holds a note, each window once per
    piece (Magenta's melody converter also drops a piece's repeated windows)."""
    steps = config.bars * STEPS_PER_BAR
    found, names = [], []
    for name, notes in lines:
        seen = set()
        for window in windows(notes_to_events(notes), steps, STEPS_PER_BAR):
            key = window.tobytes()
            if key not in seen:
                seen.add(key)
                found.append(window)
                names.append(name)
    if not found:
        raise DataError(f"{config.name} ({config.split}) has no {config.bars}-bar window with a note in it: "
                        "give more music or fewer --bars")
    record = {**record, "representation": "melody", "bars": config.bars, "windows": len(found),
              "window_hop": "one bar", "repeats": "each window once per piece"}
    spec = MusicSpec(representation="melody", steps=steps, steps_per_quarter=4, transpose=config.transpose)
    return MelodyWindows(torch.from_numpy(np.stack(found)), spec, record, names)


def padded_pieces(pieces: list[np.ndarray], fill, dtype: torch.dtype) -> tuple[torch.Tensor, torch.Tensor]:
    """(pieces, longest, ...) with `fill` after each piece's end, and the pieces' lengths."""
    longest = max(len(piece) for piece in pieces)
    padded = torch.full((len(pieces), longest, *pieces[0].shape[1:]), fill, dtype=dtype)
    for index, piece in enumerate(pieces):
        padded[index, :len(piece)] = torch.from_numpy(piece)
    return padded, torch.tensor([len(piece) for piece in pieces])


def roll_dataset(rolls: list[tuple[str, np.ndarray]], config: MusicDataConfig, record: dict) -> PianoRolls:
    rolls = [(name, roll) for name, roll in rolls if len(roll) >= 2]
    if not rolls:
        raise DataError(f"{config.name} ({config.split}) has no piece of two frames or more")
    padded, lengths = padded_pieces([roll for _, roll in rolls], 0, torch.uint8)
    longest = padded.shape[1]
    record = {**record, "representation": "pianoroll", "resolution": config.resolution, "pieces": len(rolls),
              "frames": int(lengths.sum())}
    spec = MusicSpec(representation="pianoroll", steps=longest, steps_per_quarter=config.steps_per_quarter,
                     transpose=config.transpose)
    return PianoRolls(padded, lengths, spec, record, [name for name, _ in rolls])


def voices_dataset(pieces: list[tuple[str, list[list[Note]]]], config: MusicDataConfig, record: dict) -> VoiceGrids:
    """The pieces written in exactly four parts, as (frames, 4) grids at the config's resolution; the
    others are counted in the record."""
    every = 4 // config.steps_per_quarter  # a quarter-note frame: what each voice sounds on the beat
    grids = [(name, voices_to_grid(voices)[::every]) for name, voices in pieces if len(voices) == len(VOICES)]
    grids = [(name, grid) for name, grid in grids if len(grid) >= 2]
    if not grids:
        raise DataError(f"{config.name} ({config.split}) has no piece in four voices: --representation voices reads "
                        "the Bach chorales' soprano, alto, tenor and bass (--dataset bach-chorales)")
    padded, lengths = padded_pieces([grid for _, grid in grids], SILENCE, torch.int64)
    longest = padded.shape[1]
    record = {**record, "representation": "voices", "voices": list(VOICES), "resolution": config.resolution,
              "pieces": len(grids), "pieces_not_in_four_voices": len(pieces) - len(grids), "frames": int(lengths.sum())}
    spec = MusicSpec(representation="voices", steps=longest, steps_per_quarter=config.steps_per_quarter,
                     transpose=config.transpose)
    return VoiceGrids(padded, lengths, spec, record, [name for name, _ in grids])


def limited(pieces: list, config: MusicDataConfig) -> list:
    return pieces[:config.max_pieces] if config.max_pieces else pieces


def load_jsb(config: MusicDataConfig):
    """JSB's published split; melodies are each chorale's top line on the 16th-note grid."""
    if config.representation == "voices":
        raise DataError("jsb-chorales holds each frame's notes, not its voices: --representation voices reads "
                        "--dataset bach-chorales")
    resolution = config.resolution if config.representation == "pianoroll" else "16th"
    chorales = limited(jsb_chorales(resolution)[config.split], config)
    record = {"source": "jsb-chorales (Boulanger-Lewandowski et al. 2012's split)", "split": config.split,
              "file_resolution": resolution, "chorales": len(chorales)}
    rolls = [(f"{config.split}/{index}", frames_to_roll(frames)) for index, frames in enumerate(chorales)]
    if config.representation == "pianoroll":
        return roll_dataset(rolls, config, record)
    lines = [(name, monophonic(roll_to_notes(roll))) for name, roll in rolls]
    return melody_dataset(lines, config, record)


def voices_of(piece: dict) -> list[list[Note]]:
    return [[Note(*triple) for triple in voice] for voice in piece["voices"]]


def from_collection(pieces: list[dict], config: MusicDataConfig, record: dict):
    """A music21 collection (notes at 4 steps per quarter) in the config's representation."""
    chosen = [piece for piece in limited(pieces, config) if split_of(piece["name"]) == config.split]
    record = {**record, "split": config.split, "split_rule": SPLIT_RULE, "pieces_in_split": len(chosen)}
    if config.representation == "melody":
        return melody_dataset([(piece["name"], voices_of(piece)[0]) for piece in chosen], config, record)
    if config.representation == "voices":
        return voices_dataset([(piece["name"], voices_of(piece)) for piece in chosen], config, record)
    every = 4 // config.steps_per_quarter  # a quarter-note frame: what sounds on each beat
    rolls = [(piece["name"], notes_to_roll([n for voice in voices_of(piece) for n in voice])[::every])
             for piece in chosen]
    return roll_dataset(rolls, config, record)


def load_bach_chorales(config: MusicDataConfig):
    from .music21_corpus import bach_chorales

    return from_collection(bach_chorales(limit=config.max_pieces), config,
                           {"source": "bach-chorales (music21's corpus)", "melody": "the soprano part"})


def load_essen(config: MusicDataConfig):
    from .music21_corpus import essen_tunes

    return from_collection(essen_tunes(limit=config.max_pieces), config, {"source": "essen-folk (music21's corpus)"})


def load_user_midi(config):
    from .midi_files import read_user_music

    if not config.dir:
        raise DataError("--dataset midi needs its files: --midi FOLDER|ZIP")
    report = read_user_music(Path(config.dir), 4, config.instrument, config.track)
    if not report.pieces:
        listed = "; ".join(report.skipped[:3]) + (" ..." if len(report.skipped) > 3 else "")
        raise DataError(f"--midi {config.dir}: no usable music in {len(report.skipped)} file(s)"
                        + (f" ({listed})" if listed else ""))
    pieces = [{"name": piece.name, "voices": [[list(n[:3]) for n in piece.notes]]} for piece in report.pieces]
    record = {"source": f"midi ({config.dir})", "files_read": len(report.pieces), "skipped": report.skipped,
              "notes_outside_the_88_keys_dropped": report.dropped_notes,
              "melody": "the highest note at each onset (all chosen tracks)"}
    dataset = from_collection(pieces, config, record)
    dataset.skipped = tuple(report.skipped)
    return dataset
