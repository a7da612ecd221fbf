"""train.lr_decay = linear: every rate falls with the budget used, and a resume continues the schedule."""

from genforge.training.run_config import build_run_config
from genforge.pipelines import resume, train
from genforge.training.checkpoint_files import read_checkpoint


def rates(run, step):
    state = read_checkpoint(run / "checkpoints" / f"step-{step:08d}").state
    return {name: group["lr"] for name, saved in state["optimizers"].items() for group in saved["param_groups"]}


def test_linear_decay_reaches_zero_at_the_last_step_and_survives_a_resume(tmp_path, tiny_config_values):
    values = {**tiny_config_values, "train": {**tiny_config_values["train"], "steps": 8, "lr_decay": "linear"}}
    train(build_run_config(values), tmp_path / "run")
    # Set before each step from the steps done: step k trains with rate lr * (1 - k / 8).
    assert rates(tmp_path / "run", 8) == {"discriminator": 2e-4 / 8, "generator": 2e-4 / 8}
    values["train"]["steps"] = 4
    train(build_run_config(values), tmp_path / "half")
    resume(tmp_path / "half", {"train": {"steps": 8}})
    assert rates(tmp_path / "half", 8) == rates(tmp_path / "run", 8)
