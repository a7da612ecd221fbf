"""The stability guard: a NaN injected mid-run is rolled back, the run recovers and finishes."""

import math

import pytest
import torch

from genforge.training.run_config import build_run_config
from genforge.training.checkpoint_files import read_checkpoint
from genforge.training.loop import Trainer, TrainingDiverged
from genforge.training.run_folder import RunFolder


def poisoned_trainer(tmp_path, values, poison_calls):
    """A trainer whose model's weights turn to NaN on the given train_step calls."""
    config = build_run_config(values)
    run = RunFolder(tmp_path / "run")
    trainer = Trainer(config, run)
    run.create(trainer.config, overwrite=False)
    trainer.save()
    real_step, calls = trainer.model.train_step, {"n": 0}

    def train_step(*args):
        calls["n"] += 1
        if calls["n"] in poison_calls:
            with torch.no_grad():
                next(trainer.model.generator.parameters()).fill_(float("nan"))
        return real_step(*args)

    trainer.model.train_step = train_step
    return trainer, run


def test_nan_mid_run_is_rolled_back_and_the_run_finishes(tmp_path, tiny_config_values):
    trainer, run = poisoned_trainer(tmp_path, tiny_config_values, poison_calls={7})
    result = trainer.run_loop()
    assert result.step == 12 and not result.interrupted
    events = [r for r in run.read_metrics() if r.get("event") == "rollback"]
    assert len(events) == 1
    assert events[0]["step"] == 4 and events[0]["failed_at_step"] == 7 and events[0]["lr_scale"] == 0.5
    assert "is nan" in events[0]["reason"]
    final = read_checkpoint(run.latest_checkpoint())
    assert final.step == 12 and final.state["lr_scale"] == 0.5
    assert all(torch.isfinite(t).all() for t in final.tensors.values() if t.is_floating_point())
    assert math.isclose(trainer.optimizers["generator"].param_groups[0]["lr"], 0.5 * 2e-4)


def test_endless_divergence_stops_with_a_message(tmp_path, tiny_config_values):
    values = {**tiny_config_values, "train": {**tiny_config_values["train"], "guard_max_rollbacks": 2}}
    trainer, run = poisoned_trainer(tmp_path, values, poison_calls=set(range(1, 100)))
    with pytest.raises(TrainingDiverged, match="after 2 rollbacks"):
        trainer.run_loop()
    assert read_checkpoint(run.latest_checkpoint()).step == 0  # the good checkpoint is intact
