"""The music modality's callbacks in the training loop: transposition, a preview at every checkpoint,
and the run's data record."""

from __future__ import annotations

from pathlib import Path

import torch

from ...core import Batch
from ...core.callbacks import Callback
from ...core.storage import write_json_atomically
from ...data.music.events import FIRST_PITCH_EVENT
from ...data.music.notes import HIGHEST_PITCH, LOWEST_PITCH

TRANSPOSE_STREAM = "transpose"


def shifts_allowed(x: torch.Tensor, limit: int, representation: str) -> tuple[torch.Tensor, torch.Tensor]:
    """Per item, the lowest and highest shift in [-limit, limit] that keeps its notes on the 88 keys."""
    if representation == "melody":
        pitched = x >= FIRST_PITCH_EVENT
        big = torch.iinfo(x.dtype).max
        low = torch.where(pitched, x, torch.full_like(x, big)).amin(1) - FIRST_PITCH_EVENT + LOWEST_PITCH
        high = torch.where(pitched, x, torch.zeros_like(x)).amax(1) - FIRST_PITCH_EVENT + LOWEST_PITCH
        empty = ~pitched.any(1)
    elif representation == "voices":  # (items, frames, 4) MIDI pitches, -1 where a voice is silent
        pitched = x >= 0
        flat, flat_pitched = x.flatten(1), pitched.flatten(1)
        low = torch.where(flat_pitched, flat, torch.full_like(flat, HIGHEST_PITCH)).amin(1)
        high = torch.where(flat_pitched, flat, torch.full_like(flat, LOWEST_PITCH)).amax(1)
        empty = ~flat_pitched.any(1)
    else:
        keys = x.amax(1) > 0  # (items, 88): the keys each piece uses
        index = torch.arange(keys.shape[1], device=x.device)
        low = torch.where(keys, index, keys.shape[1]).amin(1) + LOWEST_PITCH
        high = torch.where(keys, index, -1).amax(1) + LOWEST_PITCH
        empty = ~keys.any(1)
    down = torch.clamp(LOWEST_PITCH - low, min=-limit).masked_fill(empty, -limit)
    up = torch.clamp(HIGHEST_PITCH - high, max=limit).masked_fill(empty, limit)
    return down, up


def transposed(x: torch.Tensor, shifts: torch.Tensor, representation: str) -> torch.Tensor:
    if representation == "melody":
        return torch.where(x >= FIRST_PITCH_EVENT, x + shifts[:, None], x)
    if representation == "voices":
        return torch.where(x >= 0, x + shifts[:, None, None], x)
    keys = x.shape[-1]
    source = torch.arange(keys, device=x.device)[None, :] - shifts[:, None]  # (items, 88): the key each comes from
    valid = (source >= 0) & (source < keys)
    gathered = x.gather(2, source.clamp(0, keys - 1)[:, None, :].expand(-1, x.shape[1], -1))
    return gathered * valid[:, None, :]


class Transpose(Callback):
    """Each item of a step moved by a whole number of semitones drawn uniformly from those in
    [-limit, limit] that keep it on the keys (MusicVAE transposes by up to 5 each way), from the batch
    schedule's per-item draws of (seed, step), so a resumed run transposes the same items the same way."""

    def __init__(self, limit: int):
        self.limit = limit

    def on_batch(self, trainer, batch: Batch) -> Batch:
        if not self.limit:
            return batch
        representation = trainer.data.spec.representation
        draws = trainer.world.shard(trainer.schedule.draws(trainer.step, TRANSPOSE_STREAM)).to(batch.x.device)
        down, up = shifts_allowed(batch.x, self.limit, representation)
        shifts = down + (draws * (up - down + 1)).long().clamp(max=(up - down))
        return batch.replace(x=transposed(batch.x, shifts, representation))


class SampleMusic(Callback):
    """RUN/samples/step-K.mid and .png: four samples with the run's seed at every checkpoint."""

    def on_checkpoint(self, trainer) -> None:
        from ...core import MODALITIES

        samples = trainer.model.sample(4, seed=trainer.config.train.seed)
        music = MODALITIES.get("music")
        for fmt in ("mid", "png"):
            music.write([samples], self.path(trainer, fmt), fmt, len(samples))

    @staticmethod
    def path(trainer, fmt: str) -> Path:
        return trainer.run.sample_grid_path(trainer.step).with_suffix(f".{fmt}")

    def files(self, trainer) -> dict[str, Path]:
        return {"samples": self.path(trainer, "png"), "samples (MIDI)": self.path(trainer, "mid")}


class RecordMusicData(Callback):
    """RUN/music-data.json: what the data was (source, split rule, counts, what was skipped or dropped),
    written at the first checkpoint."""

    def on_checkpoint(self, trainer) -> None:
        path = trainer.run.root / "music-data.json"
        if not path.exists():
            write_json_atomically(path, trainer.data.record, "the data record")

    def files(self, trainer) -> dict[str, Path]:
        return {"music data": trainer.run.root / "music-data.json"}
