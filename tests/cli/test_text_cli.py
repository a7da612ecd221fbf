"""The character model through the commands: train, sample, nll, report, and their one-line errors."""

import json
import math
import shutil
from pathlib import Path

import pytest
import yaml

import genforge
from genforge.cli.main import main
from genforge.training.checkpoint_files import read_checkpoint
from genforge.training.run_folder import RunFolder


@pytest.fixture(scope="module")
def text_run(tmp_path_factory):
    folder = tmp_path_factory.mktemp("text")
    values = {"model": {"name": "char-lm", "layers": 1, "heads": 2, "width": 16},
              "data": {"name": "tinyshakespeare", "sequence_length": 16},
              "train": {"batch_size": 8, "seed": 3}}
    (folder / "run.yaml").write_text(yaml.safe_dump(values))
    assert main(["train", "--config", str(folder / "run.yaml"), "--out", str(folder / "run"), "--steps", "6",
                 "--checkpoint-every", "3", "--log-every", "3"]) == 0
    return folder / "run"


def test_training_logs_tokens_per_second_and_both_losses_in_nats(text_run):
    records = RunFolder(text_run).read_metrics()
    trained = [r for r in records if "tokens_per_second" in r]
    evaluated = [r for r in records if "val_loss" in r]
    assert [r["step"] for r in trained] == [3, 6] and [r["step"] for r in evaluated] == [3, 6]
    assert all(r["tokens_per_second"] > 0 and 3.0 < r["loss"] < 4.5 for r in trained)  # ln 69 = 4.23 at the start
    assert (text_run / "samples" / "step-00000006.txt").read_text().startswith("=== sample 1 of 2")
    assert (text_run / "checkpoints" / "best").is_dir()  # the lowest validation loss so far
    tokenizer = json.loads((text_run / "tokenizer.json").read_text())
    assert tokenizer["kind"] == "characters" and len(tokenizer["characters"]) == 65
    record = json.loads((text_run / "text-data.json").read_text())
    assert record["source"] == "tinyshakespeare" and record["tokens"] == 1_003_854 and len(record["files"][0]["sha256"]) == 64


def test_sample_prints_or_writes_the_same_text_for_a_seed(text_run, tmp_path, capsys):
    assert main(["sample", str(text_run), "--n", "2", "--length", "40", "--seed", "7", "--prompt", "ROMEO:"]) == 0
    printed = capsys.readouterr().out
    assert printed.count("=== sample") == 2 and "\nROMEO:" in printed
    assert main(["sample", str(text_run), "--n", "2", "--length", "40", "--seed", "7", "--prompt", "ROMEO:",
                 "--out", str(tmp_path / "s.jsonl")]) == 0
    lines = [json.loads(line) for line in (tmp_path / "s.jsonl").read_text().splitlines()]
    texts = list(genforge.load(text_run).sample(2, seed=7, length=40, prompt="ROMEO:"))
    assert [line["text"] for line in lines] == texts and all(isinstance(text, str) for text in texts)
    assert lines[0]["temperature"] == 0.8 and lines[0]["seed"] == 7
    assert main(["sample", str(text_run), "--n", "1", "--length", "10", "--out", str(tmp_path / "s.txt")]) == 0


@pytest.mark.parametrize("flags, message", [
    (["--prompt", "naïve€"], "--prompt has characters outside the model's vocabulary: 'ï€'"),
    (["--out", "x.png"], "cannot write text samples to x.png: name it .txt or .jsonl, or pass --format"),
    (["--class", "1"], "`genforge sample --class` needs a model that samples by class (a conditional model)"),
    (["--temperature", "0"], "--temperature must be positive"),
    (["--temperature", "-1"], "--temperature must be positive"),
    (["--top-p", "1.5"], "--top-p must be in (0, 1]"),
])
def test_bad_text_sampling_flags_are_one_line(text_run, capsys, flags, message, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)
    assert main(["sample", str(text_run), *flags]) == 2
    error = capsys.readouterr().err
    assert error.count("\n") == 1 and message in error


