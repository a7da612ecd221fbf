"""Images that stand for an image-to-image task: the same images and batches (`x`), with a spec that
names the task, its options and the channels of what the model is given, so that a model sizes its
input from the data and the training loop's task callback (modalities/image/training.py) and the
evaluation make the pairs from it."""

from __future__ import annotations

import dataclasses

from .image_set import ImageSpec
from .tasks import TASKS, TaskOptions


class TaskImages:
    """An ImageSet (or a subset of one) with the task in its spec; everything else is the set's own."""

    def __init__(self, images, task: str, options: TaskOptions):
        self.images_set, self.task, self.options = images, TASKS.get(task), options

    @classmethod
    def of(cls, images, config) -> "TaskImages":
        options = TaskOptions(mask=config.mask, hole_fraction=config.hole_fraction, factor=config.factor)
        made = cls(images, config.task, options)
        made.task.check(images.channels, images.image_size, options)
        return made

    @property
    def spec(self) -> ImageSpec:
        return dataclasses.replace(self.images_set.spec, task=self.task.name, task_options=self.options,
                                   source_channels=self.task.source_channels(self.images_set.channels))

    def on_device(self, device) -> "TaskImages":
        return TaskImages(self.images_set.on_device(device), self.task.name, self.options)

    def subset(self, count: int) -> "TaskImages":
        return TaskImages(self.images_set.subset(count), self.task.name, self.options)

    def __len__(self) -> int:
        return len(self.images_set)

    def __getattr__(self, name: str):
        return getattr(self.images_set, name)
