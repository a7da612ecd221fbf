"""Tokenisers: the four specials first, exact round trips for characters and bytes, JSON save and load."""

import json

import pytest

from genforge.data.text.tokenizers import (BOS, EOS, PAD, SPECIALS, UNK, ByteBPETokenizer, CharacterTokenizer,
                                           WordTokenizer, tokenizer_from_json, train_tokenizer)
from genforge.core.errors import DataError

TEXTS = ["The quick brown fox jumps over the lazy dog.", "To be, or not to be: that is the question.",
         "床前明月光，疑是地上霜。", "naïve café — 50 € 🙂", "  leading and trailing spaces \t\n"] * 20


def test_every_kind_reserves_the_same_four_ids():
    assert (PAD, BOS, EOS, UNK) == (0, 1, 2, 3) and SPECIALS == ("<pad>", "<bos>", "<eos>", "<unk>")
    bpe = ByteBPETokenizer.train(TEXTS, vocab_size=300)
    for tokenizer in (CharacterTokenizer.of(TEXTS), bpe, WordTokenizer.train(TEXTS, vocab_size=100, min_frequency=1)):
        assert min(tokenizer.encode("The quick")) >= len(SPECIALS)
    assert [bpe.backend.token_to_id(token) for token in SPECIALS] == [0, 1, 2, 3]


@pytest.mark.parametrize("kind", ["characters", "bpe"])
def test_characters_and_bytes_round_trip_exactly(kind):
    tokenizer = train_tokenizer(kind, TEXTS, TEXTS, vocab_size=400, min_frequency=1)
    for text in set(TEXTS):
        assert tokenizer.decode(tokenizer.encode(text)) == text
    assert tokenizer.decode([BOS, *tokenizer.encode("fox"), EOS, PAD]) == "fox"  # specials left out


def test_bytes_cover_text_never_seen_and_characters_mark_it_unknown():
    bpe = ByteBPETokenizer.train(TEXTS[:2], vocab_size=300)
    assert bpe.decode(bpe.encode("Ωmega ünseen 漢字")) == "Ωmega ünseen 漢字" and bpe.unknown("漢字") == ""
    characters = CharacterTokenizer.of(["abc\n"])
    assert characters.unknown("abxyx") == "xy" and characters.encode("ax") == [characters.ids["a"], UNK]
    assert characters.vocab_size == 4 + 4


@pytest.mark.parametrize("kind", ["characters", "bpe", "words"])
def test_the_json_saves_and_loads_the_same_tokeniser(kind):
    tokenizer = train_tokenizer(kind, TEXTS, TEXTS, vocab_size=300, min_frequency=1)
    saved = json.loads(json.dumps(tokenizer.to_json()))  # what RUN/tokenizer.json and state.json hold
    loaded = tokenizer_from_json(saved)
    assert type(loaded) is type(tokenizer) and loaded.sha256 == tokenizer.sha256
    assert all(loaded.encode(text) == tokenizer.encode(text) for text in TEXTS)
    assert loaded.vocab_size == tokenizer.vocab_size


def test_bpe_training_is_deterministic_and_reaches_its_size():
    first, second = (ByteBPETokenizer.train(TEXTS, vocab_size=320) for _ in range(2))
    assert first.sha256 == second.sha256 and first.vocab_size == 320


def test_words_keep_those_seen_often_enough_and_the_rest_are_unknown():
    tokenizer = WordTokenizer.train(["a b c a b a", "a d"], vocab_size=100, min_frequency=2)
    assert tokenizer.words == ["a", "b"]  # a: 4, b: 2; c, d once
    assert tokenizer.encode("a c b") == [4, UNK, 5] and tokenizer.decode([4, UNK, 5]) == "a <unk> b"
    assert WordTokenizer.train(["a b c a b a"], vocab_size=5, min_frequency=1).words == ["a"]  # 4 specials + 1


def test_a_bad_tokeniser_json_is_one_line():
    with pytest.raises(DataError, match="kind"):
        tokenizer_from_json({"characters": "abc"})
    with pytest.raises(DataError, match="not a byte-level BPE tokeniser"):
        tokenizer_from_json({"kind": "bpe", "tokenizer": {"model": 3}})


