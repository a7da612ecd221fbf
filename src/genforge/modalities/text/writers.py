"""Text samples to files: .txt (the texts, each under a header line naming its draw) or .jsonl (one
JSON object per sample with its conditioning: the form other tools read)."""

from __future__ import annotations

import json
from pathlib import Path

from ...core import Samples
from ...core.storage import write_text_atomically

FORMATS = ("txt", "jsonl")


def as_txt(samples: Samples) -> str:
    seed = samples.conditioning.get("seed")
    parts = []
    for index, text in enumerate(samples):
        parts.append(f"=== sample {index + 1} of {len(samples)} (seed {seed}, temperature "
                     f"{samples.conditioning.get('temperature')}) ===\n{text}\n")
    return "\n".join(parts)


def as_jsonl(samples: Samples) -> str:
    lines = [json.dumps({"index": index, "text": text, **samples.conditioning}, ensure_ascii=False)
             for index, text in enumerate(samples)]
    return "\n".join(lines) + "\n"


def write_texts(samples: Samples, path: Path, fmt: str) -> None:
    content = as_jsonl(samples) if fmt == "jsonl" else as_txt(samples)
    write_text_atomically(path, content, f"{len(samples)} text samples")


def homotopy_lines(path: list[str]) -> list[str]:
    """Each decoded point of a homotopy after its place on the path, 0.00 (the first sentence) to 1.00."""
    return [f"{index / (len(path) - 1):.2f}  {text}" for index, text in enumerate(path)]
