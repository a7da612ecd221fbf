"""Which items form the batch of each step, and the random draws that go with them (flips, mask
shapes, crop offsets, transpositions), as pure functions of (seed, step, stream), so that a resumed
run sees exactly the batches and the augmentation it would have seen, whatever the modality.

A dataset has one index stream, `x`, unless its spec names several (`DataSpec.streams`: CycleGAN's
two domains `a` and `b`), each over its own length: domains of different sizes each go through their
own permutations. Each epoch of a stream is a fresh permutation from a generator seeded by (seed,
stream, epoch); the last incomplete batch of an epoch is dropped. Per-item draws come from a
generator seeded by (seed, stream, step). Nothing is carried from step to step, so resuming at step
k needs no saved data-loader state.
"""

from __future__ import annotations

import zlib

import numpy as np
import torch

from ..core.errors import ConfigError

SINGLE_STREAM = "x"
MIRROR_STREAM = 1 << 48  # keeps the flips' generator seeds apart from the epochs' permutation seeds


def stream_seed(seed: int, stream: str, counter: int, purpose: int) -> int:
    """A generator seed for (seed, stream, epoch or step): the single stream's permutations and the
    flips keep the seeds they have always had, so older runs resume bit-identically; other streams
    mix their name's CRC-32 in through NumPy's SeedSequence."""
    if stream == SINGLE_STREAM and purpose == 0:
        return seed * 1_000_003 + counter
    if stream == "mirror" and purpose == 1:
        return MIRROR_STREAM + seed * 1_000_003 + counter
    mixed = np.random.SeedSequence([seed % 2**64, zlib.crc32(stream.encode()), counter, purpose])
    return int(mixed.generate_state(1, dtype=np.uint64)[0] >> 1)


class BatchSchedule:
    def __init__(self, sizes: int | dict[str, int], batch_size: int, seed: int, items: str = "items"):
        sizes = {SINGLE_STREAM: sizes} if isinstance(sizes, int) else dict(sizes)
        for stream, size in sizes.items():
            if batch_size > size:
                owner = "the dataset's" if len(sizes) == 1 else f"stream {stream}'s"
                raise ConfigError(f"train.batch_size {batch_size} exceeds {owner} {size} {items}")
        self.sizes = sizes
        self.batch_size = batch_size
        self.seed = seed
        self._orders: dict[str, tuple[int, torch.Tensor]] = {}

    @property
    def streams(self) -> tuple[str, ...]:
        return tuple(self.sizes)

    def indices(self, step: int, stream: str = SINGLE_STREAM) -> torch.Tensor:
        """The items of `stream` in step's batch."""
        size = self.sizes[stream]
        epoch, position = divmod(step, size // self.batch_size)
        cached = self._orders.get(stream)
        if cached is None or cached[0] != epoch:
            generator = torch.Generator().manual_seed(stream_seed(self.seed, stream, epoch, 0))
            cached = self._orders[stream] = (epoch, torch.randperm(size, generator=generator))
        start = position * self.batch_size
        return cached[1][start: start + self.batch_size]

    def batch_indices(self, step: int) -> dict[str, torch.Tensor]:
        """Every stream's items of step's batch, by stream name."""
        return {stream: self.indices(step, stream) for stream in self.sizes}

    def draws(self, step: int, stream: str, *shape: int) -> torch.Tensor:
        """Uniform numbers in [0, 1) for the items of step's batch, (batch_size, *shape): a random choice
        per item (a mask, a crop, a transposition) from a stream of its own, the same on every resume."""
        generator = torch.Generator().manual_seed(stream_seed(self.seed, stream, step, 1))
        return torch.rand(self.batch_size, *shape, generator=generator)

    def flips(self, step: int, stream: str = "mirror") -> torch.Tensor:
        """Which items of step's batch to flip left-right (bool, each with probability 1/2)."""
        return self.draws(step, stream) < 0.5
