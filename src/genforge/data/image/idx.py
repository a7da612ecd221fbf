"""Reader for the idx format of MNIST and Fashion-MNIST (http://yann.lecun.com/exdb/mnist/).

An idx file is: two zero bytes, a type code (0x08 = unsigned byte), the number of dimensions,
then one big-endian uint32 per dimension, then the data. Every way a file can be wrong ends in
a DataError that names the file and the problem.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path

import numpy as np
import torch

from ...core.errors import DataError

UNSIGNED_BYTE = 0x08


def find_idx_file(folder: Path, stem: str) -> Path:
    """`stem` or `stem.gz` inside `folder`, whichever exists."""
    if folder.exists() and not folder.is_dir():
        raise DataError(f"{folder} is a file; the data folder must be the folder holding the idx files")
    for candidate in (folder / f"{stem}.gz", folder / stem):
        if candidate.is_file():
            return candidate
    for candidate in (folder / f"{stem}.gz", folder / stem):
        if candidate.is_dir():
            raise DataError(f"{candidate} is a directory, not an idx file")
    raise DataError(f"{folder / stem}[.gz]: file not found")


def _read_bytes(path: Path) -> bytes:
    if path.is_dir():
        raise DataError(f"{path} is a directory, not an idx file")
    try:
        if path.suffix == ".gz":
            with gzip.open(path, "rb") as handle:
                return handle.read()
        return path.read_bytes()
    except (EOFError, gzip.BadGzipFile, zlib.error) as error:
        raise DataError(f"{path}: corrupt or truncated gzip data ({error})") from None
    except OSError as error:
        raise DataError(f"{path}: cannot read ({error.strerror or error})") from None


def read_idx(path: str | Path) -> torch.Tensor:
    """Read one idx file of unsigned bytes into a uint8 tensor of its stated shape."""
    path = Path(path)
    raw = _read_bytes(path)
    if len(raw) < 4:
        raise DataError(f"{path}: too short to be an idx file ({len(raw)} bytes)")
    if raw[0] != 0 or raw[1] != 0:
        raise DataError(f"{path}: wrong magic number {raw[:4].hex()} (not an idx file)")
    if raw[2] != UNSIGNED_BYTE:
        raise DataError(f"{path}: idx type code 0x{raw[2]:02x} is not unsigned byte (0x08)")
    ndim = raw[3]
    header_size = 4 + 4 * ndim
    if ndim == 0 or len(raw) < header_size:
        raise DataError(f"{path}: truncated idx header")
    shape = tuple(int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], "big") for i in range(ndim))
    expected = int(np.prod(shape, dtype=np.int64))
    found = len(raw) - header_size
    if found < expected:
        raise DataError(f"{path}: truncated: shape {shape} needs {expected} bytes of data, found {found}")
    if found > expected:
        raise DataError(f"{path}: {found - expected} unexpected bytes after the data of shape {shape}")
    array = np.frombuffer(raw, dtype=np.uint8, offset=header_size).reshape(shape)
    return torch.from_numpy(array.copy())
