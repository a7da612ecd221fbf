"""`genforge prepare`: decode a photo dataset into its uint8 cache now, before any training.

The first `train` on photos builds this cache itself. Preparing it apart is StyleGAN2-ADA's
dataset_tool step: done once, on any machine that sees the files, and a torchrun job's processes
then start at once instead of waiting for rank 0 to decode. It takes the data flags `train` takes
(a preset's included) and reports what it found.
"""

from __future__ import annotations

from ..training.run_config import build_run_config, merge
from ..data.image.config import PhotoDataConfig
from ..core.errors import GenforgeError
from .data_flags import add_source_arguments, preset_and_config, source_overrides

SHOWN_SKIPPED = 5


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser("prepare", help="build a photo dataset's cache ahead of training", description=__doc__)
    add_source_arguments(parser, training=False)
    parser.add_argument("--split", help="celeba: train (default), valid, test or all")
    parser.set_defaults(run=run)


def run(args) -> int:
    # The cache holds the whole split: a run's --max-images subset is chosen from it when training.
    data = {**source_overrides(args), "cache": True, "max_images": None}
    if args.split is not None:
        data["split"] = args.split
    config = build_run_config(merge(preset_and_config(args), {"data": data}))
    if not isinstance(config.data, PhotoDataConfig):
        raise GenforgeError(f"prepare builds the cache of a photo dataset (celeba, folder); {config.data.name} needs none")
    from ..data import load_dataset  # here, not at the top: the parser and the config check need no torch

    images = load_dataset(config.data)
    channels, height, width = images.shape[1:]
    print(f"{images.name}: {len(images)} images of {channels}x{height}x{width}, {images.storage}")
    if images.class_names:
        print(f"  {len(images.class_names)} classes: {', '.join(images.class_names[:10])}"
              + (" ..." if len(images.class_names) > 10 else ""))
    if images.skipped:
        print(f"  skipped {len(images.skipped)} unusable file(s):")
        for line in images.skipped[:SHOWN_SKIPPED]:
            print(f"    {line}")
        if len(images.skipped) > SHOWN_SKIPPED:
            print(f"    ... and {len(images.skipped) - SHOWN_SKIPPED} more (train lists them all in RUN/skipped-files.txt)")
    return 0
