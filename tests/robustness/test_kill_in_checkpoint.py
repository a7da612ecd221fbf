"""SIGKILL inside a checkpoint write, on purpose: GENFORGE_TEST_PAUSE_IN_CHECKPOINT stops the write
half-way (tensors written under the temporary name, state.json not, nothing renamed), the test kills
the process there, and the resumed run must end bit-identical to one never killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

import pytest
import torch
import yaml

from genforge.training.checkpoint_files import PAUSE_VARIABLE, read_checkpoint
from genforge.training.run_folder import RunFolder

pytestmark = pytest.mark.slow


def genforge(*args, env=None):
    return subprocess.Popen([sys.executable, "-m", "genforge", *args], stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, text=True, env=env)


def final_tensors(run):
    return read_checkpoint(RunFolder(run).latest_checkpoint()).tensors


# music: MusicVAE on transposed melodies (per-item transposition draws, scheduled sampling's own draws)
TINY_MUSIC = {"model": {"name": "music-vae", "latent_dim": 4, "encoder_width": 8, "decoder_width": 8,
                        "decoder_layers": 1, "sampling_rate": 2.0},
              "data": {"name": "jsb-chorales", "max_pieces": 8, "transpose": 5},
              "train": {"steps": 12, "batch_size": 8, "seed": 3, "checkpoint_every": 4, "log_every": 2}}


@pytest.mark.parametrize("modality", ["image", "text", "music"])
def test_sigkill_inside_a_checkpoint_write_then_resume_is_bit_identical(tmp_path, tiny_config_values,
                                                                         tiny_text_config_values, modality):
    """One subprocess per modality, killed deterministically: the pause hook holds the write of step 16."""
    tiny = {"image": tiny_config_values, "text": tiny_text_config_values, "music": TINY_MUSIC}[modality]
    values = {**tiny, "train": {**tiny["train"], "steps": 24, "checkpoint_every": 8}}
    config = tmp_path / "run.yaml"
    config.write_text(yaml.safe_dump(values))
    clean = genforge("train", "--config", str(config), "--out", str(tmp_path / "clean"))
    assert clean.wait(timeout=300) == 0, clean.stderr.read()

    paused_env = {**os.environ, PAUSE_VARIABLE: "step-00000016"}
    victim = genforge("train", "--config", str(config), "--out", str(tmp_path / "killed"), env=paused_env)
    checkpoints = tmp_path / "killed" / "checkpoints"
    deadline = time.time() + 240
    while not (checkpoints / ".paused").exists():
        assert victim.poll() is None, victim.stderr.read()
        assert time.time() < deadline, "the write never paused"
        time.sleep(0.02)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()

    # Killed inside the write: the temporary folder holds tensors but no state, and is not a checkpoint.
    leftovers = list(checkpoints.glob(".tmp-step-00000016-*"))
    assert len(leftovers) == 1 and (leftovers[0] / "tensors.safetensors").is_file()
    assert not (leftovers[0] / "state.json").exists()
    assert RunFolder(tmp_path / "killed").latest_checkpoint().name == "step-00000008"

    resumed = genforge("train", "--resume", str(tmp_path / "killed"))
    assert resumed.wait(timeout=300) == 0, resumed.stderr.read()
    assert not list(checkpoints.glob(".tmp-*")) and not (checkpoints / ".paused").exists()
    assert read_checkpoint(RunFolder(tmp_path / "killed").latest_checkpoint()).step == 24
    a, b = final_tensors(tmp_path / "clean"), final_tensors(tmp_path / "killed")
    assert a.keys() == b.keys()
    for key in a:
        assert torch.equal(a[key], b[key]), f"{key} differs"


def test_a_killed_writer_leaves_no_stale_lock(tmp_path, tiny_config_values):
    """flock dies with its process: after SIGKILL a resume takes the run at once."""
    values = {**tiny_config_values, "train": {**tiny_config_values["train"], "steps": 8, "checkpoint_every": 4}}
    config = tmp_path / "run.yaml"
    config.write_text(yaml.safe_dump(values))
    env = {**os.environ, PAUSE_VARIABLE: "step-00000004"}
    victim = genforge("train", "--config", str(config), "--out", str(tmp_path / "run"), env=env)
    deadline = time.time() + 240
    while not (tmp_path / "run" / "checkpoints" / ".paused").exists():
        assert victim.poll() is None and time.time() < deadline, victim.stderr.read() if victim.poll() else "no pause"
        time.sleep(0.02)
    second = subprocess.run([sys.executable, "-m", "genforge", "train", "--resume", str(tmp_path / "run")],
                            capture_output=True, text=True, timeout=120)
    assert second.returncode == 2 and f"being written by process {victim.pid}" in second.stderr, second.stderr
    assert len(second.stderr.strip().splitlines()) == 1
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    resumed = genforge("train", "--resume", str(tmp_path / "run"))
    assert resumed.wait(timeout=300) == 0, resumed.stderr.read()
