"""The rule for every command that replaces a folder it writes (today `train --out ... --overwrite`):
it removes only a folder genforge made for that purpose, and never one that contains, or lies inside,
an input of the command (symlinks resolved). Anything else is one line, exit 2, nothing touched.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

from ..core.errors import RunError


def resolved(path: str | Path) -> Path:
    return Path(os.path.realpath(Path(path).expanduser()))


def overlapping_input(folder: Path, inputs: Iterable[tuple[str, str | Path]]) -> tuple[str, Path] | None:
    """The first (flag, path) of `inputs` that `folder` is, contains, or lies inside, else None."""
    target = resolved(folder)
    for flag, path in inputs:
        source = resolved(path)
        if target == source or source.is_relative_to(target) or target.is_relative_to(source):
            return flag, source
    return None


def check_replaceable(folder: Path, inputs: Iterable[tuple[str, str | Path]], made_by_genforge: bool,
                      what: str = "a genforge run") -> None:
    """RunError unless `folder` may be deleted and made anew."""
    clash = overlapping_input(folder, inputs)
    if clash:
        flag, source = clash
        relation = "is" if resolved(folder) == source else ("holds" if source.is_relative_to(resolved(folder))
                                                            else "lies inside")
        raise RunError(f"refusing to replace {folder}: it {relation} the input {source} ({flag}); "
                       "choose another --out")
    if not made_by_genforge:
        raise RunError(f"refusing to replace {folder}: it is not {what} (no genforge marker); --overwrite "
                       "only replaces folders genforge made, so move its files or choose another --out")
