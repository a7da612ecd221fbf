"""Fashion-MNIST (Xiao et al. 2017): 70,000 28x28 grayscale images of clothing in 10 classes.

genforge never downloads it: Debian's package dataset-fashion-mnist installs the four idx files
in DEFAULT_DIR, and --data-dir / $GENFORGE_DATA point at any other folder holding them.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..config import DataConfig
from .config import ImageDataConfig
from ...core.errors import DataError
from .idx import find_idx_file, read_idx
from .image_set import ImageSet

DEFAULT_DIR = Path("/usr/share/datasets/fashion-mnist")
CLASS_NAMES = ("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
               "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot")
FILE_STEMS = {"train": "train", "test": "t10k"}
IMAGE_SHAPE = (28, 28)


def data_folder(config: DataConfig) -> Path:
    folder = Path(config.dir or os.environ.get("GENFORGE_DATA") or DEFAULT_DIR)
    if folder.exists() and not folder.is_dir():
        raise DataError(f"{folder} is a file; the Fashion-MNIST folder must be the folder holding the four idx files")
    if not folder.is_dir():
        raise DataError(
            f"Fashion-MNIST folder {folder} does not exist: install Debian's dataset-fashion-mnist "
            "or pass --data-dir / set GENFORGE_DATA to a folder with the four idx files"
        )
    return folder


def load_fashion_mnist(config: DataConfig) -> ImageSet:
    if config.split not in FILE_STEMS:
        raise DataError(f"Fashion-MNIST has no split {config.split!r}; use train or test")
    folder = data_folder(config)
    stem = FILE_STEMS[config.split]
    image_path = find_idx_file(folder, f"{stem}-images-idx3-ubyte")
    label_path = find_idx_file(folder, f"{stem}-labels-idx1-ubyte")
    images, labels = read_idx(image_path), read_idx(label_path)
    if images.dim() != 3 or tuple(images.shape[1:]) != IMAGE_SHAPE:
        raise DataError(f"{image_path}: expected images of shape (N, 28, 28), found {tuple(images.shape)}")
    if labels.dim() != 1:
        raise DataError(f"{label_path}: expected a 1-d label array, found shape {tuple(labels.shape)}")
    if labels.shape[0] != images.shape[0]:
        raise DataError(f"{label_path}: {labels.shape[0]} labels for {images.shape[0]} images in {image_path}")
    if images.shape[0] == 0:
        raise DataError(f"{image_path}: holds no images")
    if int(labels.max()) >= len(CLASS_NAMES):
        raise DataError(f"{label_path}: label {int(labels.max())} is outside 0..9")
    return ImageSet("fashion-mnist", images.unsqueeze(1), labels.long(), CLASS_NAMES)
