"""`genforge sample` draws and writes a chunk at a time: the result is a function of (seed, n) alone."""

import numpy as np

import genforge
from genforge.pipelines import sample as sample_command
from genforge.cli.main import main
from genforge.training.run_config import build_run_config
from genforge.pipelines import train


def test_chunked_npz_is_deterministic_and_its_first_chunk_is_a_plain_draw(tmp_path, tiny_config_values, monkeypatch):
    values = {**tiny_config_values, "train": {**tiny_config_values["train"], "steps": 12}}
    train(build_run_config(values), tmp_path / "run")
    monkeypatch.setattr(sample_command, "CHUNK", 100)
    for name in ("a.npz", "b.npz"):
        assert main(["sample", str(tmp_path / "run"), "--n", "250", "--seed", "5", "--out", str(tmp_path / name)]) == 0
    with np.load(tmp_path / "a.npz") as a, np.load(tmp_path / "b.npz") as b:
        images = a["images"]
        assert images.shape == (250, 28, 28, 1) and np.array_equal(images, b["images"])
    plain = genforge.load(tmp_path / "run").sample(100, seed=5).values.permute(0, 2, 3, 1).numpy()
    assert np.array_equal(images[:100], plain)
    assert not np.array_equal(images[100:200], plain)  # later chunks draw from seeds of their own
    assert main(["sample", str(tmp_path / "run"), "--n", "250", "--seed", "5", "--out", str(tmp_path / "g.png")]) == 0


def test_chunked_text_is_deterministic_and_written_as_one_draw(tmp_path, tiny_text_config_values, monkeypatch, capsys):
    import json

    train(build_run_config(tiny_text_config_values), tmp_path / "lm")
    monkeypatch.setattr(sample_command, "CHUNK", 2)
    run = str(tmp_path / "lm")
    for name in ("a.jsonl", "b.jsonl", "a.txt"):
        assert main(["sample", run, "--n", "5", "--length", "12", "--seed", "5", "--out", str(tmp_path / name)]) == 0
    lines = (tmp_path / "a.jsonl").read_text().splitlines()
    assert (tmp_path / "b.jsonl").read_text().splitlines() == lines
    records = [json.loads(line) for line in lines]
    assert [record["index"] for record in records] == [0, 1, 2, 3, 4]
    plain = list(genforge.load(run).sample(2, seed=5, length=12, temperature=0.8))
    assert [record["text"] for record in records[:2]] == plain  # the first chunk is the plain draw
    text = (tmp_path / "a.txt").read_text()
    assert [line.split(" (")[0] for line in text.splitlines() if line.startswith("===")] == [
        f"=== sample {index} of 5" for index in range(1, 6)]
    capsys.readouterr()
    assert main(["sample", run, "--n", "5", "--length", "12", "--seed", "5"]) == 0
    assert capsys.readouterr().out == text  # printed as the .txt holds it
