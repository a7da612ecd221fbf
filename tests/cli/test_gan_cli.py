"""Presets and class-conditional sampling from the command line."""

import numpy as np
import pytest
from PIL import Image

from genforge.cli.main import main
from genforge.training.presets import load_preset, preset_names
from genforge.training.run_config import build_run_config

TINY = ["--steps", "2", "--batch-size", "16", "--checkpoint-every", "2", "--log-every", "1"]
SMALL_NETWORKS = "model:\n  generator_width: 4\n  discriminator_width: 4\n  latent_dim: 8\n"


def test_presets_are_listed_and_valid(capsys):
    assert main(["presets"]) == 0
    listed = capsys.readouterr().out
    for name in ["dcgan-fmnist", "sngan-fmnist", "wgangp-fmnist", "hinge-cond-fmnist", "seed-celeba128"]:
        assert name in listed
    for name in preset_names():
        build_run_config(load_preset(name))  # every preset passes the config checks


def test_unknown_preset_suggests(tmp_path, tiny_data_dir, capsys):
    assert main(["train", "--preset", "dcgan-fmnst", "--data-dir", str(tiny_data_dir)]) == 2
    assert "did you mean 'dcgan-fmnist'" in capsys.readouterr().err


def test_conditional_preset_trains_and_samples_by_class(tmp_path, tiny_data_dir):
    small = tmp_path / "small.yaml"
    small.write_text(SMALL_NETWORKS)
    run = tmp_path / "cond"
    assert main(["train", "--preset", "hinge-cond-fmnist", "--config", str(small), "--data-dir", str(tiny_data_dir),
                 "--out", str(run), *TINY]) == 0
    assert main(["sample", str(run), "--class", "3", "--n", "5", "--out", str(tmp_path / "c.npz")]) == 0
    saved = np.load(tmp_path / "c.npz")
    assert saved["images"].shape == (5, 28, 28, 1) and (saved["labels"] == 3).all()
    assert main(["sample", str(run), "--n", "20", "--out", str(tmp_path / "rows.png")]) == 0
    width, height = Image.open(tmp_path / "rows.png").size
    assert height > 4 * width  # ten rows (one per class) of two images each
    assert main(["sample", str(run), "--class", "10", "--out", str(tmp_path / "x.png")]) == 2


def test_class_on_an_unconditional_run_is_refused(tmp_path, tiny_data_dir, capsys):
    run = tmp_path / "plain"
    assert main(["train", "--data-dir", str(tiny_data_dir), "--out", str(run), *TINY]) == 0
    assert main(["sample", str(run), "--class", "1", "--out", str(tmp_path / "x.png")]) == 2
    assert "conditional" in capsys.readouterr().err


@pytest.mark.parametrize("preset", ["sngan-fmnist", "wgangp-fmnist", "lsgan-fmnist"])
def test_gan_presets_train_a_few_steps(tmp_path, tiny_data_dir, preset):
    small = tmp_path / "small.yaml"
    small.write_text(SMALL_NETWORKS)
    assert main(["train", "--preset", preset, "--config", str(small), "--data-dir", str(tiny_data_dir),
                 "--out", str(tmp_path / "run"), *TINY]) == 0
