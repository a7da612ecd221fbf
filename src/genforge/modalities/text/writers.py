"""Text samples to files: .txt (the texts, each under a header line naming its draw) or .jsonl (one
JSON object per sample with its conditioning: the form other tools read), written or printed a
chunk at a time."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import IO, Iterable

from ...core import Samples
from ...core.storage import text_written_atomically

FORMATS = ("txt", "jsonl")


def as_txt(samples: Samples, start: int = 0, total: int | None = None) -> str:
    """The texts under their headers; `start` the index of the first in the whole draw of `total`."""
    seed = samples.conditioning.get("seed")
    parts = []
    for index, text in enumerate(samples, start):
        parts.append(f"=== sample {index + 1} of {total or len(samples)} (seed {seed}, temperature "
                     f"{samples.conditioning.get('temperature')}) ===\n{text}\n")
    return "\n".join(parts)


def as_jsonl(samples: Samples, start: int = 0) -> str:
    lines = [json.dumps({"index": index, "text": text, **samples.conditioning}, ensure_ascii=False)
             for index, text in enumerate(samples, start)]
    return "\n".join(lines) + "\n"


def write_chunks(chunks: Iterable[Samples], handle: IO[str], fmt: str, total: int) -> None:
    start = 0
    for chunk in chunks:
        if start and fmt == "txt":
            handle.write("\n")  # the blank line between two samples, as within a chunk
        handle.write(as_jsonl(chunk, start) if fmt == "jsonl" else as_txt(chunk, start, total))
        start += len(chunk)


def write_text_samples(chunks: Iterable[Samples], path: Path | None, fmt: str | None, total: int) -> None:
    """Printed (path None, as .txt), or written atomically to `path`."""
    if path is None:
        write_chunks(chunks, sys.stdout, "txt", total)
        return
    with text_written_atomically(path, f"{total} text samples") as handle:
        write_chunks(chunks, handle, fmt, total)


def write_texts(samples: Samples, path: Path, fmt: str) -> None:
    write_text_samples([samples], path, fmt, len(samples))


def homotopy_lines(path: list[str]) -> list[str]:
    """Each decoded point of a homotopy after its place on the path, 0.00 (the first sentence) to 1.00."""
    return [f"{index / (len(path) - 1):.2f}  {text}" for index, text in enumerate(path)]
