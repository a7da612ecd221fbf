"""`genforge eval` and FID during training, end to end on the tiny dataset."""

import json

import numpy as np
import torch

from genforge.cli.main import main
from genforge.training.checkpoint_files import read_checkpoint
from genforge.training.run_folder import RunFolder
from helpers import tiny_images

TINY = ["--batch-size", "16", "--checkpoint-every", "5", "--log-every", "5"]


def test_eval_of_a_run_writes_eval_json(tmp_path, tiny_data_dir, capsys):
    run = tmp_path / "run"
    assert main(["train", "--data-dir", str(tiny_data_dir), "--steps", "5", "--out", str(run), *TINY]) == 0
    assert main(["eval", str(run), "--n", "64", "--n-real", "64"]) == 0
    output = capsys.readouterr().out
    assert "FID[fmnist-cnn]" in output and "precision[fmnist-cnn]" in output
    record = json.loads((run / "eval.json").read_text())
    assert record["fake"]["count"] == 64 and record["real"] == {"source": "fashion-mnist:test", "count": 64}
    assert record["extractor"]["name"] == "fmnist-cnn" and len(record["extractor"]["weights_sha256"]) == 64
    assert {"genforge_version", "seconds", "seed", "notes"} <= record.keys()
    assert set(record["metrics"]) >= {"IS[fmnist-cnn]", "FID[fmnist-cnn]", "KID[fmnist-cnn]",
                                      "precision[fmnist-cnn]", "recall[fmnist-cnn]"}


def test_eval_compares_any_two_sources(tmp_path, capsys):
    np.savez(tmp_path / "a.npz", images=tiny_images(40, 1)[0])
    np.savez(tmp_path / "b.npz", images=tiny_images(40, 2)[0])
    out = tmp_path / "e.json"
    assert main(["eval", "--fake", str(tmp_path / "a.npz"), "--real", str(tmp_path / "b.npz"),
                 "--metrics", "fid,kid", "--out", str(out)]) == 0
    assert "KID subsets of 40 images" in capsys.readouterr().err
    assert set(json.loads(out.read_text())["metrics"]) == {"FID[fmnist-cnn]", "KID[fmnist-cnn]", "KID[fmnist-cnn] std"}


def test_fid_during_training_is_logged_and_best_kept(tmp_path, tiny_data_dir):
    run = tmp_path / "run"
    assert main(["train", "--data-dir", str(tiny_data_dir), "--steps", "10", "--out", str(run),
                 "--eval-every", "5", "--eval-samples", "64", *TINY]) == 0
    evaluations = [r for r in RunFolder(run).read_metrics() if "FID[fmnist-cnn]" in r]
    assert [r["step"] for r in evaluations] == [5, 10]
    best = read_checkpoint(run / "checkpoints" / "best")
    assert best.state["best"]["FID[fmnist-cnn]"] == min(r["FID[fmnist-cnn]"] for r in evaluations)
    assert best.step == min(evaluations, key=lambda r: r["FID[fmnist-cnn]"])["step"]
    assert main(["sample", str(run), "--checkpoint", str(run / "checkpoints" / "best"),
                 "--out", str(tmp_path / "best.png"), "--n", "4"]) == 0
    # The best checkpoint scored by name: the record says which weights it measured.
    assert main(["eval", str(run), "--checkpoint", "best", "--n", "64", "--n-real", "64", "--metrics", "fid"]) == 0
    record = json.loads((run / "eval.json").read_text())
    assert record["step"] == best.step and record["checkpoint"] == "best"
    assert record["fake"]["source"] == str(run / "checkpoints" / "best")


def test_a_diverged_checkpoint_is_one_line_not_garbage(tmp_path, tiny_data_dir, capsys):
    from safetensors.torch import load_file, save_file

    run = tmp_path / "run"
    assert main(["train", "--data-dir", str(tiny_data_dir), "--steps", "5", "--out", str(run), *TINY]) == 0
    tensors_path = RunFolder(run).latest_checkpoint() / "tensors.safetensors"
    tensors = load_file(str(tensors_path))
    key = next(k for k in tensors if k.startswith("model.generator.") and tensors[k].is_floating_point())
    tensors[key] = torch.full_like(tensors[key], float("nan"))
    save_file(tensors, str(tensors_path))
    capsys.readouterr()
    assert main(["eval", str(run), "--n", "32", "--n-real", "32"]) == 2
    assert "NaN or Inf" in capsys.readouterr().err
