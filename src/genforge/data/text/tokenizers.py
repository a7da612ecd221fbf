"""Tokenisers: text <-> token ids, trained on a training split and saved as JSON (never pickle).

Every kind reserves the same four ids first, so the models can rely on them:

    0 <pad>   fills sequences of different lengths to one size (never predicted: masked out)
    1 <bos>   starts a sequence the sentence VAE and seq2seq decoders generate
    2 <eos>   ends an example (a language model learns where a fortune or a poem stops)
    3 <unk>   a character or word the tokeniser never saw (words below the frequency cut-off)

- `characters`: one id per character of the corpus, in code-point order (nanoGPT's shakespeare_char,
  built from the whole corpus, so held-out text has no unknown characters). Round trips are exact.
- `bpe`: byte-level BPE (GPT-2's scheme) trained with Hugging Face `tokenizers` on the training
  split to `vocab_size` ids. Every byte is in its alphabet, so round trips are exact for any text.
- `words`: whitespace-separated words seen at least `min_frequency` times in the training split,
  the rest <unk> (the sentence-VAE papers' vocabularies: Bowman et al. 2016). Decoding joins words
  with single spaces, so only text already in that form round-trips.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from pathlib import Path
from typing import ClassVar, Iterable, Sequence

from ...core.errors import DataError
from ...core.registry import Registry

SPECIALS = ("<pad>", "<bos>", "<eos>", "<unk>")
PAD, BOS, EOS, UNK = range(len(SPECIALS))


class Tokenizer:
    kind: ClassVar[str]
    exact: ClassVar[bool] = True  # decode(encode(text)) == text for every text it was trained on

    @property
    def vocab_size(self) -> int:
        raise NotImplementedError

    def encode(self, text: str) -> list[int]:
        raise NotImplementedError

    def encode_many(self, texts: Sequence[str]) -> list[list[int]]:
        return [self.encode(text) for text in texts]

    def decode(self, ids: Iterable[int]) -> str:
        """The text of `ids`, the special tokens left out."""
        raise NotImplementedError

    def unknown(self, text: str) -> str:
        """What of `text` the tokeniser cannot represent, each once (nothing, for bytes)."""
        return ""

    def to_json(self) -> dict:
        raise NotImplementedError

    @property
    def sha256(self) -> str:
        """Its identity: a run's tokeniser must be the one its weights were trained with."""
        return hashlib.sha256(json.dumps(self.to_json(), sort_keys=True, ensure_ascii=False).encode()).hexdigest()

    def describe(self) -> str:
        return f"{self.kind}, {self.vocab_size} ids"


TOKENIZERS: Registry[type[Tokenizer]] = Registry("tokeniser")


def register(cls: type[Tokenizer]) -> type[Tokenizer]:
    return TOKENIZERS.register(cls.kind)(cls)


def tokenizer_from_json(values: dict) -> Tokenizer:
    if not isinstance(values, dict) or not isinstance(values.get("kind"), str):
        raise DataError("a tokeniser's JSON must be an object with its kind")
    return TOKENIZERS.get(values["kind"]).from_json(values)


