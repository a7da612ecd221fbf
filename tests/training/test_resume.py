"""Resuming continues exactly: the same weights as a run that was never interrupted."""

import os
import signal
import subprocess
import sys
import time

import pytest
import torch
import yaml

from genforge.training.run_config import build_run_config
from genforge.pipelines import resume, train
from genforge.training.checkpoint_files import read_checkpoint
from genforge.training.run_folder import RunFolder


def final_tensors(run_dir):
    return read_checkpoint(RunFolder(run_dir).latest_checkpoint()).tensors


def assert_identical(a, b):
    assert a.keys() == b.keys()
    for key in a:
        assert torch.equal(a[key], b[key]), f"{key} differs"


@pytest.mark.parametrize("model", ["dcgan", "vae", "dcgan-mirror-subset"])
def test_stop_and_resume_in_process_is_bit_identical(tmp_path, tiny_config_values, model):
    values = tiny_config_values
    if model == "vae":
        values = {**values, "model": {"name": "vae", "latent_dim": 4, "width": 4}}
    if model == "dcgan-mirror-subset":
        values = {**values, "data": {**values["data"], "mirror": True, "max_images": 100}}
    full = train(build_run_config(values), tmp_path / "full")
    half_values = {**values, "train": {**values["train"], "steps": 6}}
    train(build_run_config(half_values), tmp_path / "split")
    resumed = resume(tmp_path / "split", {"train": {"steps": 12}})
    assert full.step == resumed.step == 12
    assert_identical(final_tensors(tmp_path / "full"), final_tensors(tmp_path / "split"))
    steps_logged = [r["step"] for r in RunFolder(tmp_path / "split").read_metrics()]
    assert steps_logged == [2, 4, 6, 8, 10, 12]


def test_a_resume_trains_with_the_learning_rate_it_is_given(tmp_path, tiny_config_values):
    values = {**tiny_config_values, "train": {**tiny_config_values["train"], "steps": 4}}
    train(build_run_config(values), tmp_path / "run")
    resume(tmp_path / "run", {"model": {"lr": 1e-5}, "train": {"steps": 8}})
    saved = read_checkpoint(RunFolder(tmp_path / "run").latest_checkpoint()).state["optimizers"]
    assert {group["lr"] for name in saved for group in saved[name]["param_groups"]} == {1e-5}


def test_a_subset_changes_what_is_trained(tmp_path, tiny_config_values):
    values = {**tiny_config_values, "train": {**tiny_config_values["train"], "steps": 4}}
    train(build_run_config(values), tmp_path / "all")
    train(build_run_config({**values, "data": {**values["data"], "max_images": 40}}), tmp_path / "subset")
    key = "model.generator.ups.0.weight"
    assert not torch.equal(final_tensors(tmp_path / "all")[key], final_tensors(tmp_path / "subset")[key])


def run_cli(*args, **kwargs):
    return subprocess.Popen([sys.executable, "-m", "genforge", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, **kwargs)


TEXT_SHAPES = {"sequence_length": 16}
# Each text family, tiny, with what draws random numbers mid-run turned on: dropout, word dropout, the
# sentence VAE's decoder reset after autoencoder pre-training, the text GAN's adversarial phase.
TEXT_FAMILIES = {
    "lstm-lm": ({"name": "lstm-lm", "layers": 1, "width": 16, "dropout": 0.1}, {"name": "tinyshakespeare"}),
    "sentence-vae": ({"name": "sentence-vae", "embedding": 8, "hidden": 16, "latent_dim": 4, "word_dropout": 0.25,
                      "pretrain_autoencoder_steps": 14, "kl_schedule_steps": 40}, {"name": "tinyshakespeare"}),
    "seq2seq": ({"name": "seq2seq", "layers": 1, "heads": 2, "width": 16}, {"name": "dialogue"}),
    "text-gan": ({"name": "text-gan", "embedding": 8, "hidden": 16, "representations": 2, "representation_width": 8,
                  "filters": 8, "pretrain_steps": 14, "temperature_steps": 40}, {"name": "tinyshakespeare"}),
}


def kill_case(case, tiny_config_values, tiny_text_config_values) -> tuple[dict, int, int]:
    """(the run's config values, its steps, the checkpoint step after which it is killed)."""
    # A text step costs more than a tiny image step and each checkpoint writes a text preview: fewer steps.
    if case == "image":
        return {**tiny_config_values, "train": {**tiny_config_values["train"], "steps": 400, "checkpoint_every": 7,
                                                "keep_checkpoints": 2}}, 400, 140
    model, data = TEXT_FAMILIES.get(case, (tiny_text_config_values["model"], {"name": "tinyshakespeare"}))
    train = {**tiny_text_config_values["train"], "steps": 42, "checkpoint_every": 7, "keep_checkpoints": 2}
    return {"model": model, "data": {**data, **TEXT_SHAPES}, "train": train}, 42, 21


@pytest.mark.slow
@pytest.mark.parametrize("case", ["image", "char-lm", *TEXT_FAMILIES])
def test_sigkill_then_resume_is_bit_identical(tmp_path, tiny_config_values, tiny_text_config_values, case):
    """Kill a run with SIGKILL mid-training (maybe mid-checkpoint), resume it, compare with a clean run."""
    values, total, kill_after = kill_case(case, tiny_config_values, tiny_text_config_values)
    config_path = tmp_path / "run.yaml"
    config_path.write_text(yaml.safe_dump(values))

    clean = run_cli("train", "--config", str(config_path), "--out", str(tmp_path / "clean"))
    assert clean.wait(timeout=300) == 0, clean.stderr.read()

    victim = run_cli("train", "--config", str(config_path), "--out", str(tmp_path / "killed"))
    checkpoints = tmp_path / "killed" / "checkpoints"
    deadline = time.time() + 120
    while time.time() < deadline and not any(p.name >= f"step-{kill_after:08d}" for p in checkpoints.glob("step-*")):
        time.sleep(0.005)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    killed_at = RunFolder(tmp_path / "killed").latest_checkpoint()
    assert victim.returncode == -signal.SIGKILL
    assert read_checkpoint(killed_at).step < total, "the run finished before it was killed"

    resumed = run_cli("train", "--resume", str(tmp_path / "killed"))
    assert resumed.wait(timeout=300) == 0, resumed.stderr.read()
    assert read_checkpoint(RunFolder(tmp_path / "killed").latest_checkpoint()).step == total
    assert_identical(final_tensors(tmp_path / "clean"), final_tensors(tmp_path / "killed"))


def test_sigterm_saves_the_last_complete_step(tmp_path, tiny_config_values):
    values = {**tiny_config_values,
              "train": {**tiny_config_values["train"], "steps": 100_000, "checkpoint_every": 100_000}}
    config_path = tmp_path / "run.yaml"
    config_path.write_text(yaml.safe_dump(values))
    process = run_cli("train", "--config", str(config_path), "--out", str(tmp_path / "run"))
    metrics = tmp_path / "run" / "metrics.jsonl"
    deadline = time.time() + 120
    while time.time() < deadline and not (metrics.exists() and metrics.stat().st_size > 0):
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 130
    saved = read_checkpoint(RunFolder(tmp_path / "run").latest_checkpoint())
    assert 0 < saved.step < 100_000
