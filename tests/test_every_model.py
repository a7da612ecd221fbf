"""Every registered model, whatever its modality, goes through the one loop: it trains two steps on
tiny data with its random options on (tests/tiny.py), checkpoints, resumes in-process bit-identically,
and its samples are written by its modality's writer. A new family joins this suite by being
registered and adding its row to tests/tiny.py; a new modality by a row in TINY_DATA."""

import pytest
import torch

from genforge import load
from genforge.training.run_config import build_run_config
from genforge.core import MODALITIES
from genforge.models import MODELS
from genforge.pipelines import resume, train
from genforge.training.checkpoint_files import read_checkpoint
from genforge.training.run_folder import RunFolder
from tiny import TINY_DATA, TINY_DATA_BY_LAYOUT, TINY_DATA_BY_MODEL, TINY_MODELS, tiny_model

def tiny_values(name: str, tiny_data_dir, steps: int) -> dict:
    model = MODELS.get(name)
    data = dict(TINY_DATA_BY_MODEL.get(name) or TINY_DATA_BY_LAYOUT.get(model.config_class.DATA_LAYOUT)
                or TINY_DATA[MODELS.modality_of(name)])
    if data["name"] == "fashion-mnist":
        data["dir"] = str(tiny_data_dir)
    return {"model": tiny_model(name), "data": data,
            "train": {"steps": steps, "batch_size": 8, "seed": 1, "checkpoint_every": 1, "log_every": 1,
                      "grid_size": 4}}


def test_every_model_has_a_tiny_row_and_every_modality_tiny_data():
    assert set(TINY_MODELS) == set(MODELS.names())
    assert {MODELS.modality_of(name) for name in MODELS.names()} <= set(TINY_DATA) <= set(MODALITIES.names())


def made_by(model, run):
    """Two samples; for a model that generates from inputs (an image-to-image task), its outputs for
    two held-out pairs of its task, as the modality's Samples."""
    if model.capabilities.sample:
        return model.sample(2, seed=0)
    from genforge.core import Samples
    from genforge.pipelines.image.tasks import held_out_outputs

    return Samples(model.modality, held_out_outputs(model, run, 2)["output"])


@pytest.mark.parametrize("name", MODELS.names())
def test_every_model_trains_resumes_exactly_and_writes_samples(name, tmp_path, tiny_data_dir):
    whole = train(build_run_config(tiny_values(name, tiny_data_dir, 2)), tmp_path / "whole")
    train(build_run_config(tiny_values(name, tiny_data_dir, 1)), tmp_path / "split")
    resumed = resume(tmp_path / "split", {"train": {"steps": 2}})
    assert whole.step == resumed.step == 2
    a = read_checkpoint(RunFolder(tmp_path / "whole").latest_checkpoint()).tensors
    b = read_checkpoint(RunFolder(tmp_path / "split").latest_checkpoint()).tensors
    assert a.keys() == b.keys() and all(torch.equal(a[key], b[key]) for key in a), "resume is not bit-identical"
    assert whole.files and all(path.is_file() for path in whole.files.values())  # the modality's previews

    model = load(tmp_path / "whole")
    samples, again = (made_by(model, tmp_path / "whole") for _ in range(2))
    assert samples.modality == model.modality and len(samples) == 2
    assert torch.equal(samples.values, again.values) and samples.decoded == again.decoded  # seeded
    modality = MODALITIES.get(model.modality)
    for fmt in modality.formats:
        out = tmp_path / f"samples.{fmt}"
        modality.write([samples], out, fmt, len(samples))  # the samples as one chunk
        assert out.stat().st_size > 0