def test_a_tokeniser_file_replaces_training_one_and_a_bad_file_is_one_line(tmp_path):
    from genforge.data import data_config, load_dataset
    from genforge.data.text.tokenizers import read_tokenizer_file

    (tmp_path / "t.txt").write_text("".join(f"line {i} of some text\n" for i in range(200)))
    trained = load_dataset(data_config(name="text", dir=str(tmp_path / "t.txt"), tokenizer="bpe", vocab_size=300))
    (tmp_path / "tokenizer.json").write_text(json.dumps(trained.tokenizer.to_json()))
    (tmp_path / "other.txt").write_text("".join(f"another {i} text\n" for i in range(200)))
    reused = load_dataset(data_config(name="text", dir=str(tmp_path / "other.txt"), tokenizer_file=str(tmp_path / "tokenizer.json")))
    assert reused.tokenizer.sha256 == trained.tokenizer.sha256 and reused.record["tokenizer_sha256"] == trained.tokenizer.sha256
    (tmp_path / "marked.json").write_bytes(b"\xef\xbb\xbf" + (tmp_path / "tokenizer.json").read_bytes())
    assert read_tokenizer_file(tmp_path / "marked.json").sha256 == trained.tokenizer.sha256  # a byte-order mark first
    (tmp_path / "bad.json").write_text("{not json")
    (tmp_path / "odd.json").write_text('{"kind": "characters"}')
    for name, message in (("missing.json", "does not exist"), ("bad.json", "is not a tokeniser's JSON"),
                          ("odd.json", "is not a tokeniser's JSON: missing 'characters'")):
        with pytest.raises(DataError, match=message):
            read_tokenizer_file(tmp_path / name)


@pytest.mark.parametrize("kind", ["characters", "words", "bpe"])
def test_a_tokeniser_file_without_the_reserved_specials_is_one_line(tmp_path, kind):
    from genforge.data.text.tokenizers import read_tokenizer_file

    saved = train_tokenizer(kind, TEXTS, TEXTS, vocab_size=300, min_frequency=1).to_json()
    if kind == "bpe":  # another program's BPE: its first ids are bytes, not <pad> <bos> <eos> <unk>
        saved["tokenizer"]["added_tokens"] = []
        vocab = saved["tokenizer"]["model"]["vocab"]
        for token in SPECIALS:
            del vocab[token]
    else:
        del saved["specials"]
    (tmp_path / "t.json").write_text(json.dumps(saved))
    with pytest.raises(DataError, match=f"data.tokenizer_file {tmp_path / 't.json'}: .* the reserved specials "
                                        "<pad>, <bos>, <eos>, <unk> as ids 0 to 3"):
        read_tokenizer_file(tmp_path / "t.json")
    if kind != "bpe":
        saved["specials"] = ["<unk>", "<pad>", "<bos>", "<eos>"]  # other ids for them
        (tmp_path / "t.json").write_text(json.dumps(saved))
        with pytest.raises(DataError, match=r"its specials are \['<unk>', '<pad>', '<bos>', '<eos>'\], not the reserved"):
            read_tokenizer_file(tmp_path / "t.json")


@pytest.mark.parametrize("saved, message", [
    ({"kind": "characters", "specials": list(SPECIALS), "characters": "abca"}, "it lists 'a' twice: two ids for one character"),
    ({"kind": "words", "specials": list(SPECIALS), "words": ["to", "be", "to"]}, "it lists 'to' twice: two ids for one word"),
    ({"kind": "characters", "specials": list(SPECIALS), "characters": ["a", "b"]}, "its characters must be one string"),
    ({"kind": "words", "specials": list(SPECIALS), "words": "to be"}, "its words must be a list of strings"),
])
def test_a_tokeniser_file_that_gives_one_item_two_ids_is_one_line(tmp_path, saved, message):
    from genforge.data.text.tokenizers import read_tokenizer_file

    (tmp_path / "t.json").write_text(json.dumps(saved))
    with pytest.raises(DataError, match=f"data.tokenizer_file {tmp_path / 't.json'}: {message}"):
        read_tokenizer_file(tmp_path / "t.json")
