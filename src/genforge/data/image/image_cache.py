"""Photo datasets decoded once into a uint8 file, then read a batch at a time.

The cache of a list of files lives in $GENFORGE_CACHE/images/KEY/, where KEY hashes every file's
relative path, size, modification time (a zip member's: size and CRC) and label together with the
class names and the transform: change a file, a label or the policy and a new cache is built; move
the folder and the old one is found again. It holds `images.u8` (rows of C*H*W bytes, in file
order, unusable files left out), `labels.npy` when there are labels, and `meta.json` (shape, class
names, skipped files). It is built in a temporary folder and renamed into place, so an
interrupted build leaves nothing half-written.

Training reads rows with os.pread rather than mapping the file: a mapped file's pages count in
the process's resident memory once touched, and at 128 pixels 200,000 faces are 9.8 GB.
"""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import uuid
import warnings
from pathlib import Path

import numpy as np
import torch
from tqdm import tqdm

from ...core.cache import cache_dir
from ...core.errors import DataError
from ...core.storage import storage_errors
from .image_set import ImageSet, RowReader
from .photo_files import PhotoEntry
from .photos import PhotoTransform, UnusablePhoto, check_header

FORMAT_VERSION = 1


def cache_key(entries: list[PhotoEntry], transform: PhotoTransform, extra: dict) -> str:
    digest = hashlib.sha256(json.dumps({"version": FORMAT_VERSION, "transform": transform.describe(),
                                        "extra": extra}, sort_keys=True).encode())
    for entry in entries:
        digest.update(f"{entry.relative}\0{entry.fingerprint()}\0{entry.label}\n".encode())
    return digest.hexdigest()[:32]


class CachedRows(RowReader):
    def __init__(self, path: Path, shape: tuple[int, int, int, int]):
        self.path = path
        self.shape = shape
        self.row_bytes = int(np.prod(shape[1:]))
        self._fd: int | None = None

    @property
    def storage(self) -> str:
        return f"cached in {self.path.parent}"

    def rows(self, index: torch.Tensor) -> torch.Tensor:
        if self._fd is None:
            self._fd = os.open(self.path, os.O_RDONLY)
        out = np.empty((len(index), self.row_bytes), dtype=np.uint8)
        for slot, row in enumerate(index.tolist()):
            out[slot] = np.frombuffer(os.pread(self._fd, self.row_bytes, row * self.row_bytes), dtype=np.uint8)
        return torch.from_numpy(out).view(len(index), *self.shape[1:])

    def all(self) -> torch.Tensor:
        mapped = np.memmap(self.path, dtype=np.uint8, mode="r", shape=self.shape)
        with warnings.catch_warnings():  # read-only on purpose: nothing writes to a dataset
            warnings.simplefilter("ignore", UserWarning)
            return torch.from_numpy(mapped)

    def __del__(self):
        if self._fd is not None:
            os.close(self._fd)


class DecodedRows(RowReader):
    """No cache: every batch is decoded from its files (the slow path, for comparison)."""

    storage = "decoded from the files at each batch"

    def __init__(self, entries: list[PhotoEntry], transform: PhotoTransform):
        self.entries = entries
        self.transform = transform
        self.shape = (len(entries), *transform.shape)
        self.late_failures: list[str] = []  # "relative path: reason", added to the run's skipped list

    def rows(self, index: torch.Tensor) -> torch.Tensor:
        out = np.empty((len(index), *self.transform.shape), dtype=np.uint8)
        for slot, row in enumerate(index.tolist()):
            out[slot] = self._decode_or_neighbour(row)
        return torch.from_numpy(out)

    def _decode_or_neighbour(self, row: int) -> np.ndarray:
        """A file that passed the header check can still be truncated: then the next usable file
        with the same label stands in for it, so the batch keeps its labels."""
        label = self.entries[row].label
        for offset in range(len(self.entries)):
            entry = self.entries[(row + offset) % len(self.entries)]
            if entry.label != label:
                continue
            try:
                return self.transform(entry)
            except UnusablePhoto as problem:
                line = f"{entry.relative}: {problem}"
                if line not in self.late_failures:
                    self.late_failures.append(line)
                    tqdm.write(f"genforge: skipping {entry.where}: {problem}")
        raise DataError(f"no usable photo left with label {label}")


def _decode(job: tuple[PhotoEntry, PhotoTransform]) -> tuple[np.ndarray, bool] | str:
    """(pixels, had transparency), or the reason the photo cannot be used."""
    entry, transform = job
    try:
        return transform.decode(entry)
    except UnusablePhoto as problem:
        return str(problem)


