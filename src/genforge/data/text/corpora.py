"""Where text comes from, as examples with their provenance, and how it is split.

- shipped corpora (tinyshakespeare): one text inside the package, its SHA-256 checked at load, split
  by position as nanoGPT does (the first 90% to train on, the last 10% held out);
- Debian's fortune files (`fortunes`, `fortunes-min`: English; `fortunes-zh`: Tang poems, Song ci
  and Chinese sayings, their ANSI colour codes stripped), `%`-separated;
- the user's own files (`--text FILE|FOLDER`): one example per line, or separated by blank lines or
  `%` lines, decoded as UTF-8 strictly (a byte-order mark first is left out).

Example corpora are split by each example's content (SHA-256 -> train 90% / valid 5% / test 5%):
deterministic, independent of file order, and an example repeated verbatim always lands in one
split, so the held-out text never contains a copy of training text.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from ...core.errors import DataError

CORPORA = Path(__file__).parent / "corpus_files"
FORTUNE_DIR = Path("/usr/share/games/fortunes")
CHINESE_FORTUNES = ("tang300", "song100", "chinese")  # Debian's fortunes-zh
ANSI_CODES = re.compile(r"\x1b\[[0-9;]*m")
# Of 1000 hash buckets. "all" is every example: a corpus used whole (the reverse-LM score's samples,
# pipelines/lm_scores.py), never a run's held-out split.
SPLIT_SHARES = {"train": (0, 900), "valid": (900, 950), "test": (950, 1000), "all": (0, 1000)}


@dataclass(frozen=True)
class ShippedCorpus:
    file: str
    sha256: str
    train_fraction: float = 0.9


# The shipped corpora, by dataset name: the file in data/text/corpus_files/ and its hash (see the NOTICE there).
SHIPPED = {"tinyshakespeare": ShippedCorpus("tinyshakespeare.txt",
                                            "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed")}


@dataclass
class Corpus:
    """A source's text: `examples` (one, for a running text), the files they came from (path,
    SHA-256, examples), and the examples skipped as undecodable."""

    name: str
    examples: list[str]
    files: list[dict] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    running_text: bool = False  # one text split by position, not examples split by content

    def split(self, split: str) -> list[str]:
        if self.running_text:
            text = self.examples[0]
            cut = int(len(text) * SHIPPED[self.name].train_fraction)
            return [text[:cut] if split == "train" else text[cut:]]
        low, high = SPLIT_SHARES[split]
        return [example for example in self.examples if low <= split_bucket(example) < high]

    def record(self) -> dict:
        """What the run folder records of its data: the files, their hashes and the split rule."""
        rule = ("by position: the first 90% train, the rest valid" if self.running_text else
                "by content: SHA-256 of each example, buckets 0-899 train, 900-949 valid, 950-999 test")
        return {"source": self.name, "examples": len(self.examples), "files": self.files, "split_rule": rule,
                "skipped": len(self.skipped)}


def split_bucket(example: str) -> int:
    return int.from_bytes(hashlib.sha256(example.encode("utf-8")).digest()[:8], "big") % 1000


def read_shipped(name: str, folder: Path | None = None) -> Corpus:
    """The text of a shipped corpus, after checking its SHA-256 (a damaged install is one line)."""
    corpus = SHIPPED[name]
    path = (folder or CORPORA) / corpus.file
    try:
        raw = path.read_bytes()
    except OSError as error:
        raise DataError(f"cannot read the {name} corpus {path}: {error.strerror}") from None
    digest = hashlib.sha256(raw).hexdigest()
    if digest != corpus.sha256:
        raise DataError(f"{path} is damaged: its SHA-256 is {digest[:16]}..., not {corpus.sha256[:16]}... "
                        "(reinstall genforge)")
    return Corpus(name, [raw.decode("utf-8")], [{"path": str(path), "sha256": digest}], running_text=True)


def fortune_files(folder: Path, chinese: bool, collections: tuple[str, ...] = ()) -> list[Path]:
    if not folder.is_dir():
        package = "fortunes-zh" if chinese else "fortunes fortunes-min"
        raise DataError(f"fortune folder {folder} does not exist: install Debian's {package} "
                        f"(sudo apt-get install {package}) or pass --data-dir")
    if chinese:
        files = [folder / name for name in collections]
        missing = [path.name for path in files if not path.is_file()]
        if missing:
            raise DataError(f"{folder} lacks {', '.join(missing)}: install Debian's fortunes-zh or pass --data-dir")
        return files
    files = sorted(path for path in folder.iterdir() if path.is_file() and not path.is_symlink()
                   and "." not in path.name and path.name not in CHINESE_FORTUNES)
    if not files:
        raise DataError(f"{folder} holds no fortune files: install Debian's fortunes and fortunes-min or pass --data-dir")
    return files


def read_fortunes(name: str, folder: Path, chinese: bool, collections: tuple[str, ...] = ()) -> Corpus:
    examples, files, skipped = [], [], []
    for path in fortune_files(folder, chinese, collections):
        raw = read_bytes(path)
        found, bad = decode_examples(path, raw, "percent", skip_bad=True)
        if chinese:
            found = [cleaned for cleaned in (ANSI_CODES.sub("", example).strip() for example in found) if cleaned]
        examples += found
        skipped += bad
        files.append({"path": str(path), "sha256": hashlib.sha256(raw).hexdigest(), "examples": len(found)})
    return Corpus(name, examples, files, skipped)


SEPARATORS = {
    "line": re.compile(rb"\r?\n"),
    "blank": re.compile(rb"(?:\r?\n)[ \t]*(?:\r?\n)+"),
    # A line holding only `%`. Its line break is left for the next line to start with, so that `%`
    # lines in a row (Debian's fortunes have some) are separators in a row, with empty examples between.
    "percent": re.compile(rb"(?:\A|\n)%[ \t]*\r?(?=\n|\Z)"),
}
UTF8_BOM = b"\xef\xbb\xbf"  # a byte-order mark some editors put first: no part of the text


def without_bom(raw: bytes) -> tuple[bytes, int]:
    """The file's bytes without a leading UTF-8 byte-order mark, and how many bytes were left out."""
    return (raw[len(UTF8_BOM):], len(UTF8_BOM)) if raw.startswith(UTF8_BOM) else (raw, 0)


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as error:
        raise DataError(f"cannot read {path}: {error.strerror}") from None


