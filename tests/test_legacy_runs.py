"""Run folders written before the modality-neutral core (tests/fixtures/legacy-runs/, made by
tests/fixtures/make_legacy_runs.py) still load, sample as they did, and resume."""

import shutil
from pathlib import Path

import numpy as np
import pytest

import genforge
from genforge.pipelines import resume
from genforge.training.checkpoint_files import read_checkpoint
from genforge.training.run_folder import RunFolder

LEGACY = Path(__file__).parent / "fixtures" / "legacy-runs"


@pytest.mark.parametrize("name", ["dcgan", "vae"])
def test_a_legacy_run_samples_as_it_did(name):
    samples = genforge.load(LEGACY / name).sample(16, seed=0).values.numpy()
    with np.load(LEGACY / name / "expected-samples.npz", allow_pickle=False) as saved:
        expected = saved["images"]
    assert samples.shape == expected.shape and samples.dtype == expected.dtype
    # Identical on the machine that made them; another CPU's float rounding may move a pixel by one level.
    difference = np.abs(samples.astype(int) - expected.astype(int))
    assert difference.max() <= 1 and (difference > 0).mean() < 0.01


@pytest.mark.parametrize("name", ["dcgan", "vae"])
def test_a_legacy_run_resumes(name, tmp_path, tiny_data_dir):
    run = shutil.copytree(LEGACY / name, tmp_path / name)
    result = resume(run, {"data": {"dir": str(tiny_data_dir)}, "train": {"steps": 9}})
    assert result.step == 9
    saved = read_checkpoint(RunFolder(run).latest_checkpoint())
    assert saved.step == 9 and saved.tensors.keys() == read_checkpoint(LEGACY / name / "checkpoints"
                                                                         / "step-00000006").tensors.keys()
