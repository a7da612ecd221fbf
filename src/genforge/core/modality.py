"""A modality: everything about a kind of data that is not a model or a data source.

Each modality (modalities/image.py, modalities/text.py) says how its samples are written to files,
previewed during training and in reports, what its unit of throughput is, what it measures by
default and which report sections it contributes. The loop, the pipelines and the reports look the
modality up here by the name a dataset or Samples carries; none of them has an if on "image".
"""

from __future__ import annotations

from typing import ClassVar

from .registry import Registry


class Modality:
    name: ClassVar[str]
    unit: ClassVar[str]  # what throughput counts: "image" gives images/s, "token" tokens/s
    formats: ClassVar[tuple[str, ...]]  # file formats `write` knows, the first the default
    # The metric evaluated during training (a name in its metrics handler's training_metrics, metrics/handlers.py),
    # and whether it runs at every checkpoint without being asked (train.eval_every sets how often).
    training_metric: ClassVar[str | None] = None
    # Whether `genforge eval`'s feature-network metrics (IS, FID, KID, precision/recall) score its samples.
    feature_metrics: ClassVar[bool] = False
    evaluate_by_default: ClassVar[bool] = False

    default_count: ClassVar[int] = 1  # what `genforge sample` draws without --n
    # Whether it writes a folder of files per request (its format "folder": music's MIDI, WAV and picture
    # of each sample), chosen by an --out that ends in "/", has no suffix or is an existing folder.
    writes_folders: ClassVar[bool] = False

    def write(self, chunks, path, fmt: str, total: int, **layout) -> None:
        """`total` samples, arriving as an iterable of Samples a chunk at a time, to a file in one of
        `formats` (a PNG grid; an .npz; a .txt), or printed where `path` is None and the modality
        prints. Each chunk is consumed as it comes, so memory holds one; the file appears whole or
        not at all. `layout`: how the pipeline asks the samples to be laid out (a grid's columns)."""
        raise NotImplementedError

    def output_bytes(self, model, n: int, fmt: str, options: dict) -> int:
        """An upper bound of the bytes `write` puts on disk for n samples drawn with `options`: what
        the disk must hold before the first is drawn."""
        raise NotImplementedError

    def check_output(self, model, n: int, fmt: str | None, printed: bool) -> None:
        """Refuse, in one line, what cannot be written or printed at all (a PNG grid too large to
        open; samples with no file to go to)."""

    def units_in(self, batch) -> int:
        """How many units of throughput a training batch holds (images; tokens)."""
        return len(batch)

    def training_callbacks(self, config, data) -> list:
        """The modality's callbacks for the training loop (previews, augmentation, memory layout),
        chosen by the run's config (core/callbacks.py)."""
        return []

    def report_sections(self, context) -> list:
        """(title, html) sections of a run's report for this modality."""
        return []


MODALITIES: Registry[Modality] = Registry("modality")