def decode_examples(path: Path, raw: bytes, separator: str, skip_bad: bool) -> tuple[list[str], list[str]]:
    """The non-empty examples of one file (a byte-order mark first left out), and those skipped as
    undecodable ("path: byte N: ..."). Without `skip_bad`, the first undecodable byte is a DataError
    naming the file and its offset."""
    examples, skipped = [], []
    raw, first = without_bom(raw)
    start = 0
    pieces = []
    for match in SEPARATORS[separator].finditer(raw):
        pieces.append((start, raw[start:match.start()]))
        start = match.end()
    pieces.append((start, raw[start:]))
    for offset, piece in pieces:
        try:
            text = piece.decode("utf-8")
        except UnicodeDecodeError as error:
            where = f"{path}: byte {first + offset + error.start}"
            if not skip_bad:
                raise DataError(f"{where} is not UTF-8 ({piece[error.start:error.start + 1]!r}); "
                                "fix the file or pass --skip-bad-lines to leave such examples out") from None
            skipped.append(f"{where}: not UTF-8, example skipped")
            continue
        text = text.strip()
        if text:
            examples.append(text)
    return examples, skipped


def read_user_text(path: Path, separator: str, skip_bad: bool) -> Corpus:
    """`--text FILE|FOLDER`: a file, or every file under a folder (sorted, hidden ones left out)."""
    if not path.exists():
        raise DataError(f"text {path} does not exist (a UTF-8 file, or a folder of them)")
    files = [path] if path.is_file() else sorted(
        item for item in path.rglob("*") if item.is_file() and not any(part.startswith(".") for part in item.relative_to(path).parts))
    if not files:
        raise DataError(f"{path} holds no files")
    examples, records, skipped = [], [], []
    for file in files:
        raw = read_bytes(file)
        found, bad = decode_examples(file, raw, separator, skip_bad)
        examples += found
        skipped += bad
        records.append({"path": str(file), "sha256": hashlib.sha256(raw).hexdigest(), "examples": len(found)})
    if not examples:
        raise DataError(f"{path} holds no text examples" + (f" ({len(skipped)} undecodable ones skipped)" if skipped else ""))
    return Corpus("text", examples, records, skipped)
