"""Inception-v3 from a local file: loaded safely, never downloaded, used through torch-fidelity."""

import subprocess
import sys

import pytest
import torch

from genforge.core.errors import EvalError
from genforge.metrics.image.evaluate import evaluate
from genforge.metrics.image.inception_extractor import prepared_weights, safe_state_dict
from genforge.metrics.image.inception_random import random_inception_state_dict


@pytest.fixture(scope="module")
def inception_weights(tmp_path_factory):
    path = tmp_path_factory.mktemp("inception") / "pt_inception-2015-12-05-6726825d.pth"
    torch.save(random_inception_state_dict(), path)
    return path


def test_eval_with_inception_from_a_local_file(inception_weights, tmp_path):
    import numpy as np
    from helpers import tiny_images

    for name, seed in (("fake", 1), ("real", 2)):
        np.savez(tmp_path / f"{name}.npz", images=tiny_images(12, seed)[0])
    result = evaluate(str(tmp_path / "fake.npz"), str(tmp_path / "real.npz"), ["is", "fid", "kid"], "inception",
                      count=12, real_count=12, options={"inception_weights": str(inception_weights)})
    assert set(result.values) >= {"FID[inception-v3]", "IS[inception-v3]", "KID[inception-v3]"}
    assert result.values["FID[inception-v3]"] > 0
    assert result.record["extractor"]["name"] == "inception-v3"


def test_prepared_weights_hold_the_same_tensors(inception_weights):
    prepared = prepared_weights({"inception_weights": str(inception_weights)})
    ours = torch.load(prepared, weights_only=True)
    original = torch.load(inception_weights, weights_only=True)
    assert ours.keys() == original.keys() and all(torch.equal(ours[k], original[k]) for k in ours)


def test_missing_weights_say_where_they_come_from(monkeypatch):
    monkeypatch.delenv("GENFORGE_INCEPTION_WEIGHTS", raising=False)
    with pytest.raises(EvalError, match="never downloads.*--inception-weights PATH"):
        prepared_weights({})


class NotATensor:
    def __reduce__(self):
        return (print, ("this would run at load time",))


def test_a_pickle_that_runs_code_is_refused(tmp_path):
    path = tmp_path / "evil.pth"
    torch.save({"fc.weight": NotATensor()}, path)
    with pytest.raises(EvalError, match="not a loadable tensor file"):
        safe_state_dict(path)


def test_wrong_state_dict_is_refused(tmp_path):
    path = tmp_path / "other.pth"
    torch.save({"layer.weight": torch.zeros(2)}, path)
    with pytest.raises(EvalError, match="not an Inception-v3 FID state dict"):
        safe_state_dict(path)


def test_cli_without_weights_is_one_line(tmp_path):
    env = {"PATH": "/usr/bin:/bin", "GENFORGE_CACHE": str(tmp_path)}
    result = subprocess.run([sys.executable, "-m", "genforge", "eval", "--fake", "fashion-mnist:test",
                             "--extractor", "inception"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 2 and len(result.stderr.strip().splitlines()) == 1
    assert "--inception-weights PATH" in result.stderr
