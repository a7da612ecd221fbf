"""Where a photo's bytes come from: a file on disk, or a member of a .zip archive.

Zip archives are how photo datasets often travel (CelebA's `img_align_celeba.zip`, StyleGAN2-ADA's
dataset zips), so they are read in place, without unpacking. Each process keeps a few archives
open while their files are unchanged. A forked worker forgets its parent's: the two would share
one file offset, and ZipFile's lock only guards threads of one process.
"""

from __future__ import annotations

import os
import zipfile
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from ...core.errors import DataError

MAX_OPEN_ARCHIVES = 8
_open_archives: OrderedDict[Path, tuple[tuple[int, int, int], zipfile.ZipFile]] = OrderedDict()
os.register_at_fork(after_in_child=_open_archives.clear)


def open_archive(path: Path) -> zipfile.ZipFile:
    """This process's ZipFile for `path`, reopened when the file changes; unreadable: a DataError."""
    path = path.absolute()
    try:
        stat = path.stat()
        stamp = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
        cached = _open_archives.get(path)
        if cached is not None and cached[0] == stamp:
            _open_archives.move_to_end(path)
            return cached[1]
        if cached is not None:
            _open_archives.pop(path)[1].close()
        _open_archives[path] = (stamp, zipfile.ZipFile(path))
    except (OSError, zipfile.BadZipFile) as error:
        raise DataError(f"{path}: not a readable .zip archive ({error})") from None
    while len(_open_archives) > MAX_OPEN_ARCHIVES:
        _open_archives.popitem(last=False)[1][1].close()
    return _open_archives[path][1]


def archive_members(path: Path, suffixes: tuple[str, ...]) -> list[str]:
    """The names of the archive's files with one of `suffixes` (any case), sorted; macOS's
    resource-fork copies (__MACOSX/, ._name) are not photos and are left out."""
    return sorted(info.filename for info in open_archive(path).infolist()
                  if not info.is_dir() and PurePosixPath(info.filename).suffix.lower() in suffixes
                  and not is_resource_fork(info.filename))


def is_resource_fork(name: str) -> bool:
    parts = PurePosixPath(name).parts
    return parts[0] == "__MACOSX" or parts[-1].startswith("._")


def archive_top_folder(path: Path) -> str:
    """"photos/" when every file of the archive lies inside that one folder (`zip -r photos.zip
    photos/`), else "" (a StyleGAN2-ADA zip keeps dataset.json beside its 00000/ folder)."""
    names = [info.filename for info in open_archive(path).infolist()
             if not info.is_dir() and not is_resource_fork(info.filename)]
    tops = {PurePosixPath(name).parts[0] for name in names}
    nested = all(len(PurePosixPath(name).parts) > 1 for name in names)
    return f"{tops.pop()}/" if len(tops) == 1 and nested else ""


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
        """The bytes as a stream; a zip member is decompressed as it is read, so reading just the
        header (the no-cache path's check) does not inflate the whole photo."""
        if self.member is None:
            return self.path.open("rb")
        return open_archive(self.path).open(self.member)

    @property
    def where(self) -> str:
        """For messages: the file, or archive.zip/member."""
        return str(self.path) if self.member is None else f"{self.path}/{self.member}"
