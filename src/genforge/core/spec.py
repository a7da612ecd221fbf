"""`DataSpec`: what one item of a dataset looks like, declared by the dataset and read by the model.

A model is fitted to its data through the spec (an image model takes its size and channels, a
language model its vocabulary), so the loop never copies fields it would have to understand.
Each kind of data subclasses it where its datasets live (data/image_set.py: ImageSpec; data/text/:
TokenSpec), so data sources need nothing above the data layer.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DataSpec:
    modality: str
    class_names: tuple[str, ...] = ()  # empty: the data has no class labels

    @property
    def loss_unit(self) -> str:
        """The unit of a model's validation loss on this data (nats per token; per frame; per pixel)."""
        return "nats/item"

    @property
    def item_name(self) -> str:
        """What one item is called in messages ("images")."""
        return "items"

    @property
    def streams(self) -> tuple[str, ...]:
        """The index streams of its batches (training/batch_schedule.py): one, `x`, unless the data
        holds several collections drawn apart (two unpaired domains: `a`, `b`), each with its own length
        (the dataset's `stream_length(name)`) and its batches taken by `take({name: indices})`."""
        return ("x",)

    @property
    def num_classes(self) -> int | None:
        return len(self.class_names) or None

    def assets(self) -> dict[str, dict]:
        """What a model trained on this data keeps beside its tensors (a text dataset's tokeniser),
        as JSON objects by name (GenerativeModel.load_assets)."""
        return {}
