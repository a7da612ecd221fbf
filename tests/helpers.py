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


def write_photo(path, width: int, height: int, seed: int, mode: str = "RGB") -> None:
    """A random-noise picture with a bright square whose place depends on the seed."""
    import numpy as np
    from PIL import Image

    rng = np.random.default_rng(seed)
    channels = 1 if mode == "L" else 3
    pixels = rng.integers(0, 120, (height, width, channels), dtype=np.uint8)
    top, left = rng.integers(0, height // 2), rng.integers(0, width // 2)
    pixels[top: top + height // 3, left: left + width // 3] = 255
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.fromarray(pixels[..., 0] if mode == "L" else pixels, mode).save(path)


def write_broken_photos(folder) -> list[str]:
    """Three files no decoder can use: empty, truncated, and text with a .png name."""
    import io

    from PIL import Image

    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.jpg").write_bytes(b"")
    buffer = io.BytesIO()
    Image.effect_noise((128, 128), 64).convert("RGB").save(buffer, "JPEG")  # the header survives the cut
    (folder / "truncated.jpg").write_bytes(buffer.getvalue()[: len(buffer.getvalue()) // 2])
    (folder / "notes.png").write_text("not a picture\n")
    return ["empty.jpg", "truncated.jpg", "notes.png"]


CELEBA_ATTRIBUTES = ["5_o_Clock_Shadow", "Male", "Smiling", "Young"]


def write_tiny_celeba(root, count: int = 12, nested: str = "") -> list[dict]:
    """An aligned-CelebA-like folder: 178x218 JPEGs, partition (8 train, 2 valid, 2 test) and 4 attributes."""
    base = root / nested if nested else root
    rows = []
    for index in range(count):
        name = f"{index + 1:06d}.jpg"
        write_photo(base / "img_align_celeba" / name, 178, 218, seed=index)
        split = 0 if index < count - 4 else (1 if index < count - 2 else 2)
        attributes = {"5_o_Clock_Shadow": -1, "Male": 1 if index % 2 else -1,
                      "Smiling": 1 if index % 3 == 0 else -1, "Young": 1}
        rows.append({"file": name, "split": split, **attributes})
    (base / "list_eval_partition.txt").write_text("".join(f"{r['file']} {r['split']}\n" for r in rows))
    lines = [str(count), " ".join(CELEBA_ATTRIBUTES)]
    lines += [f"{r['file']} " + " ".join(f"{r[a]:2d}" for a in CELEBA_ATTRIBUTES) for r in rows]
    (base / "list_attr_celeba.txt").write_text("\n".join(lines) + "\n")
    return rows


def checkpoint_state(step: int, **extra) -> dict:
    """The fields every checkpoint's state.json must have (training/checkpoint_schema.py), for tests
    that write checkpoints by hand."""
    from genforge.training.state import capture_rng_states

    return {"step": step, "seconds": 0.0, "config": {}, "rng": capture_rng_states(), "optimizers": {}, **extra}
