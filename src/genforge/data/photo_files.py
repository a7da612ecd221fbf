"""Where a photo's bytes come from: a file on disk, or a member of a .zip archive.

Zip archives are how photo datasets often travel (CelebA's `img_align_celeba.zip`, StyleGAN2-ADA's
dataset zips), so they are read in place, without unpacking. Each process opens an archive once and
keeps it while the file is unchanged: a ZipFile shares one file offset, so a forked worker must
never use its parent's.
"""

from __future__ import annotations

import io
import os
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..errors import DataError

_open_archives: dict[tuple[int, Path], tuple[tuple[int, int], zipfile.ZipFile]] = {}


def open_archive(path: Path) -> zipfile.ZipFile:
    """This process's ZipFile for `path`, reopened when the file changes; unreadable: a DataError."""
    key = (os.getpid(), path)
    try:
        stat = path.stat()
        stamp = (stat.st_size, stat.st_mtime_ns)
        if key in _open_archives and _open_archives[key][0] == stamp:
            return _open_archives[key][1]
        if key in _open_archives:
            _open_archives.pop(key)[1].close()
        _open_archives[key] = (stamp, zipfile.ZipFile(path))
    except (OSError, zipfile.BadZipFile) as error:
        raise DataError(f"{path}: not a readable .zip archive ({error})") from None
    return _open_archives[key][1]


def archive_members(path: Path, suffixes: tuple[str, ...]) -> list[str]:
    """The names of the archive's files with one of `suffixes` (any case), sorted."""
    return sorted(info.filename for info in open_archive(path).infolist()
                  if not info.is_dir() and Path(info.filename).suffix.lower() in suffixes)


def is_archive(path: Path) -> bool:
    return path.suffix.lower() == ".zip" and path.is_file()


@dataclass(frozen=True)
class PhotoEntry:
    """One photo of a dataset: the file at `path`, or the member `member` of the zip at `path`."""

    path: Path
    relative: str  # the name in the cache key and the skipped list
    label: int | None = None
    member: str | None = None

    def size(self) -> int:
        if self.member is None:
            return self.path.stat().st_size
        return open_archive(self.path).getinfo(self.member).file_size

    def fingerprint(self) -> str:
        """Changes when the photo's bytes do: size and modification time, or a member's size and CRC."""
        try:
            if self.member is None:
                stat = self.path.stat()
                return f"{stat.st_size}:{stat.st_mtime_ns}"
            info = open_archive(self.path).getinfo(self.member)
            return f"{info.file_size}:{info.CRC:08x}"
        except (OSError, KeyError, DataError):
            return "missing"

    def open(self) -> BinaryIO:
        if self.member is None:
            return self.path.open("rb")
        try:
            return io.BytesIO(open_archive(self.path).read(self.member))
        except (zipfile.BadZipFile, KeyError, EOFError, zlib.error) as error:
            raise OSError(f"damaged archive member ({error})") from None

    @property
    def where(self) -> str:
        """For messages: the file, or archive.zip/member."""
        return str(self.path) if self.member is None else f"{self.path}/{self.member}"

