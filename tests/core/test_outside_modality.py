"""A new kind of data is a folder, even outside the package: tests/points_modality.py defines a modality
(2-D points from eight Gaussians, an MLP GAN) and registers its data source, modality, family and its
handler in each layer through the public registration functions, and every command runs on it through
the CLI's entry function, with nothing in src/ naming it. It runs in a process of its own, so its
registrations do not leak into the other tests' registries."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import torch

TESTS = Path(__file__).resolve().parents[1]


def test_a_modality_defined_outside_the_package_trains_samples_evaluates_and_reports(tmp_path):
    run, points = tmp_path / "runs" / "points", tmp_path / "points.json"
    commands = [
        ["train", "--dataset", "eight-gaussians", "--point-count", "1024", "--model", "points-gan", "--steps", "200",
         "--batch-size", "128",
         "--checkpoint-every", "100", "--log-every", "50", "--out", str(run)],
        ["sample", str(run), "--n", "300", "--seed", "1", "--out", str(points)],
        ["eval", str(run)],
        ["report", str(run)],
        ["compare", str(run), "--format", "md"],
        ["runs", str(run.parent)],
    ]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", "import sys, points_modality; points_modality.drive(sys.argv[1])",
                           json.dumps(commands)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    exits = [json.loads(line) for line in done.stdout.splitlines() if line.startswith('{"command"')]
    assert [entry["command"] for entry in exits] == [argv[0] for argv in commands]

    assert len(json.loads(points.read_text())["points"]) == 300
    evaluation = json.loads((run / "eval.json").read_text())
    assert (evaluation["modality"], evaluation["kind"]) == ("points", "mode-coverage")
    assert 0 <= evaluation["metrics"]["modes covered"] <= 8 and evaluation["step"] == 200
    assert "count: 1024" in (run / "config.yaml").read_text()  # its own flag, from its own group
    page = (run / "report.html").read_text()
    assert "Eight Gaussians: samples" in page and "<svg" in page and "modes covered" in page
    assert "| points | points-gan |" in done.stdout  # its own leaderboard table, not the FID one
    assert "of 8 modes (eval)" in done.stdout  # genforge runs: its headline figure


def test_two_unpaired_streams_of_different_lengths_train_and_resume_bit_identically(tmp_path):
    """`two-rings` has domains of 64 and 40 points (streams `a` and `b`, epochs of 8 and 5 steps at a
    batch of 8); 12 steps in one go and 7 + 5 after a resume must give the same weights."""
    from genforge.training.checkpoint_files import read_checkpoint

    full, split = tmp_path / "full", tmp_path / "split"
    common = ["--dataset", "two-rings", "--point-count", "64", "--model", "points-mover", "--batch-size", "8",
              "--checkpoint-every", "100", "--log-every", "1"]
    commands = [["train", *common, "--steps", "12", "--out", str(full)],
                ["train", *common, "--steps", "7", "--out", str(split)],
                ["train", "--resume", str(split), "--steps", "12"]]
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(TESTS), os.environ.get("PYTHONPATH", "")])}
    done = subprocess.run([sys.executable, "-c", "import sys, points_modality; points_modality.drive(sys.argv[1])",
                           json.dumps(commands)], capture_output=True, text=True, env=env, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    a, b = (read_checkpoint(run / "checkpoints" / "step-00000012").tensors for run in (full, split))
    assert a.keys() == b.keys() and all(torch.equal(a[key], b[key]) for key in a)
    losses = [json.loads(line)["loss"] for line in (full / "metrics.jsonl").read_text().splitlines()]
    assert len(set(losses)) == 12, "each step saw a batch of its own"


def test_nothing_in_the_package_names_the_outside_modality():
    package = TESTS.parent / "src" / "genforge"
    assert not [path for path in package.rglob("*.py") if "eight-gaussians" in path.read_text()
                or "points-gan" in path.read_text()]
