"""Resuming continues exactly: the same weights as a run that was never interrupted. Every family, with
its random options on, resumes in-process in tests/test_every_model.py; one run per modality is killed
by SIGKILL inside a checkpoint write in tests/robustness/test_kill_in_checkpoint.py."""

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
