"""The data section's options of the text sources (no torch):

    TextDataConfig         + sequence_length, tokenizer,           tinyshakespeare
                             vocab_size, min_frequency
      FortunesConfig       (BPE by default)                        fortunes
      TangPoemsConfig      + collections                           tang-poems
      UserTextConfig       + separator, skip_bad_lines             text (--text FILE|FOLDER)
      PairsConfig          layout pairs                            pairs (--pairs FILE), dialogue
        CoupletsConfig     + collections                           couplets
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ...core.config_fields import Range
from ...core.errors import ConfigError
from ..config import DataConfig


@dataclass
class TextDataConfig(DataConfig):
    RANGES: ClassVar[dict[str, Range]] = {"sequence_length": Range(1, 2**16), "vocab_size": Range(8, 2**20),
                                          "min_frequency": Range(1, 2**31)}
    # tokenizer: the names of data/text/tokenizers.py's TOKENIZERS (tests/models/test_declared_choices.py).
    CHOICES: ClassVar[dict] = {"tokenizer": ("characters", "bpe", "words"), "layout": ("stream", "sequences")}
    LAYOUTS: ClassVar[tuple[str, ...]] = ("stream", "sequences")
    LAYOUT_WHAT: ClassVar[str] = "text"
    INPUT_PATHS: ClassVar[tuple[str, ...]] = ("dir", "tokenizer_file")

    name: str = "tinyshakespeare"
    # Tokens each training sequence holds, the model's context: 64 as nanoGPT's CPU configuration (its GPU
    # one uses 256). On 2 cores, 256 took 4x fewer steps in 2 minutes and reached a validation loss of
    # 2.49 nats/char against 2.01 for 64 (benchmarks/char_lm.py --minutes 2, 2026-12-01).
    sequence_length: int = 64
    tokenizer: str = "characters"  # characters | bpe (byte-level, trained on the train split) | words
    vocab_size: int = 2000  # bpe: ids in all, the 4 specials included; words: the most frequent kept
    min_frequency: int = 2  # words: seen fewer times in the train split -> <unk>
    # Another run's tokenizer.json to encode with instead of training one (two runs in one tokenisation:
    # fine-tuning, or the reverse-LM score's model trained on samples, pipelines/lm_scores.py).
    tokenizer_file: str | None = None
    # What the model reads (set from the model's DATA_LAYOUT): one stream of windows (language models),
    # or each example on its own between <bos> and <eos>, cut to sequence_length (sentence VAE, text GAN).
    layout: str = "stream"


@dataclass
class FortunesConfig(TextDataConfig):
    name: str = "fortunes"
    tokenizer: str = "bpe"


@dataclass
class TangPoemsConfig(TextDataConfig):
    name: str = "tang-poems"
    # fortunes-zh's collections: tang300 (313 Tang poems), song100 (96 Song poems), chinese (5,263 modern
    # sayings and passages: 18 times the poems' text, so not in a poem model by default).
    collections: str = "tang300,song100"

    def validate(self) -> None:
        check_collections(self.collections)


def collection_names(collections: str) -> tuple[str, ...]:
    return tuple(name.strip() for name in collections.split(",") if name.strip())


def check_collections(collections: str) -> None:
    known = ("tang300", "song100", "chinese")
    chosen = collection_names(collections)
    if not chosen or any(name not in known for name in chosen):
        raise ConfigError(f"data.collections must be a comma-separated choice of {', '.join(known)}, got {collections!r}")


@dataclass
class UserTextConfig(TextDataConfig):
    CHOICES: ClassVar[dict] = {"separator": ("line", "blank", "percent")}

    name: str = "text"
    separator: str = "line"  # line: one example per line | blank: blank-line paragraphs | percent: % lines
    skip_bad_lines: bool = False  # leave undecodable examples out (listed in RUN/skipped-files.txt)


@dataclass
class PairsConfig(TextDataConfig):
    """(source, target) pairs, for seq2seq: --pairs FILE.jsonl|.tsv (data.dir)."""

    CHOICES: ClassVar[dict] = {"layout": ("pairs",)}
    LAYOUTS: ClassVar[tuple[str, ...]] = ("pairs",)

    name: str = "pairs"
    layout: str = "pairs"


@dataclass
class CoupletsConfig(PairsConfig):
    """The first line of each couplet of the Tang (and Song) poems -> the second."""

    name: str = "couplets"
    collections: str = "tang300,song100"

    def validate(self) -> None:
        check_collections(self.collections)


@dataclass
class DialogueConfig(PairsConfig):
    """tiny-shakespeare: one speaker's turn -> the next speaker's reply."""

    name: str = "dialogue"
