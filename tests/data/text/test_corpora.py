"""Where text comes from: Debian's fortunes, the user's files with their separators, and the splits."""

import pytest

from genforge.data import data_config, load_dataset
from genforge.data.text.corpora import FORTUNE_DIR, Corpus, decode_examples, read_fortunes, read_user_text, split_bucket
from genforge.core.errors import DataError

needs_fortunes = pytest.mark.skipif(not (FORTUNE_DIR / "tang300").is_file(),
                                    reason="Debian's fortunes, fortunes-min and fortunes-zh (make test installs them)")


@needs_fortunes
def test_debians_english_fortunes():
    corpus = read_fortunes("fortunes", FORTUNE_DIR, chinese=False)
    assert 15_000 < len(corpus.examples) < 16_000 and len(corpus.files) > 40
    assert not any("tang300" in record["path"] for record in corpus.files)
    assert all(example == example.strip() and example for example in corpus.examples)


@needs_fortunes
def test_the_tang_poems_lose_their_colour_codes():
    corpus = read_fortunes("tang-poems", FORTUNE_DIR, chinese=True, collections=("tang300", "song100"))
    assert [record["examples"] for record in corpus.files] == [313, 96]
    assert not any("\x1b" in example for example in corpus.examples)
    assert corpus.examples[0].startswith("《感遇・其一》\n作者：张九龄\n兰叶春葳蕤，桂华秋皎洁。")


def test_the_split_is_by_content_deterministic_and_about_90_5_5():
    examples = [f"example {i}" for i in range(4000)] + ["a repeated line"] * 50
    corpus = Corpus("text", examples)
    parts = {split: corpus.split(split) for split in ("train", "valid", "test")}
    assert sum(map(len, parts.values())) == len(examples)
    assert 0.88 < len(parts["train"]) / len(examples) < 0.92 and 0.03 < len(parts["test"]) / len(examples) < 0.07
    assert sum("a repeated line" in part for part in parts.values()) == 1  # copies never straddle splits
    assert split_bucket("example 7") == split_bucket("example 7")
    assert Corpus("text", list(reversed(examples))).split("test") == list(reversed(parts["test"]))


@pytest.mark.parametrize("separator, raw, expected", [
    ("line", b"one\ntwo\r\n\nthree\n", ["one", "two", "three"]),
    ("blank", b"a first\nparagraph\n\n  \nsecond one\n", ["a first\nparagraph", "second one"]),
    ("percent", b"first\n%\nsecond\nfortune\n%\n", ["first", "second\nfortune"]),
    # `%` lines in a row (Debian's fortunes have some): the empty examples between them are dropped.
    ("percent", b"a\n%\n%\nb", ["a", "b"]),
    ("percent", b"%\n%\na\n%\n% \n%\nb\n%\n%\n", ["a", "b"]),
    ("percent", b"a\r\n%\r\n%\r\nb\r\n", ["a", "b"]),
    ("percent", b"100%\n%x\n%\nb", ["100%\n%x", "b"]),  # only a line of `%` alone separates
])
def test_examples_are_cut_at_their_separator(tmp_path, separator, raw, expected):
    assert decode_examples(tmp_path / "f.txt", raw, separator, skip_bad=False) == (expected, [])


@pytest.mark.parametrize("separator, expected", [("line", ["%", "first", "%", "second"]),
                                                 ("blank", ["%\nfirst\n%", "second"]),
                                                 ("percent", ["first", "second"])])
def test_a_byte_order_mark_is_no_part_of_the_text(tmp_path, separator, expected):
    raw = b"\xef\xbb\xbf%\nfirst\n%\n\nsecond\n"  # the mark first: the `%` line after it still separates
    assert decode_examples(tmp_path / "f.txt", raw, separator, skip_bad=False) == (expected, [])
    with pytest.raises(DataError, match=r"f.txt: byte 5 is not UTF-8"):  # offsets still count the mark
        decode_examples(tmp_path / "f.txt", b"\xef\xbb\xbfab\xff\n", "line", skip_bad=False)


def test_a_byte_order_mark_never_becomes_a_vocabulary_character(tmp_path):
    (tmp_path / "t.txt").write_bytes(b"\xef\xbb\xbf" + b"".join(b"line %d\n" % i for i in range(300)))
    data = load_dataset(data_config(name="text", dir=str(tmp_path / "t.txt"), sequence_length=8))
    assert "\ufeff" not in data.tokenizer.characters and data.record["files"][0]["examples"] == 300


def test_an_undecodable_byte_names_the_file_and_offset_or_is_skipped(tmp_path):
    path = tmp_path / "bad.txt"
    path.write_bytes(b"good line\nbad \xff line\nanother good one\n")
    with pytest.raises(DataError, match=r"bad.txt: byte 14 is not UTF-8 \(b'\\xff'\); fix the file or pass --skip-bad-lines"):
        read_user_text(path, "line", skip_bad=False)
    corpus = read_user_text(path, "line", skip_bad=True)
    assert corpus.examples == ["good line", "another good one"]
    assert corpus.skipped == [f"{path}: byte 14: not UTF-8, example skipped"]


def test_empty_text_is_one_line(tmp_path):
    (tmp_path / "empty.txt").write_text("\n\n  \n")
    with pytest.raises(DataError, match="holds no text examples"):
        read_user_text(tmp_path / "empty.txt", "line", skip_bad=False)
    with pytest.raises(DataError, match="does not exist"):
        read_user_text(tmp_path / "missing", "line", skip_bad=False)


def test_a_folder_of_files_is_one_corpus_and_records_its_files(tmp_path):
    (tmp_path / "b.txt").write_text("beta\n")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("alpha\ngamma\n")
    (tmp_path / ".hidden").write_text("never\n")
    corpus = read_user_text(tmp_path, "line", skip_bad=False)
    assert corpus.examples == ["beta", "alpha", "gamma"]
    assert [record["examples"] for record in corpus.files] == [1, 2] and len(corpus.files[0]["sha256"]) == 64


def test_skipped_examples_reach_the_dataset(tmp_path):
    (tmp_path / "t.txt").write_bytes(b"".join(b"line %d\n" % i for i in range(300)) + b"\xfe\n")
    data = load_dataset(data_config(name="text", dir=str(tmp_path / "t.txt"), skip_bad_lines=True, sequence_length=8))
    assert len(data.skipped) == 1 and "not UTF-8" in data.skipped[0]