def _decoded_in_order(entries: list[PhotoEntry], transform: PhotoTransform, description: str):
    jobs = [(entry, transform) for entry in entries]
    workers = min(os.cpu_count() or 1, 8)
    bar = dict(total=len(jobs), desc=description, unit="img", dynamic_ncols=True, disable=None)
    if workers == 1 or len(jobs) < 256:
        yield from tqdm(map(_decode, jobs), **bar)
        return
    # Workers only run PIL and numpy, so forking a process that holds torch is safe here.
    with multiprocessing.get_context("fork").Pool(workers) as pool:
        yield from tqdm(pool.imap(_decode, jobs, chunksize=64), **bar)


def build_cache(folder: Path, entries: list[PhotoEntry], transform: PhotoTransform,
                class_names: tuple[str, ...], name: str) -> None:
    staging = folder.parent / f".{folder.name}.{uuid.uuid4().hex}.partial"
    with storage_errors("the image cache", folder.parent, cleanup=staging):
        staging.mkdir(parents=True)
        _fill_cache(staging, folder, entries, transform, class_names, name)


def _fill_cache(staging: Path, folder: Path, entries: list[PhotoEntry], transform: PhotoTransform,
                class_names: tuple[str, ...], name: str) -> None:
    skipped: list[str] = []  # files that failed to decode
    try:
        labels, kept, transparent = [], 0, 0
        with open(staging / "images.u8", "wb") as out:
            for entry, result in zip(entries, _decoded_in_order(entries, transform, f"caching {name}")):
                if isinstance(result, str):
                    skipped.append(f"{entry.relative}: {result}")
                    continue
                pixels, had_alpha = result
                out.write(np.ascontiguousarray(pixels).tobytes())
                labels.append(entry.label)
                kept += 1
                transparent += had_alpha
        if transparent:
            colour = "#%02x%02x%02x" % transform.background
            tqdm.write(f"genforge: {transparent} of {kept} images had transparent pixels; composited over "
                       f"{colour} (--background white|black|#rrggbb)")
        if any(label is not None for label in labels):
            np.save(staging / "labels.npy", np.asarray(labels, dtype=np.int64), allow_pickle=False)
        meta = {"version": FORMAT_VERSION, "name": name, "shape": [kept, *transform.shape],
                "class_names": list(class_names), "skipped": skipped, "transform": transform.describe(),
                "transparent": transparent}
        (staging / "meta.json").write_text(json.dumps(meta, indent=1) + "\n")
        try:
            staging.rename(folder)
        except OSError:  # another process finished the same cache first: keep theirs
            shutil.rmtree(staging, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def photo_set(name: str, entries: list[PhotoEntry], transform: PhotoTransform, class_names: tuple[str, ...] = (),
              skipped: list[str] | None = None, use_cache: bool = True, key_extra: dict | None = None) -> ImageSet:
    """An ImageSet over photo files: from the decoded cache (built on first use) or decoded per batch."""
    skipped = list(skipped or [])
    if not use_cache:
        return _uncached_set(name, entries, transform, class_names, skipped)
    # The class names are in the key: meta.json stores them, and the same labels can have new names.
    folder = cache_dir() / "images" / cache_key(entries, transform, {**(key_extra or {}), "class_names": class_names})
    if not (folder / "meta.json").is_file():
        build_cache(folder, entries, transform, class_names, name)
    meta = json.loads((folder / "meta.json").read_text())
    shape = tuple(meta["shape"])
    labels = None
    if (folder / "labels.npy").is_file():
        labels = torch.from_numpy(np.load(folder / "labels.npy", allow_pickle=False))
    return require_images(ImageSet(name, None, labels, tuple(meta["class_names"]),
                                   reader=CachedRows(folder / "images.u8", shape), skipped=tuple(skipped + meta["skipped"])))


def require_images(images: ImageSet) -> ImageSet:
    if len(images) == 0:
        examples = "; ".join(images.skipped[:3])
        raise DataError(f"{images.name}: no usable images ({len(images.skipped)} files skipped, e.g. {examples})")
    return images


def _uncached_set(name, entries, transform, class_names, skipped) -> ImageSet:
    """Without a cache only the headers are checked up front; truncation is caught per batch."""
    usable = []
    for entry in entries:
        try:
            check_header(entry)
            usable.append(entry)
        except UnusablePhoto as problem:
            skipped.append(f"{entry.relative}: {problem}")
    labels = [entry.label for entry in usable]
    label_tensor = torch.tensor(labels, dtype=torch.long) if usable and labels[0] is not None else None
    return require_images(ImageSet(name, None, label_tensor, class_names,
                                   reader=DecodedRows(usable, transform),
                                   skipped=tuple(skipped)))
