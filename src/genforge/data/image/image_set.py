"""The dataset every image source returns: an ImageSet of uint8 images, in memory or in a file.

Like every dataset (core/__init__.py), it has a `modality`, a `spec` (ImageSpec: size, channels and
class names) and `take(indices) -> Batch` (batch.x: the images, batch.labels: their classes).
"""

from __future__ import annotations

from dataclasses import dataclass

import torch

from ...core import Batch, DataSpec
from ...core.errors import ConfigError



@dataclass(frozen=True)
class ImageSpec(DataSpec):
    """Square images of `size` pixels with `channels` channels (1 grey, 3 RGB)."""

    modality: str = "image"
    size: int = 0
    channels: int = 0
    task: str | None = None  # an image-to-image task made from the images (tasks.py): its name
    task_options: object = None  # its TaskOptions
    source_channels: int = 0  # the channels of what a task's model is given
    domains: tuple[str, ...] = ()  # two unpaired domains (domains.py): the classes they are

    @property
    def streams(self) -> tuple[str, ...]:
        return ("a", "b") if self.domains else ("x",)

    @property
    def item_name(self) -> str:
        return "images"


class ImageSet:
    """Images of one dataset split: uint8 (N, C, H, W), with int64 labels (N,) or None.

    Small datasets hold `images` in memory. Photo datasets are backed by a file instead: `take`
    reads just a batch's rows through `reader` (no decoded dataset in RAM), and `images` maps the
    whole file lazily for the tools that want a tensor (evaluation, reconstructions).
    `skipped` lists "path: reason" for every file the source could not use.
    """

    def __init__(self, name: str, images: torch.Tensor | None, labels: torch.Tensor | None = None,
                 class_names: tuple[str, ...] = (), *, reader: "RowReader | None" = None,
                 skipped: tuple[str, ...] = ()):
        if images is None and reader is None:
            raise ValueError("ImageSet needs images or a reader")
        if images is not None and (images.dtype != torch.uint8 or images.dim() != 4):
            raise ValueError("ImageSet.images must be a uint8 tensor of shape (N, C, H, W)")
        self.name = name
        self._images = images
        self.labels = labels
        self.class_names = tuple(class_names)
        self.reader = reader
        self._skipped = tuple(skipped)

    modality = "image"

    @property
    def spec(self) -> ImageSpec:
        return ImageSpec(class_names=self.class_names, size=self.image_size, channels=self.channels)

    @property
    def skipped(self) -> tuple[str, ...]:
        """Files left out when the set was made, and any a reader found unusable since."""
        return self._skipped + tuple(getattr(self.reader, "late_failures", ()))

    @property
    def shape(self) -> tuple[int, int, int, int]:
        return tuple(self._images.shape) if self._images is not None else self.reader.shape

    @property
    def images(self) -> torch.Tensor:
        if self._images is None:
            self._images = self.reader.all()
        return self._images

    @property
    def in_memory(self) -> bool:
        return self.reader is None

    @property
    def storage(self) -> str:
        """Where the images are, for messages."""
        return "in memory" if self.reader is None else self.reader.storage

    def images_at(self, index: torch.Tensor) -> torch.Tensor:
        """The images at `index` (a 1-d int64 tensor), in that order."""
        if self.reader is not None:
            return self.reader.rows(index.cpu())
        return self._images[index.to(self._images.device)]

    def take(self, index: torch.Tensor) -> Batch:
        """The training batch of the items at `index`: images as `x`, and their labels when there are some."""
        labels = None if self.labels is None else self.labels[index.to(self.labels.device)]
        return Batch(x=self.images_at(index), labels=labels)

    def on_device(self, device: torch.device) -> "ImageSet":
        """This set with its tensors on `device` when it is small enough to live in memory (read once,
        indexed there at every step); a file-backed set stays where it is, read a batch at a time."""
        labels = self.labels.to(device) if self.labels is not None else None
        if self.reader is not None:
            return ImageSet(self.name, None, labels, self.class_names, reader=self.reader, skipped=self._skipped)
        return ImageSet(self.name, self._images.to(device), labels, self.class_names, skipped=self._skipped)

    def __len__(self) -> int:
        return self.shape[0]

    def subset(self, count: int) -> "ImageSet":
        """`count` of the images (all when there are fewer), chosen at random but the same in every
        run (the choice is seeded by a constant, as StyleGAN2-ADA's --subset), kept in their order.
        The choice is among the usable images, so a photo set read without its cache (which only
        finds truncated files when it reaches them) can choose others."""
        if count >= len(self):
            return self
        chosen = torch.randperm(len(self), generator=torch.Generator().manual_seed(0))[:count].sort().values
        labels = self.labels[chosen] if self.labels is not None else None
        if self.reader is None:
            return ImageSet(self.name, self._images[chosen], labels, self.class_names, skipped=self._skipped)
        # The reader's late failures come through SubsetRows; only the set's own list is copied.
        return ImageSet(self.name, None, labels, self.class_names, reader=SubsetRows(self.reader, chosen),
                        skipped=self._skipped)

    @property
    def channels(self) -> int:
        return self.shape[1]

    @property
    def image_size(self) -> int:
        return self.shape[2]


class RowReader:
    """Reads rows of a dataset stored outside memory; see data/image_cache.py."""

    shape: tuple[int, int, int, int]
    storage = "read from files"

    def rows(self, index: torch.Tensor) -> torch.Tensor:
        raise NotImplementedError

    def all(self) -> torch.Tensor:
        return self.rows(torch.arange(self.shape[0]))


class SubsetRows(RowReader):
    """Some rows of another reader: row i here is row `chosen[i]` there."""

    def __init__(self, reader: RowReader, chosen: torch.Tensor):
        self.reader = reader
        self.chosen = chosen
        self.shape = (len(chosen), *reader.shape[1:])

    @property
    def late_failures(self) -> tuple[str, ...]:
        return tuple(getattr(self.reader, "late_failures", ()))

    def rows(self, index: torch.Tensor) -> torch.Tensor:
        return self.reader.rows(self.chosen[index])

    @property
    def storage(self) -> str:
        return self.reader.storage