def test_a_model_and_dataset_of_different_modalities_is_one_line_before_anything_loads(tmp_path, capsys):
    assert main(["train", "--model", "dcgan", "--dataset", "tinyshakespeare", "--out", str(tmp_path / "x")]) == 2
    assert capsys.readouterr().err == ("genforge: error: model dcgan (image) and dataset tinyshakespeare (text) "
                                       "are of different modalities: pick a model and a dataset of one\n")
    assert not (tmp_path / "x").exists()


def test_image_flags_on_a_text_run_and_text_flags_on_an_image_run_are_refused(text_run, tmp_path, capsys,
                                                                              tiny_data_dir):
    image_run = tmp_path / "gan"
    assert main(["train", "--data-dir", str(tiny_data_dir), "--out", str(image_run), "--steps", "1",
                 "--batch-size", "8"]) == 0
    capsys.readouterr()
    assert main(["sample", str(image_run), "--prompt", "ROMEO:", "--out", str(tmp_path / "g.png")]) == 2
    assert f"`genforge sample --prompt` needs a model that continues a prompt; {image_run} is a dcgan" in \
        capsys.readouterr().err


def test_nll_and_report_of_a_text_run(text_run, capsys):
    assert main(["nll", str(text_run)]) == 0
    figures = json.loads((text_run / "likelihood.json").read_text())
    assert figures["characters"] > 100_000 and figures["split"] == "valid" and figures["step"] == 6
    assert figures["tokens"] == figures["characters"] and figures["perplexity"] > 1
    assert abs(figures["bits_per_character"] * 0.6931471805599453 - figures["nll_nats_per_character"]) < 1e-9
    assert main(["report", str(text_run)]) == 0
    html = (text_run / "report.html").read_text()
    for heading in ("Samples at three temperatures", "temperature 0.5", "Samples over training",
                    "val_loss over training time", "Held-out likelihood", "tokens/s"):
        assert heading in html
    assert "Not evaluated yet" not in html  # the image metrics' prompt is not shown for text


def test_an_unknown_feature_network_or_sampler_is_refused_before_anything_loads(tmp_path, capsys):
    assert main(["train", "--dataset", "fashion-mnist", "--data-dir", str(tmp_path / "nowhere"), "--eval-every", "5",
                 "--out", str(tmp_path / "x"), "--config", str(write_config(tmp_path, {"train": {"eval_extractor": "fmnst"}}))]) == 2
    error = capsys.readouterr().err  # about the config, not the missing data folder: the data never loaded
    assert "train.eval_extractor must be" in error and "got 'fmnst' (did you mean 'fmnist'?)" in error
    assert main(["sample", str(tmp_path / "no-run"), "--sampler", "gmn", "--out", str(tmp_path / "s.png")]) == 2
    assert "unknown sampler 'gmn' (did you mean 'gmm'?)" in capsys.readouterr().err


def write_config(folder, values):
    path = folder / "extra.yaml"
    path.write_text(yaml.safe_dump(values))
    return path


