"""Which checkpoint a command loads: the newest, a name in the run's checkpoints/, or a folder of them."""

import pytest
import torch
from helpers import checkpoint_state

from genforge.core.errors import RunError
from genforge.training.checkpoint_files import write_checkpoint
from genforge.training.run_folder import RunFolder


@pytest.fixture
def run(tmp_path):
    folder = RunFolder(tmp_path / "run")
    for name, step in (("step-00000002", 2), ("step-00000004", 4), ("best", 2)):
        write_checkpoint(folder.checkpoints, name, {"a": torch.full((1,), float(step))}, checkpoint_state(step))
    (folder.checkpoints / "corrupt-step-00000006").mkdir()  # set aside by a resume: never offered
    return folder


def test_a_checkpoint_is_chosen_by_name_or_by_its_folder(run, tmp_path, monkeypatch):
    assert run.chosen_checkpoint().step == run.chosen_checkpoint("").step == 4  # the newest
    assert run.chosen_checkpoint("best").path == run.checkpoints / "best"
    assert run.chosen_checkpoint("step-00000002").step == 2
    monkeypatch.chdir(tmp_path)
    assert run.chosen_checkpoint("run/checkpoints/step-00000004").step == 4  # a relative path
    assert run.chosen_checkpoint(run.checkpoints / "best").step == 2


def test_an_unknown_name_or_a_folder_outside_the_run_is_one_line(run, tmp_path, monkeypatch):
    (tmp_path / "step-00000009").mkdir()
    monkeypatch.chdir(tmp_path)  # a folder of the same name here is not the run's
    with pytest.raises(RunError, match=r"has no checkpoint step-00000009: give one of best, step-00000002, "
                                       r"step-00000004 or a checkpoint folder of the run$"):
        run.chosen_checkpoint("step-00000009")
    other = RunFolder(tmp_path / "other")
    write_checkpoint(other.checkpoints, "best", {"a": torch.zeros(1)}, checkpoint_state(1))
    for outside in (other.checkpoints / "best", "..", "./step-00000009", run.root):
        with pytest.raises(RunError, match="is not a checkpoint folder of"):
            run.chosen_checkpoint(outside)
