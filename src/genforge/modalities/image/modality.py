"""The image modality's entry in core.MODALITIES."""

from __future__ import annotations

from ...core import MODALITIES, Batch, Modality
import numpy as np

from .npz_writer import ChunkedNpzWriter
from .grids import save_grid
from .training import ChannelsLast, Mirror, SampleGrids


class ImageModality(Modality):
    name = "image"
    unit = "image"
    formats = ("png", "npz")
    feature_metrics = True
    training_metric = "fid"  # only when asked for (train.eval_every): it costs thousands of samples

    def write(self, samples, path, fmt: str) -> None:
        """A PNG grid, or an .npz of NHWC uint8 "images" (and "labels" when drawn by class)."""
        if fmt == "png":
            save_grid(samples.values, path)
            return
        with ChunkedNpzWriter(path) as writer:
            writer.begin("images", (len(samples), *samples.values.shape[2:], samples.values.shape[1]), np.uint8)
            writer.write(samples.values.permute(0, 2, 3, 1).numpy())
            if samples.labels is not None:
                writer.begin("labels", (len(samples),), np.int64)
                writer.write(samples.labels.numpy().astype(np.int64))

    def units_in(self, batch: Batch) -> int:
        return len(batch)

    def training_callbacks(self, config, data) -> list:
        callbacks = [ChannelsLast()] if config.train.channels_last else []
        if config.data.mirror:
            callbacks.append(Mirror())
        return [*callbacks, SampleGrids()]


MODALITIES.register("image")(ImageModality())
