"""The image modality's entry in core.MODALITIES."""

from __future__ import annotations

from ...core import MODALITIES, Batch, Modality
from .training import ChannelsLast, Mirror, SampleGrids


class ImageModality(Modality):
    name = "image"
    unit = "image"
    formats = ("png", "npz")

    def units_in(self, batch: Batch) -> int:
        return len(batch)

    def training_callbacks(self, config, data) -> list:
        callbacks = [ChannelsLast()] if config.train.channels_last else []
        if config.data.mirror:
            callbacks.append(Mirror())
        return [*callbacks, SampleGrids()]


MODALITIES.register("image")(ImageModality())