def test_eval_of_a_text_run_writes_likelihood_and_sample_metrics(text_run, capsys):
    # The run is its own reference LM here: the scores' plumbing, not their meaning (tests/pipelines/test_lm_scores.py).
    assert main(["eval", str(text_run), "--n", "8", "--n-real", "20", "--seed", "1", "--curve",
                 "--reference-lm", str(text_run), "--reverse-steps", "2"]) == 0
    record = json.loads((text_run / "eval.json").read_text())
    assert [row["temperature"] for row in record["curve"]] == [0.5, 0.75, 1.0, 1.25, 1.5]
    assert all(0 <= row["BLEU-4"] <= 1 and 0 <= row["Self-BLEU-4"] <= 1 for row in record["curve"])
    assert all(row["LM score"] > 0 and row["reverse-LM score"] > 0 for row in record["curve"])
    values = record["metrics"]
    assert set(values) >= {"NLL (nats/token)", "perplexity", "bits/char", "BLEU-2", "BLEU-5", "Self-BLEU-4",
                           "distinct-1", "distinct-2", "novelty", "LM score (nats/char)", "reverse-LM score (nats/char)"}
    assert values["LM score (nats/char)"] == record["curve"][2]["LM score"]  # the same samples: T=1, seed 1
    assert record["lm_scores"]["reverse_steps"] == 2 and record["lm_scores"]["unit"] == "nats/char"
    assert record["fake"]["count"] == 8 and record["real"] == {"source": "tinyshakespeare:valid", "count": 20}
    assert record["tokenization"]["bleu"] == "whitespace tokens (Texygen)" and record["step"] == 6
    assert 0 <= values["BLEU-2"] <= 1 and values["perplexity"] == pytest.approx(math.exp(values["NLL (nats/token)"]))
    printed = capsys.readouterr().out
    assert "8 generated" in printed and "Self-BLEU-2" in printed
    assert main(["eval", str(text_run), "--n", "1"]) == 2
    assert "--n must be at least 2 for text" in capsys.readouterr().err
    assert main(["compare", str(text_run), "--format", "md"]) == 0
    table = capsys.readouterr().out.splitlines()
    assert table[0].startswith("| run | model | dataset | tokeniser | bits/char |")
    assert table[2].startswith(f"| run | char-lm | tinyshakespeare | characters, 69 ids | {values['bits/char']:.4f} |")
    assert main(["runs", str(text_run.parent)]) == 0
    assert f"{values['bits/char']:.3f} bits/char (eval)" in capsys.readouterr().out
    assert main(["report", str(text_run), "--no-eval"]) == 0
    html = (text_run / "report.html").read_text()
    assert "Quality against diversity over temperatures" in html and "Self-BLEU-4" in html
    assert "reverse-LM score" in html and "under the reference LM" in html
    assert "its nearest training example" in html and len(record["nearest"]) == 8


def test_your_own_text_trains_with_a_bpe_tokeniser_and_samples_whole_examples(tmp_path, capsys):
    lines = [f"the {colour} cat sat on the {thing} number {i}" for i, (colour, thing) in
             enumerate((c, t) for c in ("red", "blue", "green", "grey") for t in ("mat", "hat", "box")) for _ in range(3)]
    (tmp_path / "mine.txt").write_text("\n".join(lines * 10) + "\n")
    assert main(["train", "--text", str(tmp_path / "mine.txt"), "--model", "lm", "--tokenizer", "bpe", "--vocab-size",
                 "300", "--sequence-length", "16", "--steps", "2", "--batch-size", "4", "--out", str(tmp_path / "run")]) == 0
    record = json.loads((tmp_path / "run" / "text-data.json").read_text())
    assert record["source"] == "text" and record["tokenizer"] == "bpe, 300 ids" and record["files"][0]["examples"] == 360
    capsys.readouterr()
    assert main(["sample", str(tmp_path / "run"), "--n", "2", "--length", "30", "--seed", "0", "--top-p", "0.9"]) == 0
    assert capsys.readouterr().out.count("=== sample") == 2


@pytest.mark.parametrize("content, flags, message", [
    (b"fine\nbad \xc3\x28 here\n", [], "bad.txt: byte 9 is not UTF-8"),
    (b"\n \n\n", [], "holds no text examples"),
    (b"\xfe\n\xff\n", ["--skip-bad-lines"], "holds no text examples (2 undecodable ones skipped)"),
    (b"fine\n\xff\n", ["--skip-bad-lines"], "text:train has 5 tokens, too few for sequences of 64"),
])
def test_bad_text_is_one_line_and_leaves_no_run_folder(tmp_path, capsys, content, flags, message):
    (tmp_path / "bad.txt").write_bytes(content)
    code = main(["train", "--text", str(tmp_path / "bad.txt"), "--model", "lm", "--steps", "1", *flags,
                       "--out", str(tmp_path / "run")])
    error = capsys.readouterr().err
    assert code == 2 and error.count("\n") == 1 and message in error, error
    assert not (tmp_path / "run").exists()


