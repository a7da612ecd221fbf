import json

import pytest
import torch
from helpers import checkpoint_state

from genforge.core.errors import RunError
from genforge.training.checkpoint_files import prune, read_checkpoint, step_checkpoints, write_checkpoint
from genforge.training.state import (capture_rng_states, optimizer_from_tensors_and_json,
                                     optimizer_to_tensors_and_json, restore_rng_states)


def test_round_trip_keeps_tensors_and_state(tmp_path):
    tensors = {"model.weight": torch.randn(3, 4), "model.count": torch.tensor(7)}
    path = write_checkpoint(tmp_path, "step-00000005", tensors, checkpoint_state(5, note="x"))
    loaded = read_checkpoint(path)
    assert loaded.step == 5 and loaded.state["note"] == "x"
    assert torch.equal(loaded.prefixed("model")["weight"], tensors["model.weight"])
    assert sorted(p.name for p in path.iterdir()) == ["state.json", "tensors.safetensors"]


def test_leftovers_of_a_killed_write_are_ignored_and_cleaned(tmp_path):
    write_checkpoint(tmp_path, "step-00000001", {"a": torch.zeros(1)}, checkpoint_state(1))
    (tmp_path / ".tmp-step-00000002-999").mkdir()  # a write killed before its rename
    (tmp_path / "step-00000003").mkdir()  # no state.json: never a complete checkpoint
    assert [p.name for p in step_checkpoints(tmp_path)] == ["step-00000001"]
    prune(tmp_path, keep=3)
    assert not (tmp_path / ".tmp-step-00000002-999").exists()


def test_prune_keeps_the_newest(tmp_path):
    for step in range(1, 6):
        write_checkpoint(tmp_path, f"step-{step:08d}", {"a": torch.zeros(1)}, checkpoint_state(step))
    prune(tmp_path, keep=2)
    assert [p.name for p in step_checkpoints(tmp_path)] == ["step-00000004", "step-00000005"]


def test_rewriting_a_checkpoint_replaces_it(tmp_path):
    write_checkpoint(tmp_path, "best", {"a": torch.zeros(1)}, checkpoint_state(1))
    write_checkpoint(tmp_path, "best", {"a": torch.ones(1)}, checkpoint_state(2))
    assert read_checkpoint(tmp_path / "best").step == 2


def test_corrupt_checkpoint_is_a_run_error(tmp_path):
    path = write_checkpoint(tmp_path, "step-00000001", {"a": torch.zeros(10)}, checkpoint_state(1))
    (path / "tensors.safetensors").write_bytes(b"garbage")
    with pytest.raises(RunError, match="unreadable"):
        read_checkpoint(path)
    (path / "state.json").write_text(json.dumps({"format": "something-else"}))
    with pytest.raises(RunError, match="format"):
        read_checkpoint(path)


def test_optimizer_state_round_trip():
    parameter = torch.nn.Parameter(torch.randn(5))
    optimizer = torch.optim.Adam([parameter], lr=0.1, betas=(0.5, 0.9))
    for _ in range(3):
        optimizer.zero_grad()
        parameter.pow(2).sum().backward()
        optimizer.step()
    tensors, saved = optimizer_to_tensors_and_json("opt", optimizer)
    saved = json.loads(json.dumps(saved))  # what a checkpoint actually stores
    twin = torch.optim.Adam([torch.nn.Parameter(parameter.detach().clone())], lr=1.0)
    optimizer_from_tensors_and_json(twin, "opt", tensors, saved)
    assert twin.param_groups[0]["lr"] == 0.1 and twin.param_groups[0]["betas"] == (0.5, 0.9)
    for key in ("exp_avg", "exp_avg_sq", "step"):
        assert torch.equal(twin.state[twin.param_groups[0]["params"][0]][key], optimizer.state[parameter][key])


def test_restored_moments_keep_a_channels_last_parameter_layout():
    conv = torch.nn.Conv2d(3, 4, 3).to(memory_format=torch.channels_last)
    optimizer = torch.optim.Adam(conv.parameters())
    conv(torch.randn(2, 3, 5, 5)).sum().backward()
    optimizer.step()
    tensors, saved = optimizer_to_tensors_and_json("opt", optimizer)
    twin = torch.nn.Conv2d(3, 4, 3).to(memory_format=torch.channels_last)
    twin_optimizer = torch.optim.Adam(twin.parameters())
    optimizer_from_tensors_and_json(twin_optimizer, "opt", {k: v.contiguous() for k, v in tensors.items()}, saved)
    moments = twin_optimizer.state[twin.weight]
    for key in ("exp_avg", "exp_avg_sq"):
        assert moments[key].is_contiguous(memory_format=torch.channels_last) and not moments[key].is_contiguous()
        assert torch.equal(moments[key], optimizer.state[conv.weight][key])


def test_rng_state_round_trip():
    states = json.loads(json.dumps(capture_rng_states()))
    expected = torch.rand(3)
    restore_rng_states(states)
    assert torch.equal(torch.rand(3), expected)
