"""Image sets to evaluate, named on the command line:

    fashion-mnist:test     a registered dataset and split
    samples.npz            uint8 arrays under "images" (N, H, W, C), (N, C, H, W) or (N, H, W)
    path/to/folder         PNG / JPG / WebP / BMP files (searched recursively)
    runs/NAME              a trained run: N images are sampled from its newest checkpoint

Each loader returns uint8 (N, C, H, W) and a list of notes on how odd input was handled.
"""

from __future__ import annotations

import dataclasses
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import numpy as np
import torch
from PIL import Image

from ...data.config import DataConfig
from ...data import DATASETS, data_config, load_dataset
from ...core.errors import EvalError
from ...core.registry import Registry

IMAGE_SUFFIXES = {".png", ".jpg", ".jpeg", ".webp", ".bmp"}

# "run" -> (run folder or one checkpoint folder of a run, n, seed) -> uint8 images (n, C, H, W): registered
# by genforge.pipelines.
RUN_READERS: Registry[Callable[[Path, int, int], torch.Tensor]] = Registry("run reader")


@dataclass
class ImageSource:
    spec: str
    kind: str  # dataset | npz | folder | run
    images: torch.Tensor
    notes: list[str] = field(default_factory=list)


def seeded_subset(images: torch.Tensor, n: int | None, seed: int) -> torch.Tensor:
    if n is None or n >= images.shape[0]:
        return images
    order = torch.randperm(images.shape[0], generator=torch.Generator().manual_seed(seed))
    return images[order[:n].sort().values]


def parse_dataset_spec(spec: str, template: DataConfig | None = None) -> DataConfig | None:
    """"name:split" as a DataConfig; a run's own data config (`template`) supplies the folder and the
    photo options (size, crop...) when it names the same dataset. A reference is the whole split,
    also when the run trained on a subset of it (`max_images`)."""
    name, _, split = spec.partition(":")
    if name not in DATASETS:
        return None
    base = template if template is not None and template.name == name else data_config(name)
    return dataclasses.replace(base, split=split or "test", max_images=None)


def images_from_array(array: np.ndarray, where: str) -> torch.Tensor:
    if array.dtype != np.uint8:
        detail = " and holds NaN" if np.issubdtype(array.dtype, np.floating) and np.isnan(array).any() else ""
        raise EvalError(f"{where}: images must be uint8 in 0..255, found {array.dtype}{detail}")
    if array.ndim == 3:
        array = array[:, None]
    elif array.ndim == 4 and array.shape[-1] in (1, 3) and array.shape[1] not in (1, 3):
        array = array.transpose(0, 3, 1, 2)
    if array.ndim != 4 or array.shape[1] not in (1, 3):
        raise EvalError(f"{where}: expected images (N, H, W, C) with 1 or 3 channels, found shape {array.shape}")
    if array.shape[0] == 0:
        raise EvalError(f"{where}: holds no images")
    return torch.from_numpy(np.ascontiguousarray(array))


def load_npz(path: Path) -> torch.Tensor:
    try:
        with np.load(path, allow_pickle=False) as arrays:  # never unpickle
            keys = list(arrays.keys())
            key = "images" if "images" in keys else (keys[0] if len(keys) == 1 else None)
            if key is None:
                raise EvalError(f"{path}: no 'images' array among {keys}")
            array = arrays[key]
    except (OSError, ValueError) as error:
        raise EvalError(f"{path}: not a readable .npz file ({error})") from None
    return images_from_array(array, str(path))


def read_image(path: Path) -> Image.Image | None:
    try:
        with Image.open(path) as image:
            image.load()
            return image.copy()
    except (OSError, ValueError, Image.DecompressionBombError):
        return None


def load_folder(folder: Path) -> tuple[torch.Tensor, list[str]]:
    paths = sorted(p for p in folder.rglob("*") if p.suffix.lower() in IMAGE_SUFFIXES and p.is_file())
    pictures, skipped = {}, []
    for path in paths:
        picture = read_image(path)
        if picture is None:
            skipped.append(path.name)
        else:
            pictures[path] = picture
    if not pictures:
        raise EvalError(f"{folder}: no readable images ({len(skipped)} unreadable, suffixes {sorted(IMAGE_SUFFIXES)})")
    sizes = Counter(picture.size for picture in pictures.values())
    if len(sizes) > 1:
        described = ", ".join(f"{w}x{h} ({count} files)" for (w, h), count in sizes.most_common())
        raise EvalError(f"{folder}: images of different sizes: {described}; resize them to one size first")
    notes = []
    if skipped:
        notes.append(f"skipped {len(skipped)} unreadable file(s) in {folder}: {', '.join(skipped[:5])}"
                     + (" ..." if len(skipped) > 5 else ""))
    colour = any(picture.mode not in ("L", "1", "I;16", "I", "LA") for picture in pictures.values())
    mode = "RGB" if colour else "L"
    if colour and any(picture.mode in ("L", "1", "LA") for picture in pictures.values()):
        notes.append(f"{folder}: grayscale images were converted to RGB to match the colour ones")
    arrays = [np.asarray(picture.convert(mode)) for picture in pictures.values()]
    return images_from_array(np.stack(arrays), str(folder)), notes


def is_run_checkpoint(path: Path) -> bool:
    """Whether `path` is one checkpoint folder of a run (RUN/checkpoints/best, RUN/checkpoints/step-K)."""
    return path.parent.name == "checkpoints" and (path.parent.parent / "config.yaml").is_file()


def load_source(spec: str, n: int | None, seed: int, data: DataConfig | None = None) -> ImageSource:
    dataset = parse_dataset_spec(spec, data)
    if dataset is not None and not Path(spec).exists():
        images = seeded_subset(load_dataset(dataset).images, n, seed)
        return ImageSource(spec, "dataset", images)
    path = Path(spec)
    if path.suffix.lower() == ".npz" and path.is_file():
        return ImageSource(spec, "npz", seeded_subset(load_npz(path), n, seed))
    if path.is_dir() and ((path / "config.yaml").is_file() or is_run_checkpoint(path)):
        # A run (or one checkpoint of it): its samples come from the pipelines layer, the only one that
        # loads runs (it registers the reader when imported); metrics never load a model themselves.
        if "run" not in RUN_READERS:
            raise EvalError(f"{spec} is a run folder; evaluate it through genforge.pipelines or `genforge eval RUN`")
        return ImageSource(spec, "run", RUN_READERS.get("run")(path, n or 10_000, seed))
    if path.is_dir():
        images, notes = load_folder(path)
        return ImageSource(spec, "folder", seeded_subset(images, n, seed), notes)
    raise EvalError(f"{spec}: not a dataset name ({', '.join(DATASETS.names())}, with :train or :test), "
                    "an .npz file, an image folder, a run folder or a run's checkpoint folder")
