"""The text sources' loaders (declared in data/sources.py): a corpus, its split, a tokeniser trained
on it, and the split's ids as a TokenStream."""

from __future__ import annotations

from pathlib import Path

from .config import TextDataConfig, collection_names
from ...core.errors import DataError
from .corpora import FORTUNE_DIR, SPLIT_SHARES, Corpus, read_fortunes, read_shipped, read_user_text
from .pairs import PairCorpus, couplets, dialogue, read_pairs
from .sequences import PairSet, TokenSequences
from .streams import TokenStream, encode_examples
from .tokenizers import Tokenizer, read_tokenizer_file, train_tokenizer


def check_split(name: str, split: str, splits: tuple[str, ...]) -> None:
    if split not in splits:
        raise DataError(f"{name} has splits {' and '.join(splits)}, not {split!r}")


def tokenizer_for(config: TextDataConfig, train_texts: list[str], all_texts: list[str]) -> Tokenizer:
    """The tokeniser of `data.tokenizer_file` (another run's, so that two runs share one tokenisation),
    else one of `data.tokenizer` trained on this corpus."""
    if config.tokenizer_file:
        return read_tokenizer_file(Path(config.tokenizer_file).expanduser())
    return train_tokenizer(config.tokenizer, train_texts, all_texts, config.vocab_size, config.min_frequency)


def token_stream(corpus: Corpus, config: TextDataConfig, splits: tuple[str, ...]):
    """The split as the model's layout asks: one stream of windows, or separate sequences."""
    check_split(corpus.name, config.split, splits)
    examples = corpus.split(config.split)
    if not any(examples):
        raise DataError(f"the {config.split} split of {corpus.name} is empty ({len(corpus.examples)} examples in all)")
    tokenizer = tokenizer_for(config, corpus.split("train"), corpus.examples)
    if config.layout == "sequences":
        texts = examples[0].splitlines() if corpus.running_text else examples
        texts = [text for text in texts if text.strip()]
        record = {**corpus.record(), "split": config.split, "split_examples": len(texts),
                  "tokenizer": tokenizer.describe(), "tokenizer_sha256": tokenizer.sha256}
        return TokenSequences(f"{corpus.name}:{config.split}", texts, tokenizer, config.sequence_length, record,
                              tuple(corpus.skipped))
    ids = encode_examples(tokenizer, examples, corpus.running_text)
    record = {**corpus.record(), "split": config.split, "split_examples": len(examples), "tokens": len(ids),
              "tokenizer": tokenizer.describe(), "tokenizer_sha256": tokenizer.sha256}
    # A running text's examples, for the sample metrics, are its lines (a line of verse, a speaker's name).
    texts = [line for line in examples[0].splitlines() if line.strip()] if corpus.running_text else examples
    return TokenStream(f"{corpus.name}:{config.split}", ids, tokenizer, config.sequence_length,
                       not corpus.running_text, record, tuple(corpus.skipped), texts)


def load_tinyshakespeare(config: TextDataConfig) -> TokenStream:
    corpus = read_shipped("tinyshakespeare", Path(config.dir) if config.dir else None)
    return token_stream(corpus, config, ("train", "valid"))


def load_fortunes(config: TextDataConfig) -> TokenStream:
    corpus = read_fortunes("fortunes", Path(config.dir) if config.dir else FORTUNE_DIR, chinese=False)
    return token_stream(corpus, config, tuple(SPLIT_SHARES))


def load_tang_poems(config) -> TokenStream:
    corpus = read_fortunes("tang-poems", Path(config.dir) if config.dir else FORTUNE_DIR, chinese=True,
                           collections=collection_names(config.collections))
    return token_stream(corpus, config, tuple(SPLIT_SHARES))


def load_user_text(config) -> TokenStream:
    if not config.dir:
        raise DataError("the text dataset needs its file or folder: --text PATH (or data.dir in the config)")
    corpus = read_user_text(Path(config.dir).expanduser(), config.separator, config.skip_bad_lines)
    return token_stream(corpus, config, tuple(SPLIT_SHARES))


def pair_set(corpus: PairCorpus, config) -> PairSet:
    check_split(corpus.name, config.split, tuple(SPLIT_SHARES))
    pairs = corpus.split(config.split)
    if not pairs:
        raise DataError(f"the {config.split} split of {corpus.name} is empty ({len(corpus.pairs)} pairs in all)")
    train_texts = [text for pair in corpus.split("train") for text in pair]
    tokenizer = tokenizer_for(config, train_texts, corpus.texts())
    record = {**corpus.record(), "split": config.split, "split_pairs": len(pairs), "tokenizer": tokenizer.describe(),
              "tokenizer_sha256": tokenizer.sha256}
    return PairSet(f"{corpus.name}:{config.split}", pairs, tokenizer, config.sequence_length, record)


def load_pairs(config) -> PairSet:
    if not config.dir:
        raise DataError("the pairs dataset needs its file: --pairs FILE.jsonl|.tsv (or data.dir in the config)")
    return pair_set(read_pairs(Path(config.dir).expanduser()), config)


def load_couplets(config) -> PairSet:
    poems = read_fortunes("tang-poems", Path(config.dir) if config.dir else FORTUNE_DIR, chinese=True,
                          collections=collection_names(config.collections))
    return pair_set(couplets(poems), config)


def load_dialogue(config) -> PairSet:
    return pair_set(dialogue(read_shipped("tinyshakespeare", Path(config.dir) if config.dir else None)), config)
