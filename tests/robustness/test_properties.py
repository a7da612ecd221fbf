"""Property-based cases: whatever a config or a checkpoint's state.json holds, reading it either
works or is one error of genforge's own type; never another exception (a traceback for the user)."""

from __future__ import annotations

import json
import math

import pytest
import torch
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from genforge.training.run_config import build_run_config
from genforge.core.errors import ConfigError, GenforgeError
from genforge.training.checkpoint_files import FORMAT, read_checkpoint, write_checkpoint
from genforge.training.checkpoint_schema import CorruptCheckpoint
from helpers import checkpoint_state

PROFILE = settings(max_examples=150, deadline=None, derandomize=True,
                   suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])

scalars = st.one_of(st.none(), st.booleans(), st.integers(-2**70, 2**70),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=12))
values = st.recursive(scalars, lambda inner: st.one_of(st.lists(inner, max_size=3),
                                                       st.dictionaries(st.text(max_size=8), inner, max_size=3)),
                      max_leaves=8)

TRAIN_KEYS = ["steps", "minutes", "batch_size", "seed", "precision", "lr_decay", "checkpoint_every",
              "keep_checkpoints", "eval_every", "guard_lr_factor", "device", "grid_size"]
GAN_KEYS = ["lr", "betas", "latent_dim", "generator_width", "ema_decay", "gradient_penalty", "discriminator_steps",
            "loss", "conditional"]


@PROFILE
@given(train=st.dictionaries(st.sampled_from(TRAIN_KEYS), values, max_size=4),
       model=st.dictionaries(st.sampled_from(GAN_KEYS), values, max_size=3))
def test_any_config_values_are_accepted_or_one_config_error(train, model):
    try:
        config = build_run_config({"model": {"name": "dcgan", **model}, "train": train})
    except ConfigError as error:
        assert "\n" not in str(error)
        return
    # What is accepted is in range: finite numbers, positive counts and rates.
    for number in (config.train.batch_size, config.train.checkpoint_every, config.model.lr):
        assert math.isfinite(number) and number > 0
    assert all(math.isfinite(beta) and 0 <= beta < 1 for beta in config.model.betas)
    assert config.train.steps is None or config.train.steps >= 1


@PROFILE
@given(section=st.sampled_from(["model", "data", "train", "extra"]), content=values)
def test_any_section_content_is_accepted_or_one_config_error(section, content):
    try:
        build_run_config({section: content})
    except ConfigError as error:
        assert "\n" not in str(error)


@pytest.fixture(scope="module")
def good_checkpoint(tmp_path_factory):
    folder = tmp_path_factory.mktemp("state")
    state = checkpoint_state(4, optimizers={"generator": {"param_groups": [{"lr": 0.1}], "scalars": {}}},
                             lr_scale=1.0, rollbacks=0, grad_scalers={}, processes=1)
    return write_checkpoint(folder, "step-00000004", {"model.w": torch.zeros(2)}, state)


FIELDS = ["format", "step", "seconds", "config", "rng", "optimizers", "lr_scale", "rollbacks", "grad_scalers",
          "processes", "best"]


@PROFILE
@given(key=st.sampled_from(FIELDS), replacement=values, drop=st.booleans())
def test_any_state_field_is_read_or_one_corrupt_checkpoint_line(good_checkpoint, key, replacement, drop):
    state_path = good_checkpoint / "state.json"
    original = state_path.read_text()
    state = json.loads(original)
    if drop:
        state.pop(key, None)
    else:
        state[key] = replacement
    try:
        state_path.write_text(json.dumps(state))
        try:
            loaded = read_checkpoint(good_checkpoint)
        except CorruptCheckpoint as error:
            assert "\n" not in str(error)
            return
        assert loaded.state["format"] == FORMAT and type(loaded.step) is int and loaded.step >= 0
    finally:
        state_path.write_text(original)


@PROFILE
@given(text=st.one_of(st.text(max_size=40), st.binary(max_size=40).map(lambda b: b.decode("latin-1"))))
def test_any_state_text_is_read_or_one_error(good_checkpoint, text):
    state_path = good_checkpoint / "state.json"
    original = state_path.read_text()
    try:
        state_path.write_text(text)
        with pytest.raises(GenforgeError):
            read_checkpoint(good_checkpoint)
    finally:
        state_path.write_text(original)
