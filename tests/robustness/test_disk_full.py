"""A real full disk: a small tmpfs (mounting one needs root, as CI has; skipped elsewhere). The
monkeypatched rows of the table cover the same paths on any machine."""

from __future__ import annotations

import json
import subprocess

import pytest
import yaml

from genforge.cli.main import main
from genforge.training.run_folder import RunFolder


@pytest.fixture
def small_disk(tmp_path):
    mount = tmp_path / "disk"
    mount.mkdir()
    result = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=2m", "tmpfs", str(mount)], capture_output=True)
    if result.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def wide_gan_config(tmp_path, data_dir, **train):
    """A DCGAN whose checkpoint (about 4 MB) cannot fit on the 2 MB disk."""
    values = {"model": {"name": "dcgan", "latent_dim": 16, "generator_width": 32, "discriminator_width": 32},
              "data": {"name": "fashion-mnist", "dir": str(data_dir)},
              "train": {"steps": 2, "batch_size": 16, "checkpoint_every": 1, "log_every": 1, "grid_size": 4, **train}}
    path = tmp_path / "wide.yaml"
    path.write_text(yaml.safe_dump(values))
    return path


def assert_crashed_cleanly(run, err, *fragments):
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    for fragment in fragments:
        assert fragment in lines[0]
    assert "free there" in lines[0] or "is free there" in lines[0]
    assert not list((run / "checkpoints").glob(".tmp-*")) if (run / "checkpoints").exists() else True
    status = json.loads((run / "status.json").read_text())
    assert status["state"] == "crashed" and fragments[0] in status["error"]


def test_free_space_checked_before_a_checkpoint(small_disk, tmp_path, tiny_data_dir, capsys):
    run = small_disk / "run"
    code = main(["train", "--config", str(wide_gan_config(tmp_path, tiny_data_dir)), "--out", str(run)])
    assert code == 1
    assert_crashed_cleanly(run, capsys.readouterr().err, "not enough space to write checkpoint step-00000000")


def test_no_space_left_during_a_checkpoint_write(small_disk, tmp_path, tiny_data_dir, capsys, monkeypatch):
    import genforge.training.checkpoint_files as checkpoint

    monkeypatch.setattr(checkpoint, "SPACE_MARGIN_BYTES", -10**9)  # let the write start, so the disk fills mid-way
    run = small_disk / "run"
    code = main(["train", "--config", str(wide_gan_config(tmp_path, tiny_data_dir)), "--out", str(run)])
    assert code == 1
    err = capsys.readouterr().err
    assert_crashed_cleanly(run, err, "could not write checkpoint step-", "No space left on device (")
    assert RunFolder(run).exists()  # config.yaml, written before, is intact
    written = RunFolder(run).newest_intact_checkpoint()  # the checkpoints that fitted stay whole
    assert f"step-{written.step + 1:08d}" in err


def fill(disk) -> None:
    """Write a ballast file until not one more byte fits."""
    import os

    descriptor = os.open(disk / "ballast", os.O_WRONLY | os.O_CREAT)
    try:
        for size in (65536, 4096, 512, 1):
            try:
                while os.write(descriptor, b"\0" * size):
                    pass
            except OSError:
                pass
    finally:
        os.close(descriptor)


def test_a_full_disk_at_a_new_runs_first_write_leaves_no_run_folder(small_disk, tmp_path, tiny_data_dir, capsys):
    fill(small_disk)
    run = small_disk / "run"
    code = main(["train", "--config", str(wide_gan_config(tmp_path, tiny_data_dir)), "--out", str(run)])
    err = capsys.readouterr().err
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == 1 and "Traceback" not in err, err
    assert f"could not write the run lock to {run / '.lock'}: No space left on device (0 B free there)" in lines[0]
    assert not run.exists(), sorted(path.name for path in run.iterdir())
