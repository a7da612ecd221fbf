"""Examples one at a time (padded between <bos> and <eos>) and (source, target) pairs."""

import json

import pytest
import torch

from genforge.training.run_config import build_run_config
from genforge.data import data_config, load_dataset
from genforge.data.text.corpora import FORTUNE_DIR, Corpus
from genforge.data.text.pairs import couplets, dialogue, read_pairs
from genforge.data.text.tokenizers import BOS, EOS, PAD
from genforge.core.errors import ConfigError, DataError


def test_sequences_are_padded_between_their_ends_and_cut_to_length(tmp_path):
    (tmp_path / "t.txt").write_text("\n".join(["a b"] * 100 + ["a much longer line than the others"] * 100) + "\n")
    data = load_dataset(data_config(name="text", dir=str(tmp_path / "t.txt"), layout="sequences", sequence_length=10))
    batch = data.take(torch.arange(len(data)))
    assert batch.x.shape == (len(data), 12) and data.spec.example_ends
    assert (batch.x[:, 0] == BOS).all() and set(batch.lengths.tolist()) == {5, 12}  # "a b": <bos> a ␠ b <eos>
    short = batch.x[batch.lengths == 5][0]
    assert short[4] == EOS and (short[5:] == PAD).all() and data.tokenizer.decode(short.tolist()) == "a b"
    assert torch.equal(batch.mask, batch.x != PAD) and data.record["cut"] == int((batch.lengths == 12).sum())
    # Per-character figures divide by what was scored: a cut line counts its 10 kept characters and its end.
    assert sorted(set(data.characters)) == [4, 11] and len(data.characters) == len(data)


def test_pairs_from_jsonl_and_tsv_and_their_bad_lines(tmp_path):
    (tmp_path / "p.jsonl").write_text("".join(json.dumps({"source": f"q{i}", "target": f"a{i}"}) + "\n" for i in range(50)))
    assert read_pairs(tmp_path / "p.jsonl").pairs[:2] == [("q0", "a0"), ("q1", "a1")]
    (tmp_path / "p.tsv").write_text("hello\tworld\n\nhow are you\tfine\n")
    assert read_pairs(tmp_path / "p.tsv").pairs == [("hello", "world"), ("how are you", "fine")]
    (tmp_path / "bom.tsv").write_bytes(b"\xef\xbb\xbfhello\tworld\n")  # a byte-order mark is no part of a source
    assert read_pairs(tmp_path / "bom.tsv").pairs == [("hello", "world")]
    (tmp_path / "bom.jsonl").write_bytes(b"\xef\xbb\xbf" + json.dumps({"source": "q", "target": "a"}).encode() + b"\n")
    assert read_pairs(tmp_path / "bom.jsonl").pairs == [("q", "a")]
    for name, content, message in (("bad.tsv", "one\ttwo\nthree\n", r"bad.tsv:2 is not a pair: give source<TAB>target \(1 fields"),
                                   ("bad.jsonl", '{"source": "x"}\n', r"bad.jsonl:1 is not a pair"),
                                   ("worse.jsonl", "{oops\n", r"worse.jsonl:1 is not JSON"),
                                   ("empty.tsv", " \n", "holds no pairs"), ("p.csv", "a,b\n", "a .jsonl or .tsv file")):
        (tmp_path / name).write_text(content)
        with pytest.raises(DataError, match=message):
            read_pairs(tmp_path / name)


def test_a_pair_set_gives_source_and_target_batches(tmp_path):
    (tmp_path / "p.tsv").write_text("".join(f"question {i}\tanswer {i}\n" for i in range(300)))
    data = load_dataset(data_config(name="pairs", dir=str(tmp_path / "p.tsv"), sequence_length=16))
    batch = data.take(torch.tensor([0, 1]))
    assert batch.x is None and batch.source.shape[0] == batch.target.shape[0] == 2
    # Each side cut to the batch's longest row with its <bos> and <eos> (characters: a token each).
    short = next(i for i, (source, _) in enumerate(data.pairs) if len(source) == len("question 1"))
    longer = next(i for i, (source, _) in enumerate(data.pairs) if len(source) == len("question 100"))
    assert data.take(torch.tensor([short])).source.shape == (1, 12)
    both = data.take(torch.tensor([short, longer]))
    assert both.source.shape == (2, 14) and both.target.shape == (2, len(data.pairs[longer][1]) + 2)
    source, target = data.pairs[0]
    assert data.tokenizer.decode(batch.source[0].tolist()) == source and data.tokenizer.decode(batch.target[0].tolist()) == target
    assert data.record["split_pairs"] == len(data) > 250
    long = load_dataset(data_config(name="pairs", dir=str(tmp_path / "p.tsv"), sequence_length=4))
    assert long.target_characters[0] == len("answ") + 1 and long.record["cut"] == 2 * len(long)


@pytest.mark.skipif(not (FORTUNE_DIR / "tang300").is_file(), reason="Debian's fortunes-zh (make test installs it)")
def test_couplets_pair_each_first_line_with_the_second():
    data = load_dataset(data_config(name="couplets", split="test", sequence_length=16))
    assert len(data) > 20 and all("，" in source and "，" in target for source, target in data.pairs[:10])


def test_dialogue_pairs_a_turn_with_the_reply():
    play = Corpus("tinyshakespeare", ["First Citizen:\nBefore we proceed,\nhear me.\n\nAll:\nSpeak, speak.\n\n"
                                      "All:\nAgain.\n\nFirst Citizen:\nYou are all resolved."], running_text=True)
    assert dialogue(play).pairs == [("Before we proceed, hear me.", "Speak, speak."), ("Again.", "You are all resolved.")]
    poems = Corpus("tang-poems", ["《题》\n作者：某\n一二三，四五六。\n七八九，十百千。\n甲乙丙，丁戊己。"])
    assert couplets(poems).pairs == [("一二三，四五六。", "七八九，十百千。")]


def test_the_model_sets_the_layout_and_a_source_that_cannot_serve_it_is_one_line():
    assert build_run_config({"model": {"name": "lm"}, "data": {"name": "fortunes"}}).data.layout == "stream"
    with pytest.raises(ConfigError, match="model lm reads text as stream; dataset couplets gives pairs"):
        build_run_config({"model": {"name": "lm"}, "data": {"name": "couplets"}})
    with pytest.raises(ConfigError, match="data.layout is sequences but model lm reads stream"):
        build_run_config({"model": {"name": "lm"}, "data": {"name": "fortunes", "layout": "sequences"}})
