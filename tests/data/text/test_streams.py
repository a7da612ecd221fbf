"""The shipped tiny-shakespeare corpus: hash-checked at load, nanoGPT's 90/10 split, windows as Batches."""

import shutil

import pytest
import torch

from genforge.data import DATASETS, data_config, load_dataset
from genforge.data.text.corpora import CORPORA
from genforge.core.errors import DataError


def test_the_corpus_splits_as_nanogpt_does_with_its_65_characters():
    train = load_dataset(data_config(name="tinyshakespeare", sequence_length=64))
    valid = load_dataset(data_config(name="tinyshakespeare", split="valid", sequence_length=64))
    assert (len(train.ids), len(valid.ids)) == (1_003_854, 111_540)  # nanoGPT's shakespeare_char prepare.py
    assert train.spec.vocab_size == 65 + 4 and train.tokenizer.sha256 == valid.tokenizer.sha256  # + 4 specials
    assert train.modality == "text" and DATASETS.get("tinyshakespeare").held_out_split() == "valid"
    assert len(train) == 1_003_854 - 64 and not train.spec.example_ends
    assert train.record["split_rule"].startswith("by position") and train.record["tokens"] == 1_003_854


def test_take_gives_windows_of_consecutive_characters():
    data = load_dataset(data_config(name="tinyshakespeare", sequence_length=8))
    batch = data.take(torch.tensor([0, 5]))
    assert batch.x.shape == (2, 9) and batch.x.dtype == torch.long
    assert data.tokenizer.decode(batch.x[0].tolist()) == "First Cit"
    assert torch.equal(batch.x[1], data.ids[5:14])


def test_a_damaged_corpus_is_one_line(tmp_path):
    shutil.copy(CORPORA / "tinyshakespeare.txt", tmp_path / "tinyshakespeare.txt")
    with open(tmp_path / "tinyshakespeare.txt", "r+b") as file:
        file.seek(1000)
        file.write(b"#")
    with pytest.raises(DataError, match=r"tinyshakespeare.txt is damaged: its SHA-256 is \w+\.\.\., not 86c4e6aa"):
        load_dataset(data_config(name="tinyshakespeare", dir=str(tmp_path)))


def test_examples_are_followed_by_their_end(tmp_path):
    (tmp_path / "lines.txt").write_text("".join(f"line number {i}\n" for i in range(200)))
    data = load_dataset(data_config(name="text", dir=str(tmp_path / "lines.txt"), sequence_length=8))
    assert data.spec.example_ends and int((data.ids == 2).sum()) == data.record["split_examples"] > 150  # <eos> = 2
    assert data.tokenizer.decode(data.ids[:14].tolist()) in {f"line number {i}" for i in range(200)}


def test_a_text_corpus_refuses_an_image_subset():
    from genforge.training.run_config import build_run_config
    from genforge.core.errors import ConfigError

    with pytest.raises(ConfigError, match=r"data.max_images is not an option of tinyshakespeare \(it is for celeba, "
                                          r"fashion-mnist, folder\); remove it"):
        build_run_config({"data": {"name": "tinyshakespeare", "max_images": 10}})
