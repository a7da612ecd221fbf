import os

import pytest

from genforge.errors import RunError
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
