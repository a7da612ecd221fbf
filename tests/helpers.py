"""Small builders shared by the tests: idx files and a tiny Fashion-MNIST-shaped dataset."""

from __future__ import annotations

import gzip
from pathlib import Path

import numpy as np


def idx_bytes(array: np.ndarray) -> bytes:
    header = bytes([0, 0, 0x08, array.ndim]) + b"".join(int(d).to_bytes(4, "big") for d in array.shape)
    return header + array.astype(np.uint8).tobytes()


def write_idx(path: Path, array: np.ndarray, gz: bool = True) -> Path:
    data = idx_bytes(array)
    if gz:
        path = path.with_name(path.name + ".gz")
        path.write_bytes(gzip.compress(data))
    else:
        path.write_bytes(data)
    return path


def tiny_images(count: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Blocky 28x28 shapes: a bright rectangle per image, its width set by the class label."""
    rng = np.random.default_rng(seed)
    labels = rng.integers(0, 10, size=count)
    images = np.zeros((count, 28, 28), dtype=np.uint8)
    for i, label in enumerate(labels):
        half_width = 2 + label
        images[i, 4:24, 14 - half_width: 14 + half_width] = 180 + rng.integers(0, 60)
    return images, labels.astype(np.uint8)


def write_tiny_fashion_mnist(folder: Path, train_count: int = 256, test_count: int = 64, gz: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for stem, count, seed in (("train", train_count, 0), ("t10k", test_count, 1)):
        images, labels = tiny_images(count, seed)
        write_idx(folder / f"{stem}-images-idx3-ubyte", images, gz)
        write_idx(folder / f"{stem}-labels-idx1-ubyte", labels, gz)
    return folder
