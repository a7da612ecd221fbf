"""The image modality's callbacks in the training loop: channels-last layout, x-flip augmentation,
and the fixed-noise sample grid with its real-versus-generated picture at every checkpoint."""

from __future__ import annotations

from pathlib import Path

import torch

from ...core import Batch
from ...data.image.transforms import mirrored
from ...core.callbacks import Callback
from .grids import class_rows, save_grid, save_side_by_side

# The fields of a Batch that hold images, and the flip stream each draws from: one item's images
# share a stream (a pair is flipped as one); the unpaired domains have one each.
MIRROR_STREAMS = {"x": "mirror", "source": "mirror", "target": "mirror", "a": "mirror-a", "b": "mirror-b"}
IMAGE_FIELDS = tuple(MIRROR_STREAMS)


class ChannelsLast(Callback):
    """NHWC networks and batches: faster convolutions on GPUs with tensor cores."""

    def on_model(self, trainer) -> None:
        trainer.model.to(memory_format=torch.channels_last)

    def on_batch(self, trainer, batch: Batch) -> Batch:
        return batch.map(lambda name, value: value.contiguous(memory_format=torch.channels_last)
                         if name in IMAGE_FIELDS and value.dim() == 4 else value)


class Mirror(Callback):
    """Each drawn image flipped left-right with probability 1/2, from a stream that is a pure
    function of (seed, step) (BatchSchedule.flips), so a resumed run flips the same images. The images
    of one item are flipped together (`x`, or a pair's `source` and `target`); unpaired domains (`a`,
    `b`) each draw their own flips."""

    def on_batch(self, trainer, batch: Batch) -> Batch:
        draws = {}

        def flipped(name: str, value: torch.Tensor) -> torch.Tensor:
            if name not in IMAGE_FIELDS or value.dim() != 4:
                return value
            stream = MIRROR_STREAMS[name]
            if stream not in draws:
                draws[stream] = trainer.world.shard(trainer.schedule.flips(trainer.step, stream)).to(value.device)
            return mirrored(value, draws[stream])

        return batch.map(flipped)


class SampleGrids(Callback):
    """RUN/samples/step-K.png from the same noise at every checkpoint (one row per class for a
    conditional model), and RUN/real-vs-generated.png."""

    def on_checkpoint(self, trainer) -> None:
        model, run = trainer.model, trainer.run
        count, seed = trainer.config.train.grid_size, trainer.config.train.seed
        if model.num_classes:  # one row per class
            labels, columns = class_rows(model.num_classes, count)
            generated = model.sample(len(labels), seed=seed, labels=labels).values
        else:
            generated, columns = model.sample(count, seed=seed).values, None
        save_grid(generated, run.sample_grid_path(trainer.step), columns)
        if trainer.tensorboard:
            trainer.tensorboard.image(trainer.step, "samples", run.sample_grid_path(trainer.step))
        chooser = torch.Generator().manual_seed(seed)
        real = trainer.data.images_at(torch.randperm(len(trainer.data), generator=chooser)[:len(generated)])
        save_side_by_side({"real": real, "generated": generated}, run.side_by_side_path, columns)

    def files(self, trainer) -> dict[str, Path]:
        return {"samples": trainer.run.sample_grid_path(trainer.step), "real vs generated": trainer.run.side_by_side_path}
