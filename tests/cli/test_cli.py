"""The command line end to end: train, sample, and one-line errors with exit code 2."""

import subprocess
import sys

import numpy as np
import pytest
import torch
from PIL import Image

import genforge
from genforge.cli.main import main


def genforge_cli(*args):
    return subprocess.run([sys.executable, "-m", "genforge", *args], capture_output=True, text=True, timeout=300)


def assert_one_line_error(result, *fragments):
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("genforge: error:"), result.stderr
    assert "Traceback" not in result.stderr
    for fragment in fragments:
        assert fragment in lines[0]


TINY = ["--batch-size", "16", "--checkpoint-every", "5", "--log-every", "5"]


def test_train_then_sample_png_and_npz(tmp_path, tiny_data_dir):
    run = tmp_path / "run"
    result = genforge_cli("train", "--model", "dcgan", "--data-dir", str(tiny_data_dir), "--steps", "10",
                          "--out", str(run), "--seed", "1", *TINY)
    assert result.returncode == 0, result.stderr
    assert "real vs generated" in result.stdout
    for name in ("config.yaml", "metrics.jsonl", "real_vs_generated.png", "samples/step-00000010.png",
                 "checkpoints/step-00000010/tensors.safetensors"):
        assert (run / name).is_file(), name
    assert main(["sample", str(run), "--n", "9", "--out", str(tmp_path / "grid.png"), "--seed", "4"]) == 0
    assert Image.open(tmp_path / "grid.png").size[0] > 28 * 3
    assert main(["sample", str(run), "--n", "9", "--out", str(tmp_path / "s.npz"), "--seed", "4"]) == 0
    arrays = np.load(tmp_path / "s.npz")["images"]
    assert arrays.shape == (9, 28, 28, 1) and arrays.dtype == np.uint8
    same = genforge.load(run).sample(9, seed=4).values
    assert np.array_equal(same.permute(0, 2, 3, 1).numpy(), arrays)


def test_vae_trains_and_logs_nats(tmp_path, tiny_data_dir):
    run = tmp_path / "vae"
    assert main(["train", "--model", "vae", "--data-dir", str(tiny_data_dir), "--steps", "5", "--out", str(run),
                 *TINY]) == 0
    record = genforge.training.RunFolder(run).read_metrics()[-1]
    assert record["loss"] == pytest.approx(record["reconstruction"] + record["kl"], rel=1e-5)
    assert genforge.load(run).sample(3, seed=0).values.shape == (3, 1, 28, 28)


def test_existing_run_folder_is_not_overwritten(tmp_path, tiny_data_dir):
    run = tmp_path / "run"
    args = ["train", "--data-dir", str(tiny_data_dir), "--steps", "2", "--out", str(run), *TINY]
    assert main(args) == 0
    before = (run / "config.yaml").read_text()
    assert_one_line_error(genforge_cli(*args), "already exists", "--resume")
    assert (run / "config.yaml").read_text() == before


@pytest.mark.parametrize("args, fragments", [
    (["train", "--data-dir", "/nonexistent/folder", "--steps", "1"], ["/nonexistent/folder", "does not exist"]),
    (["train", "--model", "gann", "--steps", "1"], ["unknown model 'gann'"]),
    (["train", "--resume", "/nonexistent/run"], ["not a genforge run folder"]),
    (["sample", "/nonexistent/run", "--out", "x.png"], ["not a genforge run folder"]),
    (["train", "--device", "cuda", "--steps", "1"], ["no CUDA GPU"]),
])
def test_bad_input_is_one_line_and_exit_2(args, fragments):
    if "cuda" in args and torch.cuda.is_available():
        pytest.skip("this machine has a GPU")
    assert_one_line_error(genforge_cli(*args), *fragments)


@pytest.mark.skipif(torch.cuda.is_available(), reason="this machine has a GPU")
def test_a_gpu_asked_for_where_there_is_none_is_refused_and_the_run_is_unchanged(tmp_path, tiny_data_dir, capsys):
    run = tmp_path / "run"
    assert main(["train", "--data-dir", str(tiny_data_dir), "--steps", "2", "--out", str(run), *TINY]) == 0
    before = (run / "config.yaml").read_text()
    capsys.readouterr()
    for args in (["train", "--resume", str(run), "--steps", "4", "--device", "cuda"],
                 ["sample", str(run), "--out", str(tmp_path / "s.png"), "--device", "cuda:1"]):
        assert main(args) == 2
        err = capsys.readouterr().err
        assert "no CUDA GPU" in err and len(err.strip().splitlines()) == 1
    assert (run / "config.yaml").read_text() == before, "a refused resume leaves the run's settings alone"
    assert main(["train", "--resume", str(run), "--steps", "4"]) == 0


def test_unknown_config_key_names_the_nearest(tmp_path):
    config = tmp_path / "c.yaml"
    config.write_text("train:\n  batchsize: 8\n")
    assert_one_line_error(genforge_cli("train", "--config", str(config)), "train.batchsize", "'batch_size'")


def test_corrupt_data_file_is_one_line(tmp_path, tiny_data_dir):
    broken = tmp_path / "broken"
    broken.mkdir()
    for path in tiny_data_dir.iterdir():
        (broken / path.name).write_bytes(path.read_bytes())
    target = broken / "train-images-idx3-ubyte.gz"
    target.write_bytes(target.read_bytes()[: len(target.read_bytes()) // 2])
    result = genforge_cli("train", "--data-dir", str(broken), "--steps", "1", "--out", str(tmp_path / "r"))
    assert_one_line_error(result, "train-images-idx3-ubyte.gz", "truncated")
    assert not (tmp_path / "r").exists(), "a failed start leaves no half-made run folder"


def test_sample_rejects_unknown_format(tmp_path, tiny_data_dir):
    run = tmp_path / "run"
    assert main(["train", "--data-dir", str(tiny_data_dir), "--steps", "1", "--out", str(run), *TINY]) == 0
    assert_one_line_error(genforge_cli("sample", str(run), "--out", str(tmp_path / "x.gif")), "x.gif")


def test_short_training_on_real_fashion_mnist(tmp_path, real_fashion_mnist):
    run = tmp_path / "real"
    assert main(["train", "--data-dir", str(real_fashion_mnist), "--steps", "3", "--batch-size", "32",
                 "--out", str(run), "--checkpoint-every", "3"]) == 0
    images = genforge.load(run).sample(4, seed=0).values
    assert images.shape == (4, 1, 28, 28) and images.dtype == torch.uint8
