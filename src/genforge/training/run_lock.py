"""One writer per run folder: an exclusive OS lock on RUN/.lock for the writer's whole life.

`fcntl.flock` locks belong to the open file, so the kernel releases them when the process ends in
any way (SIGKILL and power cuts included): a lock is never stale, and no pid needs to be trusted to
decide whether it is. The pid written into the file only names the holder in the error message.
Readers (sample, eval, report, runs) never take it: they read complete checkpoints only.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from ..core.errors import RunError
from ..core.storage import storage_errors

try:
    import fcntl
except ImportError:  # Windows: no flock; one writer per run is then not enforced
    fcntl = None

LOCK_FILE = ".lock"
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)  # the machine refused the lock file, not the user's input


class RunLock:
    def __init__(self, root: Path):
        self.path = root / LOCK_FILE
        self.descriptor: int | None = None

    def acquire(self) -> None:
        """Hold the lock, or fail in one line naming the process that holds it."""
        if self.descriptor is not None:
            return
        try:
            descriptor = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as error:
            if error.errno in DISK_FULL:
                with storage_errors("the run lock", self.path):
                    raise
            raise RunError(f"cannot lock {self.path.parent}: {error.strerror}") from None
        if fcntl is not None:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                holder = os.pread(descriptor, 64, 0).decode("ascii", "replace").strip() or "another process"
                os.close(descriptor)
                raise RunError(f"{self.path.parent} is being written by process {holder} (it holds "
                               f"{self.path}); wait for it to end or stop it, then try again") from None
        try:
            with storage_errors("the run lock", self.path):  # a full disk: one line saying what and where
                os.ftruncate(descriptor, 0)
                os.pwrite(descriptor, f"{os.getpid()}\n".encode(), 0)
        except BaseException:
            os.close(descriptor)
            raise
        self.descriptor = descriptor

    def release(self) -> None:
        if self.descriptor is not None:
            os.close(self.descriptor)  # closing the file releases the flock
            self.descriptor = None

    def __del__(self) -> None:  # a writer that never reached its close() (an error while starting)
        self.release()

    @property
    def held(self) -> bool:
        return self.descriptor is not None
