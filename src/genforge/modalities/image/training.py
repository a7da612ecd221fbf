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


class PairedTask(Callback):
    """Each drawn image made into a training pair of the data's task (data/image/tasks.py): `source`,
    `target` (the image, in [-1, 1]) and for inpainting the hole as `mask`, from one seed per item of
    the batch schedule's stream "task", so a resumed run makes the same pairs."""

    def on_batch(self, trainer, batch: Batch) -> Batch:
        from ...data.image.transforms import to_signed_unit

        spec = trainer.data.spec
        draws = trainer.world.shard(trainer.schedule.draws(trainer.step, "task"))
        seeds = (draws.double() * 2**40).long()
        pairs = spec_task(spec).pairs(to_signed_unit(batch.x), seeds, spec.task_options)
        return batch.replace(x=None, **pairs)


def spec_task(spec):
    from ...data.image.tasks import TASKS

    return TASKS.get(spec.task)


def viewable(source: torch.Tensor, channels: int) -> torch.Tensor:
    """A task's source as a picture of the target's channels: an inpainting input without its mask
    channel, a one-channel input repeated for RGB targets."""
    picture = source[:, :channels]
    return picture.expand(-1, channels, -1, -1) if picture.shape[1] < channels else picture


def task_rows(model, images: torch.Tensor, spec, seed: int) -> torch.Tensor:
    """input | output | target, a row per image (uint8), the pairs made from (seed, image index)."""
    from ...data.image.tasks import finished, held_out_seeds
    from ...data.image.transforms import from_signed_unit, to_signed_unit

    target = to_signed_unit(images)
    pairs = spec_task(spec).pairs(target, held_out_seeds(seed, torch.arange(len(images))), spec.task_options)
    output = finished(pairs, model.convert(pairs["source"]))
    rows = torch.stack([viewable(pairs["source"], target.shape[1]), output, target], dim=1)
    return from_signed_unit(rows.flatten(0, 1))


class TaskPreviews(Callback):
    """RUN/samples/step-K.png at every checkpoint: input | output | target for the same training
    images, a row each (an image-to-image model generates from inputs, not from noise)."""

    ROWS = 8

    def on_checkpoint(self, trainer) -> None:
        seed = trainer.config.train.seed
        chosen = torch.randperm(len(trainer.data), generator=torch.Generator().manual_seed(seed))[:self.ROWS]
        rows = task_rows(trainer.model, trainer.data.images_at(chosen).cpu(), trainer.data.spec, seed)
        save_grid(rows, trainer.run.sample_grid_path(trainer.step), 3)

    def files(self, trainer) -> dict[str, Path]:
        return {"input | output | target": trainer.run.sample_grid_path(trainer.step)}


class CyclePreviews(Callback):
    """RUN/samples/step-K.png at every checkpoint: for the same images of each domain, a row of the
    image, its translation and the translation back (a -> b -> a, then b -> a -> b)."""

    ROWS = 4

    def on_checkpoint(self, trainer) -> None:
        from ...data.image.transforms import from_signed_unit, to_signed_unit

        rows, chooser = [], torch.Generator().manual_seed(trainer.config.train.seed)
        for domain, there, back in (("a", "a2b", "b2a"), ("b", "b2a", "a2b")):
            length = trainer.data.stream_length(domain)
            chosen = torch.randperm(length, generator=chooser)[:self.ROWS]
            images = to_signed_unit(trainer.data.domain_images(domain, chosen).cpu())
            translated = trainer.model.translate(images, there)
            rows.append(torch.stack([images, translated, trainer.model.translate(translated, back)], 1).flatten(0, 1))
        save_grid(from_signed_unit(torch.cat(rows)), trainer.run.sample_grid_path(trainer.step), 3)

    def files(self, trainer) -> dict[str, Path]:
        return {"a -> b -> a, b -> a -> b": trainer.run.sample_grid_path(trainer.step)}


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
