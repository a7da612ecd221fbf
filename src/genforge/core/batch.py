"""`Batch`: the named tensors of one training step.

The names say what the data is, so one loop feeds every family: `x` for a single stream (images,
token ids, note events, clips); `source`/`target` for paired data (pix2pix: an input image and the
image it should become); `a`/`b` for unpaired domains (CycleGAN); optional `labels`; and `mask`/
`lengths` for sequences of varying length. The loop moves a Batch to the device and hands it to the
model's `train_step`; it never looks inside.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Callable, Iterator

import torch

FIELDS = ("x", "source", "target", "a", "b", "labels", "mask", "lengths")


@dataclass(frozen=True)
class Batch:
    x: torch.Tensor | None = None
    source: torch.Tensor | None = None
    target: torch.Tensor | None = None
    a: torch.Tensor | None = None
    b: torch.Tensor | None = None
    labels: torch.Tensor | None = None
    mask: torch.Tensor | None = None
    lengths: torch.Tensor | None = None

    def __post_init__(self):
        sizes = {name: len(value) for name, value in self.items()}
        if not sizes:
            raise ValueError("a Batch needs at least one tensor")
        # Unpaired domains may differ in size; everything else describes the same items.
        paired = {name: size for name, size in sizes.items() if name not in ("a", "b")}
        if len(set(paired.values())) > 1:
            raise ValueError(f"a Batch's tensors must have one length each item, got {paired}")

    def items(self) -> Iterator[tuple[str, torch.Tensor]]:
        """(name, tensor) for every tensor present, in FIELDS order."""
        for name in FIELDS:
            value = getattr(self, name)
            if value is not None:
                yield name, value

    def __len__(self) -> int:
        return len(next(iter(self.items()))[1])

    def map(self, function: Callable[[str, torch.Tensor], torch.Tensor]) -> "Batch":
        """A Batch with `function(name, tensor)` in place of each tensor."""
        return dataclasses.replace(self, **{name: function(name, value) for name, value in self.items()})

    def to(self, device: torch.device | str, non_blocking: bool = False) -> "Batch":
        return self.map(lambda _, value: value.to(device, non_blocking=non_blocking))

    def replace(self, **tensors: torch.Tensor | None) -> "Batch":
        return dataclasses.replace(self, **tensors)
