import os

import pytest

from genforge.core.errors import RunError
from genforge.training.run_lock import RunLock


def test_a_second_writer_is_refused_naming_the_holder_and_may_take_over_after(tmp_path):
    first, second = RunLock(tmp_path), RunLock(tmp_path)
    first.acquire()
    with pytest.raises(RunError, match=f"being written by process {os.getpid()}"):
        second.acquire()
    first.release()
    second.acquire()
    assert second.held and (tmp_path / ".lock").read_text().strip() == str(os.getpid())
    second.release()


def test_a_resume_that_fails_to_start_lets_go_of_the_run(tmp_path, tiny_config_values):
    import shutil

    from genforge.training.run_config import build_run_config
    from genforge.core.errors import DataError
    from genforge.pipelines import resume, train

    values = {**tiny_config_values, "train": {**tiny_config_values["train"], "steps": 2}}
    data = tmp_path / "data"
    shutil.copytree(values["data"]["dir"], data)
    train(build_run_config({**values, "data": {**values["data"], "dir": str(data)}}), tmp_path / "run")
    hidden = data.rename(tmp_path / "hidden")
    with pytest.raises(DataError):
        resume(tmp_path / "run", {"train": {"steps": 4}})
    hidden.rename(data)
    assert resume(tmp_path / "run", {"train": {"steps": 4}}).step == 4  # not refused by our own stale lock
