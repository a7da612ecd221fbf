"""Text datasets: a corpus as one stream of token ids, cut into training windows.

Like every dataset (core/__init__.py) it has a `modality` ("text"), a `spec` (TokenSpec: the
vocabulary and the window length) and `take(indices) -> Batch`: item i is the window of
`sequence_length + 1` ids starting at character i (batch.x), from which a language model reads
the first `sequence_length` and predicts the last `sequence_length` (nanoGPT's get_batch, with the
offsets drawn by BatchSchedule so that they are a pure function of (seed, step)).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

import torch

from .config import DataConfig, TextDataConfig
from ..core import Batch, DataSpec
from ..errors import DataError

CORPORA = Path(__file__).parent / "corpora"


@dataclass(frozen=True)
class TokenSpec(DataSpec):
    """Sequences of `sequence_length` tokens from `vocabulary` (the characters, in id order)."""

    modality: str = "text"
    vocabulary: str = ""
    sequence_length: int = 0

    @property
    def vocab_size(self) -> int:
        return len(self.vocabulary)


class CharacterVocabulary:
    """Characters <-> ids: each distinct character of the corpus, in code-point order (as nanoGPT's
    shakespeare_char: the whole corpus's characters, so validation text has no unknown ones)."""

    def __init__(self, characters: str):
        self.characters = characters
        self.ids = {character: index for index, character in enumerate(characters)}

    @classmethod
    def of(cls, text: str) -> "CharacterVocabulary":
        return cls("".join(sorted(set(text))))

    def unknown(self, text: str) -> str:
        """The characters of `text` outside the vocabulary, each once, in order of appearance."""
        return "".join(dict.fromkeys(character for character in text if character not in self.ids))

    def encode(self, text: str) -> torch.Tensor:
        missing = self.unknown(text)
        if missing:
            raise DataError(f"characters outside the vocabulary: {missing!r}")
        return torch.tensor([self.ids[character] for character in text], dtype=torch.long)

    def decode(self, ids) -> str:
        return "".join(self.characters[int(index)] for index in ids)


class TokenStream:
    """One split of a corpus as int64 ids, served as overlapping windows."""

    modality = "text"

    def __init__(self, name: str, ids: torch.Tensor, vocabulary: CharacterVocabulary, sequence_length: int):
        if len(ids) < sequence_length + 2:
            raise DataError(f"{name} has {len(ids)} characters, too few for sequences of {sequence_length}")
        self.name, self.ids, self.vocabulary, self.sequence_length = name, ids, vocabulary, sequence_length
        self.class_names: tuple[str, ...] = ()
        self.skipped: tuple[str, ...] = ()

    @property
    def spec(self) -> TokenSpec:
        return TokenSpec(vocabulary=self.vocabulary.characters, sequence_length=self.sequence_length)

    def __len__(self) -> int:
        """Windows that fit: every start offset with sequence_length + 1 characters after it."""
        return len(self.ids) - self.sequence_length

    def take(self, index: torch.Tensor) -> Batch:
        offsets = index.to(self.ids.device).unsqueeze(1) + torch.arange(self.sequence_length + 1, device=self.ids.device)
        return Batch(x=self.ids[offsets])

    def on_device(self, device: torch.device) -> "TokenStream":
        return TokenStream(self.name, self.ids.to(device), self.vocabulary, self.sequence_length)


@dataclass(frozen=True)
class Corpus:
    file: str
    sha256: str
    train_fraction: float = 0.9


# The shipped corpora, by dataset name: the file in data/corpora/ and its hash (see the NOTICE there).
SHIPPED = {"tinyshakespeare": Corpus("tinyshakespeare.txt",
                                     "86c4e6aa9db7c042ec79f339dcb96d42b0075e16b8fc2e86bf0ca57e2dc565ed")}


def read_corpus(name: str, folder: Path | None = None) -> str:
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
    return raw.decode("utf-8")


def split_corpus(text: str, split: str, train_fraction: float) -> str:
    cut = int(len(text) * train_fraction)
    return text[:cut] if split == "train" else text[cut:]


def load_tinyshakespeare(config: DataConfig) -> TokenStream:
    if config.split not in ("train", "val"):
        raise DataError(f"tinyshakespeare has splits train and val, not {config.split!r}")
    text = read_corpus("tinyshakespeare", Path(config.dir) if config.dir else None)
    vocabulary = CharacterVocabulary.of(text)
    part = split_corpus(text, config.split, SHIPPED["tinyshakespeare"].train_fraction)
    return TokenStream(f"tinyshakespeare:{config.split}", vocabulary.encode(part), vocabulary, config.sequence_length)
