"""The data section's options of the music sources (no torch):

    MusicDataConfig        representation, bars, resolution,     (the base)
                           transpose, max_pieces
      JSBConfig            (piano rolls at quarter notes)        jsb-chorales
      BachChoralesConfig   (soprano melodies)                    bach-chorales
      EssenConfig          (melodies)                            essen-folk
      MidiConfig           + instrument, track                   midi (--midi FOLDER|ZIP)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import Range
from ..config import DataConfig

REPRESENTATIONS = ("melody", "pianoroll", "voices")
STEPS_PER_BAR = 16  # melodies: 16th notes in 4/4, as MusicVAE


@dataclass
class MusicDataConfig(DataConfig):
    CHOICES: ClassVar[dict] = {"representation": REPRESENTATIONS, "resolution": ("quarter", "16th")}
    # A music family declares the representation it reads (ModelConfig.DATA_LAYOUT), which is filled in.
    LAYOUTS: ClassVar[tuple[str, ...]] = REPRESENTATIONS
    LAYOUT_FIELD: ClassVar[str] = "representation"
    LAYOUT_WHAT: ClassVar[str] = "music"
    RANGES: ClassVar[dict[str, Range]] = {"bars": Range(1, 64), "transpose": Range(0, 12),
                                          "max_pieces": Range(1, 10**6)}

    name: str = "jsb-chorales"
    # melody: MusicVAE's 90 events per 16th-note step, in windows of `bars` bars (2 or 16 in its configs);
    # pianoroll: 88 keys per frame, each piece whole, at `resolution` (a frame per quarter or per 16th note);
    # voices: the pitch each of four voices (soprano, alto, tenor, bass) holds per frame, at `resolution`.
    representation: str = "pianoroll"
    bars: int = 2
    resolution: str = "16th"
    # Each item of each step moved by a shift drawn in [-transpose, transpose] semitones (kept on the 88
    # keys), from (seed, step) through the batch schedule: MusicVAE's augmentation uses 5. 0: none.
    transpose: int = 0
    max_pieces: int | None = None  # the first N pieces of the collection, before the split (quick runs)

    @property
    def steps_per_quarter(self) -> int:
        return 1 if self.representation != "melody" and self.resolution == "quarter" else 4


@dataclass
class JSBConfig(MusicDataConfig):
    name: str = "jsb-chorales"
    resolution: str = "quarter"  # the resolution of the published NLL figures


@dataclass
class BachChoralesConfig(MusicDataConfig):
    name: str = "bach-chorales"
    representation: str = "melody"  # the soprano line; pianoroll: all four voices in one roll; voices: SATB


@dataclass
class EssenConfig(MusicDataConfig):
    name: str = "essen-folk"
    representation: str = "melody"


@dataclass
class MidiConfig(MusicDataConfig):
    name: str = "midi"
    representation: str = "melody"
    instrument: str | None = None  # a General MIDI program number, or part of a program or track name
    track: int | None = None  # the index of the one track to read
