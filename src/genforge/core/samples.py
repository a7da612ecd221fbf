"""`Samples`: what a model's `sample` returns, tagged with its modality and how it was drawn.

`values` is the raw output (uint8 images (n, C, H, W); int64 token ids (n, T); later note events
and clips); `decoded` holds a human form where there is one (the strings of token ids);
`conditioning` records what the draw was conditioned on (seed, class labels, prompt, temperature,
input images), so a writer can say how a file was made. Modalities write and preview Samples
(core/modality.py); nothing else needs to know what is inside.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Iterator, Sequence

import torch


@dataclass(frozen=True)
class Samples:
    modality: str
    values: torch.Tensor
    decoded: tuple[Any, ...] | None = None
    labels: torch.Tensor | None = None
    conditioning: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self):
        if self.decoded is not None and len(self.decoded) != len(self.values):
            raise ValueError(f"{len(self.decoded)} decoded items for {len(self.values)} samples")

    def __len__(self) -> int:
        return len(self.values)

    def __iter__(self) -> Iterator[Any]:
        """The samples one by one: decoded items (strings) where there are some, else rows of `values`."""
        return iter(self.decoded if self.decoded is not None else self.values)

    def __getitem__(self, index: int) -> Any:
        return (self.decoded if self.decoded is not None else self.values)[index]

    @staticmethod
    def cat(parts: Sequence["Samples"]) -> "Samples":
        """Consecutive draws of one modality as one Samples (the first part's conditioning)."""
        if not parts:
            raise ValueError("nothing to concatenate")
        first = parts[0]
        if any(part.modality != first.modality for part in parts):
            raise ValueError("cannot concatenate samples of different modalities")
        decoded = None if first.decoded is None else tuple(item for part in parts for item in part.decoded)
        labels = None if first.labels is None else torch.cat([part.labels for part in parts])
        return dataclasses.replace(first, values=torch.cat([part.values for part in parts]), decoded=decoded,
                                   labels=labels)
