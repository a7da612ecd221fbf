"""What the music families share: the grid their samples lie on, so that `genforge sample` can bound
its files before drawing, and `--bars` asks each family for a length it can give."""

from __future__ import annotations

from dataclasses import dataclass

from ..core.errors import GenforgeError
from .base import GenerativeModel


@dataclass(frozen=True)
class MusicGrid:
    steps: int  # events or frames per sample
    steps_per_quarter: int
    representation: str  # "melody" | "pianoroll" | "voices"

    @property
    def steps_per_bar(self) -> int:
        return 4 * self.steps_per_quarter


class MusicModel(GenerativeModel):
    def grid(self, bars: int | None = None) -> MusicGrid:
        """The grid of `bars`-bar samples (None: the model's own length); a length the model cannot
        give is one line."""
        raise NotImplementedError

    def fixed_length(self, steps: int, per_quarter: int, representation: str, bars: int | None) -> MusicGrid:
        """The grid of a model that generates one length only (the length it was trained on)."""
        trained = steps // (4 * per_quarter)
        if bars is not None and bars != trained:
            raise GenforgeError(f"this run's {self.config.name} makes {trained}-bar melodies (it was trained on "
                                f"{trained} bars); --bars {bars} needs a model trained with --bars {bars}")
        return MusicGrid(steps, per_quarter, representation)
