"""The one interface every data source returns: images held in memory as one uint8 tensor."""

from __future__ import annotations

from dataclasses import dataclass

import torch


@dataclass
class ImageSet:
    """`images` is uint8 (N, C, H, W); `labels` int64 (N,) or None; `class_names` by label."""

    name: str
    images: torch.Tensor
    labels: torch.Tensor | None = None
    class_names: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if self.images.dtype != torch.uint8 or self.images.dim() != 4:
            raise ValueError("ImageSet.images must be a uint8 tensor of shape (N, C, H, W)")

    def __len__(self) -> int:
        return self.images.shape[0]

    @property
    def channels(self) -> int:
        return self.images.shape[1]

    @property
    def image_size(self) -> int:
        return self.images.shape[2]


class BatchSchedule:
    """Which images form the batch of each step, as a pure function of (seed, step).

    Each epoch is a fresh permutation drawn from a generator seeded by (seed, epoch); the last
    incomplete batch of an epoch is dropped. Because nothing is carried from step to step,
    resuming at step k needs no saved data-loader state and reproduces the same batches.
    """

    def __init__(self, size: int, batch_size: int, seed: int):
        if batch_size > size:
            raise ValueError(f"batch size {batch_size} exceeds the dataset's {size} images")
        self.size = size
        self.batch_size = batch_size
        self.seed = seed
        self.batches_per_epoch = size // batch_size
        self._epoch = -1
        self._order = torch.empty(0, dtype=torch.long)

    def indices(self, step: int) -> torch.Tensor:
        epoch, position = divmod(step, self.batches_per_epoch)
        if epoch != self._epoch:
            generator = torch.Generator().manual_seed(self.seed * 1_000_003 + epoch)
            self._order = torch.randperm(self.size, generator=generator)
            self._epoch = epoch
        start = position * self.batch_size
        return self._order[start: start + self.batch_size]
