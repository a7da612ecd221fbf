"""Writing files so that a full disk or a kill never leaves work half-written or a traceback behind.

Everything genforge writes goes through these helpers or through `storage_errors`, which turns an
OSError (ENOSPC, EACCES, EROFS, ...) into one StorageError line that says what could not be written
where, and how much space is left there. This module imports no torch: the CLI's error path and the
checks made before anything loads use it.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from pathlib import Path
from typing import IO, Iterator

from .errors import StorageError


def format_bytes(count: float) -> str:
    for unit in ("B", "KB", "MB", "GB", "TB"):
        if abs(count) < 1000 or unit == "TB":
            return f"{count:.0f} {unit}" if unit == "B" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} TB"


def free_bytes(path: Path) -> int:
    """Free space on the file system that holds `path` (or its nearest existing parent)."""
    path = Path(path).absolute()
    while not path.exists() and path != path.parent:
        path = path.parent
    try:
        return shutil.disk_usage(path).free
    except OSError:
        return 0


def describe_os_error(error: BaseException) -> str:
    """A write error's reason without its decoration: "No space left on device", also from the Rust
    side of safetensors (`IoError(Os { ..., message: "No space left on device" })`, or `I/O error: No space
    left on device (os error 28)`)."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror
    text = str(error)
    found = re.search(r'message: "([^"]+)"', text) or re.search(r"I/O error: (.+?) \(os error \d+\)", text)
    if found:
        return found.group(1)
    return text.splitlines()[0] if text else type(error).__name__


@contextlib.contextmanager
def storage_errors(what: str, path: Path, cleanup: Path | None = None,
                   also: tuple[type[BaseException], ...] = ()) -> Iterator[None]:
    """Inside the block, a failed write (an OSError, or one of `also`: a library's own error type for
    the same causes) becomes one StorageError line; `cleanup` (a temporary file or folder) is removed
    first, so nothing half-written stays behind."""
    try:
        yield
    except StorageError:
        remove_quietly(cleanup)
        raise
    except (OSError, *also) as error:
        remove_quietly(cleanup)
        raise StorageError(f"could not write {what} to {path}: {describe_os_error(error)} "
                           f"({format_bytes(free_bytes(path))} free there)") from None


def require_free_space(needed: int, path: Path, what: str) -> None:
    """Stop cleanly, before writing, when `needed` bytes would not fit where `path` goes."""
    free = free_bytes(path)
    if free < needed:
        raise StorageError(f"not enough space to write {what} to {path}: it needs about "
                           f"{format_bytes(needed)} and {format_bytes(free)} is free there")


def remove_quietly(path: Path | None) -> None:
    if path is None:
        return
    with contextlib.suppress(OSError):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path)
        elif path.exists() or path.is_symlink():
            path.unlink()


def write_bytes_atomically(path: Path, data: bytes, what: str | None = None) -> None:
    """Readers see the old file or the new one, never a half-written one; its folder is made."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with storage_errors(what or path.name, path, cleanup=temporary):
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary.write_bytes(data)
        temporary.replace(path)


@contextlib.contextmanager
def text_written_atomically(path: Path, what: str | None = None) -> Iterator[IO[str]]:
    """A UTF-8 text file written piece by piece under a temporary name and renamed when the block
    ends without an error: readers see the old file or the complete new one; a failure leaves neither."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with storage_errors(what or path.name, path, cleanup=temporary):
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            with open(temporary, "w", encoding="utf-8") as handle:
                yield handle
        except BaseException:
            remove_quietly(temporary)
            raise
        temporary.replace(path)


def save_tensors_atomically(path: Path, tensors: dict, what: str) -> None:
    """A safetensors file written under a temporary name and renamed, so a reader never meets half
    of one; a full disk is one StorageError line. (safetensors, and so torch, load only here.)"""
    from safetensors import SafetensorError
    from safetensors.torch import save_file

    path = Path(path)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with storage_errors(what, path, cleanup=temporary, also=(SafetensorError,)):
        path.parent.mkdir(parents=True, exist_ok=True)
        save_file(tensors, str(temporary))
        temporary.replace(path)


def load_tensors_or_none(path: Path) -> dict | None:
    """A cache file's tensors, or None when it is missing or unreadable (then it is made again)."""
    from safetensors import SafetensorError
    from safetensors.torch import load_file

    try:
        return load_file(str(path)) if Path(path).is_file() else None
    except (SafetensorError, OSError):
        return None


def write_text_atomically(path: Path, text: str, what: str | None = None) -> None:
    write_bytes_atomically(path, text.encode("utf-8"), what)


def write_json_atomically(path: Path, values: dict, what: str | None = None) -> None:
    write_text_atomically(path, json.dumps(values, indent=1) + "\n", what)


def append_line(path: Path, line: str, what: str | None = None) -> None:
    with storage_errors(what or path.name, path):
        with path.open("a") as handle:
            handle.write(line + "\n")