def read_tokenizer_file(path: Path) -> Tokenizer:
    """A tokeniser saved as JSON (a run's tokenizer.json); a missing or malformed file, or one that
    breaks the tokenisers' rules (the reserved specials first, one id per character), is one line."""
    try:
        values = json.loads(path.read_text(encoding="utf-8-sig"))  # a byte-order mark first is no error
    except FileNotFoundError:
        raise DataError(f"data.tokenizer_file {path} does not exist (a run's tokenizer.json)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise DataError(f"data.tokenizer_file {path} is not a tokeniser's JSON: {error}") from None
    try:
        return tokenizer_from_json(values)
    except (KeyError, TypeError, ValueError) as error:
        raise DataError(f"data.tokenizer_file {path} is not a tokeniser's JSON: missing {error}") from None
    except DataError as error:
        raise DataError(f"data.tokenizer_file {path}: {error}") from None


RESERVED = f"the reserved specials {', '.join(SPECIALS)} as ids 0 to {len(SPECIALS) - 1}"


def check_saved_specials(values: dict) -> None:
    """A characters or words tokeniser's JSON names the specials its ids start with: genforge's four."""
    if values.get("specials") != list(SPECIALS):
        found = f"its specials are {values['specials']!r}" if "specials" in values else "it names no specials"
        raise DataError(f"{found}, not {RESERVED} that genforge's models rely on (padding, start, end, unknown)")


def check_one_id_each(items: Sequence[str], what: str) -> None:
    """Each character (word) has one id: one listed twice would have two, and decode by either."""
    twice = [item for item, count in Counter(items).items() if count > 1]
    if twice:
        shown = ", ".join(repr(item) for item in twice[:5]) + (f" and {len(twice) - 5} more" if len(twice) > 5 else "")
        raise DataError(f"it lists {shown} twice: two ids for one {what}")


TRAINED: dict[str, Tokenizer] = {}  # the inputs' SHA-256 -> the tokeniser trained on them (never mutated)
TRAINED_KEPT = 8


def train_tokenizer(kind: str, train_texts: Sequence[str], all_texts: Sequence[str], vocab_size: int,
                    min_frequency: int) -> Tokenizer:
    """A tokeniser of `kind` for a corpus: characters from all of its text, BPE and words from the
    training split only (what a model may learn from). Training is deterministic, so one process trains
    each once: a run loads its train and valid splits, `genforge eval` its held-out, train and reference
    splits, each of which would otherwise train the same BPE again (3 s each on fortunes)."""
    digest = hashlib.sha256(f"{kind}\0{vocab_size}\0{min_frequency}".encode())
    for texts in (train_texts, all_texts):
        digest.update(f"\0{len(texts)}".encode())
        for text in texts:
            digest.update(text.encode("utf-8", "surrogatepass") + b"\0")
    key = digest.hexdigest()
    if key not in TRAINED:
        if len(TRAINED) >= TRAINED_KEPT:
            TRAINED.pop(next(iter(TRAINED)))
        TRAINED[key] = TOKENIZERS.get(kind).train(train_texts=train_texts, all_texts=all_texts,
                                                  vocab_size=vocab_size, min_frequency=min_frequency)
    return TRAINED[key]



@register
class CharacterTokenizer(Tokenizer):
    kind = "characters"

    def __init__(self, characters: str):
        self.characters = characters
        self.ids = {character: index + len(SPECIALS) for index, character in enumerate(characters)}

    @classmethod
    def of(cls, texts: Iterable[str]) -> "CharacterTokenizer":
        seen: set[str] = set()
        for text in texts:
            seen.update(text)
        return cls("".join(sorted(seen)))

    @classmethod
    def train(cls, train_texts, all_texts, **unused) -> "CharacterTokenizer":
        return cls.of(all_texts)

    @classmethod
    def from_json(cls, values: dict) -> "CharacterTokenizer":
        characters = values["characters"]
        if not isinstance(characters, str):
            raise DataError(f"its characters must be one string, not {type(characters).__name__}")
        check_saved_specials(values)
        check_one_id_each(characters, "character")
        return cls(characters)

    def to_json(self) -> dict:
        return {"kind": self.kind, "specials": list(SPECIALS), "characters": self.characters}

    @property
    def vocab_size(self) -> int:
        return len(SPECIALS) + len(self.characters)

    def unknown(self, text: str) -> str:
        return "".join(dict.fromkeys(character for character in text if character not in self.ids))

    def encode(self, text: str) -> list[int]:
        ids = self.ids
        return [ids.get(character, UNK) for character in text]

    def decode(self, ids: Iterable[int]) -> str:
        first = len(SPECIALS)
        return "".join(self.characters[index - first] for index in map(int, ids) if index >= first)


@register
class ByteBPETokenizer(Tokenizer):
    kind = "bpe"

    def __init__(self, backend):
        self.backend = backend  # a tokenizers.Tokenizer

    @classmethod
    def train(cls, train_texts, vocab_size: int, **unused) -> "ByteBPETokenizer":
        from tokenizers import Tokenizer as Backend, decoders, models, pre_tokenizers, trainers

        backend = Backend(models.BPE())
        # GPT-2's byte-level scheme, without its added prefix space, so that decoding is exact.
        backend.pre_tokenizer = pre_tokenizers.ByteLevel(add_prefix_space=False)
        backend.decoder = decoders.ByteLevel()
        trainer = trainers.BpeTrainer(vocab_size=vocab_size, special_tokens=list(SPECIALS), show_progress=False,
                                      initial_alphabet=pre_tokenizers.ByteLevel.alphabet())
        backend.train_from_iterator(train_texts, trainer)
        return cls(backend)

    @classmethod
    def from_json(cls, values: dict) -> "ByteBPETokenizer":
        from tokenizers import Tokenizer as Backend

        try:
            backend = Backend.from_str(json.dumps(values["tokenizer"]))
        except Exception as error:  # the library's own parse errors
            raise DataError(f"not a byte-level BPE tokeniser: {str(error)[:120]}") from None
        if [backend.token_to_id(token) for token in SPECIALS] != list(range(len(SPECIALS))):
            raise DataError(f"it lacks {RESERVED} that genforge's models rely on (padding, start, end, unknown)")
        return cls(backend)

    def to_json(self) -> dict:
        return {"kind": self.kind, "tokenizer": json.loads(self.backend.to_str())}

    @property
    def vocab_size(self) -> int:
        return self.backend.get_vocab_size()

    def encode(self, text: str) -> list[int]:
        return self.backend.encode(text).ids

    def encode_many(self, texts: Sequence[str]) -> list[list[int]]:
        return [encoding.ids for encoding in self.backend.encode_batch(list(texts))]  # the library's batch path

    def decode(self, ids: Iterable[int]) -> str:
        return self.backend.decode([int(index) for index in ids], skip_special_tokens=True)


@register
class WordTokenizer(Tokenizer):
    kind = "words"
    exact = False

    def __init__(self, words: Sequence[str]):
        self.words = list(words)
        self.ids = {word: index + len(SPECIALS) for index, word in enumerate(self.words)}

    @classmethod
    def train(cls, train_texts, vocab_size: int, min_frequency: int, **unused) -> "WordTokenizer":
        counts = Counter(word for text in train_texts for word in text.split())
        kept = [word for word, count in counts.items() if count >= min_frequency]
        kept.sort(key=lambda word: (-counts[word], word))  # most frequent first; ties by spelling
        return cls(kept[:max(vocab_size - len(SPECIALS), 0)])

    @classmethod
    def from_json(cls, values: dict) -> "WordTokenizer":
        words = values["words"]
        if not isinstance(words, list) or not all(isinstance(word, str) for word in words):
            raise DataError("its words must be a list of strings")
        check_saved_specials(values)
        check_one_id_each(words, "word")
        return cls(words)

    def to_json(self) -> dict:
        return {"kind": self.kind, "specials": list(SPECIALS), "words": self.words}

    @property
    def vocab_size(self) -> int:
        return len(SPECIALS) + len(self.words)

    def unknown(self, text: str) -> str:
        return " ".join(dict.fromkeys(word for word in text.split() if word not in self.ids))

    def encode(self, text: str) -> list[int]:
        return [self.ids.get(word, UNK) for word in text.split()]

    def decode(self, ids: Iterable[int]) -> str:
        first = len(SPECIALS)
        return " ".join(self.words[index - first] if index >= first else "<unk>"
                        for index in map(int, ids) if index >= first or index == UNK)