@pytest.mark.skipif(not Path("/usr/share/games/fortunes/tang300").is_file(), reason="Debian's fortunes-zh (make test installs it)")
def test_chinese_poems_end_to_end(tmp_path, capsys):
    run = tmp_path / "tang"
    assert main(["train", "--dataset", "tang-poems", "--model", "lm", "--sequence-length", "16", "--steps", "2",
                 "--batch-size", "4", "--checkpoint-every", "2", "--out", str(run)]) == 0
    record = json.loads((run / "text-data.json").read_text())
    assert [part["examples"] for part in record["files"]] == [313, 96] and record["tokenizer"].startswith("characters")
    capsys.readouterr()
    assert main(["sample", str(run), "--n", "1", "--length", "20", "--seed", "0", "--prompt", "床前"]) == 0
    assert "床前" in capsys.readouterr().out
    assert main(["eval", str(run), "--n", "3", "--n-real", "10"]) == 0
    assert main(["report", str(run), "--no-eval"]) == 0
    html = (run / "report.html").read_text(encoding="utf-8")
    assert any("\u4e00" <= character <= "\u9fff" for character in html)  # Chinese characters in the page itself
    assert main(["sample", str(run), "--prompt", "naïve"]) == 2


def test_the_sentence_vae_through_the_commands(tmp_path, capsys):
    lines = [f"the {colour} {animal} sat on the {thing}" for colour in ("red", "blue", "green", "grey", "black")
             for animal in ("cat", "dog", "owl", "fox") for thing in ("mat", "hat", "box", "rug", "bed")]
    (tmp_path / "s.txt").write_text("\n".join(lines) + "\n")
    run = tmp_path / "svae"
    assert main(["train", "--text", str(tmp_path / "s.txt"), "--model", "sentence-vae", "--tokenizer", "words",
                 "--min-frequency", "1", "--sequence-length", "12", "--steps", "4", "--batch-size", "8",
                 "--checkpoint-every", "2", "--log-every", "2", "--out", str(run)]) == 0
    assert yaml.safe_load((run / "config.yaml").read_text())["data"]["layout"] == "sequences"
    records = RunFolder(run).read_metrics()
    assert any("kl" in r and "reconstruction" in r for r in records) and any("val_loss" in r for r in records)
    capsys.readouterr()
    assert main(["reconstruct", str(run), "--n", "3"]) == 0
    assert capsys.readouterr().out.count("reconstruction: ") == 3
    assert main(["interpolate", str(run), "--a", "the red cat sat on the mat", "--b", "the grey owl sat on the bed",
                 "--steps", "5", "--out", str(tmp_path / "h.txt")]) == 0
    assert len((tmp_path / "h.txt").read_text().splitlines()) == 5
    assert main(["nll", str(run), "--k", "20", "--n", "10"]) == 0
    figures = json.loads((run / "likelihood.json").read_text())
    assert figures["importance_samples"] == 20 and figures["sentences"] == 10 and figures["latent_dim"] == 32
    assert figures["nll_nats_per_sentence"] > 0 and 0 <= figures["active_units"] <= 32
    assert main(["eval", str(run), "--n", "3", "--n-real", "6", "--k", "7"]) == 0
    scored = json.loads((run / "eval.json").read_text())["likelihood"]
    assert scored["importance_samples"] == 7 and scored["sentences"] == 6
    assert main(["sample", str(run), "--n", "2", "--seed", "0"]) == 0
    assert capsys.readouterr().out.count("=== sample") == 2
    assert main(["sample", str(run), "--prompt", "the"]) == 2
    assert "does not continue a prompt" in capsys.readouterr().err
    assert main(["interpolate", str(run), "--a", "x", "--b", "y", "--steps", "1"]) == 2
    assert main(["report", str(run), "--no-eval"]) == 0
    html = (run / "report.html").read_text()
    assert "mutual information (nats)" in html and html.count("reconstruction: ") == 6
    assert "<h2>Homotopies</h2>" in html and html.count("1.00  ") == 3  # three paths between six held-out sentences


