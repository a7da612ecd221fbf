"""The data section of a run config: a base that every source shares, and each source's own
options beside it (no torch: configs are read and checked before anything loads).

    DataConfig             name, dir, split                        every source
    ImageDataConfig        + max_images, mirror                    fashion-mnist
    PhotoDataConfig        + image_size, channels, crop, resize,   (photos: decoded once into a
                             cache, background                      uint8 cache, read from there)
      CelebAConfig         + attributes                            celeba
      FolderConfig         + classes                               folder
    TextDataConfig         + sequence_length, tokenizer,           tinyshakespeare
                             vocab_size, min_frequency
      FortunesConfig       (BPE by default)                        fortunes
      TangPoemsConfig      + collections                           tang-poems
      UserTextConfig       + separator, skip_bad_lines             text (--text FILE|FOLDER)
      PairsConfig          layout pairs                            pairs (--pairs FILE), dialogue
        CoupletsConfig     + collections                           couplets

Each source registers its class (data/sources.py); `data_config(name, **values)` builds the one a
name asks for. A config.yaml written before the split holds every flat key: those another source
owns are dropped when they hold their old default and refused, naming the key, when they do not.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..core.config_fields import Range
from ..errors import ConfigError


@dataclass
class DataConfig:
    # The layouts of its examples a source can serve a model (text: a stream, separate sequences,
    # pairs); a model that needs one declares it (ModelConfig.DATA_LAYOUT), images need none.
    LAYOUTS: ClassVar[tuple[str, ...]] = ()
    # The fields that name a file or folder the source reads: `train --overwrite` never replaces a
    # folder that is, holds or lies inside one (safe_folders.py). A source that reads another path
    # declares its field here, and is protected without a change anywhere else.
    INPUT_PATHS: ClassVar[tuple[str, ...]] = ("dir",)

    name: str = "fashion-mnist"  # a registered source (data/sources.py): `genforge train --help` lists them
    dir: str | None = None  # defaults to $GENFORGE_DATA, then the source's own default
    split: str = "train"

    def validate(self) -> None:
        pass  # the ranges and choices are checked as the section is read

    def input_paths(self) -> dict[str, str]:
        """The paths the source reads, by field (INPUT_PATHS), those that are set."""
        return {key: getattr(self, key) for key in self.INPUT_PATHS if getattr(self, key)}


@dataclass
class ImageDataConfig(DataConfig):
    RANGES: ClassVar[dict[str, Range]] = {"max_images": Range(1, 2**40)}

    max_images: int | None = None  # train on a fixed random subset of this many images (None: all)
    mirror: bool = False  # flip each drawn image left-right with probability 1/2 (x-flip augmentation)


@dataclass
class PhotoDataConfig(ImageDataConfig):
    RANGES: ClassVar[dict[str, Range]] = {"image_size": Range(4, 4096), "channels": Range(1, 3),
                                          "crop": Range(1, 2**16)}
    CHOICES: ClassVar[dict] = {"resize": ("center-crop", "stretch", "pad")}

    image_size: int | None = None  # square side in pixels (celeba: 64; folder: 64)
    channels: int | None = None  # 1 (grayscale) or 3 (RGB, the default for photos)
    crop: int | None = None  # centre square cut before resizing (celeba: 178, the usual face crop)
    resize: str = "center-crop"  # center-crop (shorter side to size, then the middle) | stretch | pad
    cache: bool = True  # False decodes every batch from the files (slower; for comparison)
    background: str = "white"  # white | black | #rrggbb under transparent pixels (in the cache key)


@dataclass
class CelebAConfig(PhotoDataConfig):
    name: str = "celeba"
    attributes: str = ""  # comma-separated attributes used as class labels, e.g. "Smiling,Male"


@dataclass
class FolderConfig(PhotoDataConfig):
    name: str = "folder"
    classes: bool = False  # first-level sub-folders (or a dataset.json) are the classes


@dataclass
class TextDataConfig(DataConfig):
    RANGES: ClassVar[dict[str, Range]] = {"sequence_length": Range(1, 2**16), "vocab_size": Range(8, 2**20),
                                          "min_frequency": Range(1, 2**31)}
    # tokenizer: the names of data/text/tokenizers.py's TOKENIZERS (tests/models/test_declared_choices.py).
    CHOICES: ClassVar[dict] = {"tokenizer": ("characters", "bpe", "words"), "layout": ("stream", "sequences")}
    LAYOUTS: ClassVar[tuple[str, ...]] = ("stream", "sequences")
    INPUT_PATHS: ClassVar[tuple[str, ...]] = ("dir", "tokenizer_file")

    name: str = "tinyshakespeare"
    # Tokens each training sequence holds, the model's context: 64 as nanoGPT's CPU configuration (its GPU
    # one uses 256). On 2 cores, 256 took 4x fewer steps in 2 minutes and reached a validation loss of
    # 2.49 nats/char against 2.01 for 64 (benchmarks/char_lm.py --minutes 2, session 8).
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


# The flat data section before each source had its own class, with its defaults: what an old
# config.yaml holds whatever its source.
FLAT_DEFAULTS = {"image_size": None, "channels": None, "crop": None, "resize": "center-crop", "classes": False,
                 "attributes": "", "cache": True, "max_images": None, "mirror": False, "background": "white"}


def translated(values: dict, cls: type, owners: dict[str, list[str]]) -> dict:
    """`values` of the data section with the flat keys `cls` does not own removed where they hold
    their old default; one that is set is refused, naming the sources that take it (`owners`)."""
    fields = set(cls.__dataclass_fields__)
    kept = {}
    for key, value in values.items():
        if key in fields or key not in FLAT_DEFAULTS:
            kept[key] = value  # its own keys, and unknown ones (refused with a suggestion later)
        elif value != FLAT_DEFAULTS[key]:
            name = values.get("name", DataConfig.name)
            takers = ", ".join(owners.get(key, [])) or "no source"
            raise ConfigError(f"data.{key} is not an option of {name} (it is for {takers}); remove it")
    return kept
