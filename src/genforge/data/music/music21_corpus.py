"""The music21 wheel's own corpus (Cuthbert and Ariza 2010): Bach's 371 chorales (MusicXML) and the
Essen folk-song collection (8,514 tunes in 31 ABC files). music21 parses about ten chorales a
second, so each collection is parsed once, with a progress bar, into a JSON cache of notes on the
grid, keyed by the corpus files (names, sizes, modification times), the extraction (which voices)
and the grid; every representation is made from those notes (fast) when a run loads.
"""

from __future__ import annotations

import hashlib
import json
import warnings
from pathlib import Path

from tqdm import tqdm

from ...core.cache import cache_dir
from ...core.errors import DataError
from ...core.storage import write_json_atomically
from .midi_files import score_notes
from .notes import Note

CACHE_VERSION = 1
VOICES = ("soprano", "alto", "tenor", "bass")


def bach_chorale_names() -> list[str]:
    from music21 import corpus

    return list(corpus.chorales.Iterator(returnType="filename"))  # 371, in the Riemenschneider order


def essen_files() -> list[Path]:
    from music21 import corpus

    return sorted(Path(path) for path in corpus.getComposer("essenFolksong"))


def corpus_key(files: list[Path], what: str, steps_per_quarter: int) -> str:
    digest = hashlib.sha256(f"{CACHE_VERSION}|{what}|{steps_per_quarter}".encode())
    for path in files:
        stat = path.stat()
        digest.update(f"{path.name}|{stat.st_size}|{int(stat.st_mtime)}".encode())
    return digest.hexdigest()[:16]


def cached(files: list[Path], what: str, steps_per_quarter: int, parse) -> list[dict]:
    """The pieces `parse()` gives (each {"name", "voices": [[[pitch, start, end], ...], ...]}), from the
    cache when it holds this corpus, else parsed now and cached."""
    path = cache_dir() / "music" / f"{what}-{corpus_key(files, what, steps_per_quarter)}.json"
    if path.is_file():
        try:
            return json.loads(path.read_text())["pieces"]
        except (OSError, ValueError, KeyError):
            pass  # a damaged cache is parsed again
    pieces = parse()
    if not pieces:
        raise DataError(f"music21's corpus gave no {what}: is the music21 wheel complete?")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_json_atomically(path, {"what": what, "steps_per_quarter": steps_per_quarter, "pieces": pieces},
                          f"the {what} cache")
    return pieces


def as_triples(notes: list[Note]) -> list[list[int]]:
    return [[note.pitch, note.start, note.end] for note in notes]


def bach_chorales(steps_per_quarter: int = 4, limit: int | None = None) -> list[dict]:
    """Each chorale's four voices (soprano, alto, tenor, bass: its first four parts) as notes."""
    from music21 import corpus

    names = bach_chorale_names()[:limit]
    found = [corpus.getWork(name) for name in names]  # a list where a chorale is there in two formats
    files = [Path(path) for paths in found for path in (paths if isinstance(paths, list) else [paths])]

    def parse() -> list[dict]:
        pieces = []
        for name in tqdm(names, desc="parsing Bach chorales (music21, once)", unit="chorale", disable=None):
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                score = corpus.parse(name)
            parts = list(score.parts)
            if len(parts) < 4:
                continue
            pieces.append({"name": name, "voices": [as_triples(score_notes(part.flatten(), steps_per_quarter))
                                                    for part in parts[:4]]})
        return pieces

    return cached(files, f"bach-chorales{'' if limit is None else f'-{limit}'}", steps_per_quarter, parse)


def essen_tunes(steps_per_quarter: int = 4, limit: int | None = None) -> list[dict]:
    """Each Essen tune (one voice) as notes; `limit` tunes at most (the first files' first tunes)."""
    from music21 import converter

    files = essen_files()

    def parse() -> list[dict]:
        pieces = []
        bar = tqdm(total=limit or 8514, desc="parsing the Essen folk songs (music21, once)", unit="tune", disable=None)
        for path in files:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                opus = converter.parse(path)
            scores = opus.scores if hasattr(opus, "scores") else [opus]
            for index, score in enumerate(scores):
                try:
                    notes = score_notes(score.flatten(), steps_per_quarter)
                except Exception:  # a tune music21 cannot lay out: left out of the collection
                    continue
                pieces.append({"name": f"{path.stem}/{index}", "voices": [as_triples(notes)]})
                bar.update(1)
                if limit is not None and len(pieces) >= limit:
                    bar.close()
                    return pieces
        bar.close()
        return pieces

    return cached(files, f"essen-folk{'' if limit is None else f'-{limit}'}", steps_per_quarter, parse)
