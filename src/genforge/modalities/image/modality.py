"""The image modality's entry in core.MODALITIES."""

from __future__ import annotations

import numpy as np
import torch
from PIL import Image

from ...core import MODALITIES, Batch, Modality
from ...core.errors import GenforgeError
from .grids import save_grid
from .npz_writer import ChunkedNpzWriter
from .training import ChannelsLast, CyclePreviews, Mirror, PairedTask, SampleGrids, TaskPreviews

# The largest PNG grid written: Pillow's decompression-bomb limit, past which viewers refuse it too.
MAX_GRID_PIXELS = Image.MAX_IMAGE_PIXELS or 89_478_485


class ImageModality(Modality):
    name = "image"
    unit = "image"
    formats = ("png", "npz")
    default_count = 64
    feature_metrics = True
    training_metric = "fid"  # only when asked for (train.eval_every): it costs thousands of samples

    def write(self, chunks, path, fmt: str, total: int, columns: int | None = None) -> None:
        """A PNG grid (`columns` wide), or an .npz of NHWC uint8 "images" (the layout of StyleGAN's and
        clean-fid's .npz files) and "labels" when drawn by class, written a chunk at a time."""
        if fmt == "png":  # a grid is one picture: its size is bounded by check_output
            save_grid(torch.cat([chunk.values for chunk in chunks]), path, columns)
            return
        labels = []
        with ChunkedNpzWriter(path) as writer:
            for index, chunk in enumerate(chunks):
                if index == 0:
                    writer.begin("images", (total, *chunk.values.shape[2:], chunk.values.shape[1]), np.uint8)
                writer.write(chunk.values.permute(0, 2, 3, 1).numpy())
                if chunk.labels is not None:
                    labels.append(chunk.labels.numpy().astype(np.int64))
            if labels:
                writer.begin("labels", (total,), np.int64)
                for part in labels:
                    writer.write(part)

    def output_bytes(self, model, n: int, fmt: str, options: dict) -> int:
        """uint8 pixels, and int64 labels for a conditional model: an upper bound for the .npz."""
        config = model.config
        return n * config.channels * config.image_size ** 2 + (8 * n if model.num_classes else 0)

    def check_output(self, model, n: int, fmt: str | None, printed: bool) -> None:
        if printed:
            raise GenforgeError("--out is needed for images: name a grid.png or a samples.npz")
        size = model.config.image_size
        if fmt == "png" and n * size * size > MAX_GRID_PIXELS:
            raise GenforgeError(f"a PNG grid of {n} images of {size}x{size} has {n * size * size / 1e6:.0f} megapixels, "
                                f"more than image viewers open ({MAX_GRID_PIXELS / 1e6:.0f}); write them to a .npz "
                                "instead")

    def units_in(self, batch: Batch) -> int:
        return len(batch)

    def training_callbacks(self, config, data) -> list:
        callbacks = [ChannelsLast()] if config.train.channels_last else []
        if config.data.mirror:
            callbacks.append(Mirror())
        if data.spec.task:  # pairs made from the images, and previews of inputs, outputs and targets
            return [*callbacks, PairedTask(), TaskPreviews()]
        if data.spec.domains:  # two unpaired domains: previews of their cycles
            return [*callbacks, CyclePreviews()]
        return [*callbacks, SampleGrids()]


MODALITIES.register("image")(ImageModality())
