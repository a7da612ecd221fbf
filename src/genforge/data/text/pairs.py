"""(source, target) pairs for conditional generation (seq2seq: summarisation, dialogue, couplets):

- `--pairs FILE.jsonl|.tsv`: one pair a line, {"source": ..., "target": ...} or source<TAB>target;
  a line that is not a pair is one DataError naming the file and line;
- `couplets`: each Tang poem's lines taken two by two, the first of a couplet -> the second
  (《感遇》: 兰叶春葳蕤，桂华秋皎洁。 -> 欣欣此生意，自尔为佳节。);
- `dialogue`: tiny-shakespeare's turns, one speaker's turn -> the next speaker's reply.

Pairs are split by the content of the pair (corpora.split_bucket), as examples are.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...core.errors import DataError
from .corpora import SPLIT_SHARES, Corpus, read_bytes, split_bucket, without_bom


@dataclass
class PairCorpus:
    name: str
    pairs: list[tuple[str, str]]
    files: list[dict] = field(default_factory=list)

    def split(self, split: str) -> list[tuple[str, str]]:
        low, high = SPLIT_SHARES[split]
        return [pair for pair in self.pairs if low <= split_bucket(f"{pair[0]}\t{pair[1]}") < high]

    def texts(self) -> list[str]:
        return [text for pair in self.pairs for text in pair]

    def record(self) -> dict:
        return {"source": self.name, "pairs": len(self.pairs), "files": self.files,
                "split_rule": "by content: SHA-256 of source<TAB>target, buckets 0-899 train, 900-949 valid, 950-999 test"}


def parse_pair(path: Path, number: int, line: str) -> tuple[str, str]:
    where = f"{path}:{number}"
    if path.suffix.lower() == ".jsonl":
        try:
            values = json.loads(line)
        except json.JSONDecodeError as error:
            raise DataError(f"{where} is not JSON ({error.msg}): give one {{\"source\": ..., \"target\": ...}} a line") from None
        if not (isinstance(values, dict) and isinstance(values.get("source"), str) and isinstance(values.get("target"), str)):
            raise DataError(f"{where} is not a pair: give {{\"source\": TEXT, \"target\": TEXT}}")
        source, target = values["source"], values["target"]
    else:
        parts = line.split("\t")
        if len(parts) != 2:
            raise DataError(f"{where} is not a pair: give source<TAB>target ({len(parts)} fields found)")
        source, target = parts
    if not source.strip() or not target.strip():
        raise DataError(f"{where} has an empty source or target")
    return source.strip(), target.strip()


def read_pairs(path: Path) -> PairCorpus:
    if path.suffix.lower() not in (".jsonl", ".tsv"):
        raise DataError(f"--pairs takes a .jsonl or .tsv file, not {path.name}")
    raw = read_bytes(path)
    body, first = without_bom(raw)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as error:
        raise DataError(f"{path}: byte {first + error.start} is not UTF-8") from None
    pairs = [parse_pair(path, number, line) for number, line in enumerate(text.splitlines(), 1) if line.strip()]
    if not pairs:
        raise DataError(f"{path} holds no pairs")
    return PairCorpus("pairs", pairs, [{"path": str(path), "sha256": hashlib.sha256(raw).hexdigest(), "pairs": len(pairs)}])


def couplets(poems: Corpus) -> PairCorpus:
    """A poem's lines after its title and author, two by two: the first line of each couplet -> the second."""
    pairs = []
    for poem in poems.examples:
        lines = [line.strip() for line in poem.splitlines()[2:] if line.strip()]
        pairs += [(lines[i], lines[i + 1]) for i in range(0, len(lines) - 1, 2)]
    return PairCorpus("couplets", pairs, poems.files)


SPEAKER = re.compile(r"^([A-Z][A-Za-z' ]*):$")


def dialogue(play: Corpus) -> PairCorpus:
    """tiny-shakespeare's turns ("NAME:" then its lines, turns apart by a blank line): each turn -> the
    next one, when another speaker says it."""
    turns = []
    for block in play.examples[0].split("\n\n"):
        lines = block.strip().splitlines()
        if len(lines) >= 2 and SPEAKER.match(lines[0]):
            turns.append((lines[0][:-1], " ".join(line.strip() for line in lines[1:])))
    pairs = [(first[1], second[1]) for first, second in zip(turns, turns[1:]) if first[0] != second[0]]
    return PairCorpus("dialogue", pairs, play.files)
