"""The JSB chorales with Boulanger-Lewandowski et al. (2012)'s split (229 train, 76 valid, 77 test),
shipped in corpus_files/ as JSON (from czhuang/JSB-Chorales-dataset; provenance in corpus_files/NOTICE),
at quarter-note and 16th-note resolution: each chorale a list of frames, each the MIDI pitches
sounding. The SHA-256 of the file is checked every time it is loaded."""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from pathlib import Path

from ...core.errors import DataError

FILES = Path(__file__).parent / "corpus_files"
SHA256 = {
    "quarter": ("jsb-chorales-quarter.json", "2db9329f1881a1d3f49703ec556bf1d6f84b4f6c1d702c156536e93cf31e1c91"),
    "16th": ("jsb-chorales-16th.json", "8730aca7b64e7d29493733d1cf19fad4a5b351d8f1845e57dac27728104fd39f"),
}
STEPS_PER_QUARTER = {"quarter": 1, "16th": 4}


@lru_cache(maxsize=2)
def jsb_chorales(resolution: str) -> dict[str, list[list[list[int]]]]:
    """{"train"|"valid"|"test": [chorale: [frame: [pitch, ...]]]}, the file's hash checked."""
    name, expected = SHA256[resolution]
    data = (FILES / name).read_bytes()
    actual = hashlib.sha256(data).hexdigest()
    if actual != expected:
        raise DataError(f"{FILES / name} is damaged (SHA-256 {actual[:12]}..., expected {expected[:12]}...): "
                        "reinstall genforge")
    return json.loads(data)