def test_seq2seq_through_the_commands(tmp_path, capsys):
    (tmp_path / "p.tsv").write_text("".join(f"say {word} {i}\t{word} {i} said\n" for i in range(40)
                                            for word in ("yes", "no", "maybe")))
    run = tmp_path / "s2s"
    assert main(["train", "--pairs", str(tmp_path / "p.tsv"), "--model", "seq2seq", "--sequence-length", "20",
                 "--steps", "3", "--batch-size", "8", "--out", str(run)]) == 0
    assert yaml.safe_load((run / "config.yaml").read_text())["data"]["layout"] == "pairs"
    capsys.readouterr()
    assert main(["generate", str(run), "--source", "say yes 3"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 1
    assert main(["generate", str(run), "--source", "say no 1", "--decoding", "sample", "--n", "3", "--seed", "2"]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 3
    assert main(["eval", str(run)]) == 0
    record = json.loads((run / "eval.json").read_text())
    assert {"BLEU", "chrF", "copy-source BLEU", "copy-source chrF", "perplexity"} <= set(record["metrics"])
    assert record["tokenization"]["bleu"].startswith("nrefs:1") and len(record["outputs"]) > 0
    assert main(["nll", str(run)]) == 0
    assert json.loads((run / "likelihood.json").read_text())["pairs"] == record["real"]["count"]
    assert main(["report", str(run), "--no-eval"]) == 0
    assert "Held-out sources, the model's output and the reference" in (run / "report.html").read_text()
    assert main(["sample", str(run), "--prompt", "say"]) == 2
    assert main(["eval", str(run), "--reference-lm", str(run)]) == 2
    assert "--reference-lm scores samples; a seq2seq run is scored by its outputs" in capsys.readouterr().err
    assert main(["generate", str(text_run_free(tmp_path, capsys)), "--source", "x"]) == 2
    assert "`genforge generate` needs a model that generates from an input" in capsys.readouterr().err


def text_run_free(tmp_path, capsys):
    """A language model run, which has no input to generate from."""
    (tmp_path / "lines.txt").write_text("".join(f"line {i}\n" for i in range(300)))
    assert main(["train", "--text", str(tmp_path / "lines.txt"), "--model", "lm", "--sequence-length", "8",
                 "--steps", "1", "--batch-size", "4", "--out", str(tmp_path / "lm")]) == 0
    capsys.readouterr()
    return tmp_path / "lm"


def test_commands_load_the_checkpoint_they_are_given(text_run, tmp_path, capsys):
    run = tmp_path / "run"
    shutil.copytree(text_run, run)  # nll writes RUN/likelihood.json: the module's run stays as the other tests read it
    figures = {}
    for name in ("step-00000003", "step-00000006"):
        assert main(["nll", str(run), "--checkpoint", name]) == 0
        figures[name] = json.loads((run / "likelihood.json").read_text())
    assert figures["step-00000003"]["step"] == 3 and figures["step-00000006"]["step"] == 6
    assert figures["step-00000003"]["nll_nats_per_token"] != figures["step-00000006"]["nll_nats_per_token"]
    best = read_checkpoint(run / "checkpoints" / "best")
    assert main(["eval", str(run), "--checkpoint", "best", "--n", "4", "--n-real", "8"]) == 0
    record = json.loads((run / "eval.json").read_text())
    assert record["step"] == best.step and record["checkpoint"] == "best"
    assert record["metrics"]["NLL (nats/token)"] == figures[f"step-{best.step:08d}"]["nll_nats_per_token"]
    assert main(["report", str(run), "--no-eval"]) == 0
    assert f"Measured at step {best.step} (checkpoint best)" in (run / "report.html").read_text()
    capsys.readouterr()
    assert main(["sample", str(run), "--checkpoint", str(run / "checkpoints" / "step-00000003"), "--n", "1",
                 "--seed", "0", "--length", "40"]) == 0
    third = genforge.load(run, checkpoint="step-00000003")
    assert third.loaded_step == 3 and third.sample(1, seed=0, length=40)[0] in capsys.readouterr().out
    assert main(["nll", str(run), "--checkpoint", "step-9"]) == 2
    assert capsys.readouterr().err.strip().endswith("has no checkpoint step-9: give one of best, step-00000000, step-00000003, "
                                                    "step-00000006 or a checkpoint folder of the run")
    assert main(["eval", "--fake", str(run), "--checkpoint", "best"]) == 2
    assert "--checkpoint chooses the weights of a RUN folder" in capsys.readouterr().err
