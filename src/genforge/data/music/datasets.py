"""The music datasets the loop trains on: melody windows (MusicVAE's events), piano rolls and
four-voice grids.

Like every dataset they have a `modality` ("music"), a `spec` (MusicSpec) and `take(indices) ->
Batch`. A melody item is a window of `bars` x 16 events (batch.x, int64); a piano-roll item is a
whole piece (batch.x: float frames x 88, zero-padded to the longest piece of the batch, with
batch.lengths), as the JSB benchmark scores whole chorales; a four-voice item is a whole piece too
(batch.x: int64 frames x 4, the MIDI pitch of soprano, alto, tenor and bass or -1, padded with -1).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from ...core import Batch, DataSpec
from .events import CLASSES
from .notes import KEYS


@dataclass(frozen=True)
class MusicSpec(DataSpec):
    modality: str = "music"
    representation: str = "melody"
    steps: int = 0  # melody: events per window; pianoroll: the longest piece's frames
    steps_per_quarter: int = 4
    transpose: int = 0

    @property
    def vocab_size(self) -> int:
        """Melody events: MusicVAE's 90 classes."""
        return CLASSES

    @property
    def keys(self) -> int:
        return KEYS

    @property
    def loss_unit(self) -> str:
        return "nats/event" if self.representation == "melody" else "nats/frame"

    @property
    def item_name(self) -> str:
        return "melodies" if self.representation == "melody" else "pieces"


class MusicDataset:
    """What both representations share: the spec, the record written to RUN/music-data.json, the name of
    the piece each item came from, and the files the source skipped (RUN/skipped-files.txt)."""

    modality = "music"

    def __init__(self, spec: MusicSpec, record: dict, names: list[str]):
        self._spec, self.record, self.names = spec, record, names
        self.class_names: tuple[str, ...] = ()
        self.skipped: tuple[str, ...] = ()

    @property
    def spec(self) -> MusicSpec:
        return self._spec


class MelodyWindows(MusicDataset):
    def __init__(self, events: torch.Tensor, spec: MusicSpec, record: dict, names: list[str]):
        super().__init__(spec, record, names)
        self.events = events

    def __len__(self) -> int:
        return len(self.events)

    def take(self, index: torch.Tensor) -> Batch:
        return Batch(x=self.events[index.to(self.events.device)])

    def on_device(self, device) -> "MelodyWindows":
        return MelodyWindows(self.events.to(device), self._spec, self.record, self.names)


class WholePieces(MusicDataset):
    """Pieces kept whole, padded to the longest (`values`, (pieces, frames, ...)), with their `lengths`:
    a batch is its pieces cut to the longest of them."""

    def __init__(self, values: torch.Tensor, lengths: torch.Tensor, spec: MusicSpec, record: dict, names: list[str]):
        super().__init__(spec, record, names)
        self.values, self.lengths = values, lengths

    def __len__(self) -> int:
        return len(self.values)

    def batch_values(self, values: torch.Tensor) -> torch.Tensor:
        """A batch's values as the models read them."""
        return values

    def take(self, index: torch.Tensor) -> Batch:
        index = index.to(self.values.device)
        lengths = self.lengths[index]
        return Batch(x=self.batch_values(self.values[index, :int(lengths.max())]), lengths=lengths)

    def on_device(self, device) -> "WholePieces":
        return type(self)(self.values.to(device), self.lengths.to(device), self._spec, self.record, self.names)

    def piece(self, index: int) -> torch.Tensor:
        return self.values[index, :int(self.lengths[index])]


class PianoRolls(WholePieces):
    """uint8 rolls (pieces, frames, 88), given to the models as floats."""

    @property
    def rolls(self) -> torch.Tensor:
        return self.values

    def batch_values(self, values: torch.Tensor) -> torch.Tensor:
        return values.float()


class VoiceGrids(WholePieces):
    """int64 grids (pieces, frames, 4), -1 where a voice is silent or after the piece's end."""

    @property
    def grids(self) -> torch.Tensor:
        return self.values
