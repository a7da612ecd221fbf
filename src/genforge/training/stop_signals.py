"""Ctrl-C and SIGTERM as a request to stop between steps."""

from __future__ import annotations

import signal
import threading


class StopSignals:
    """Turns the first SIGINT or SIGTERM into a request to stop after the step in flight.

    Stopping between steps means the checkpoint written on the way out is an exact training
    state, from which a resume continues as if never interrupted. A second Ctrl-C stops at once.
    """

    def __init__(self):
        self.requested = False
        self._previous = {}

    def _handle(self, signum, frame):
        if self.requested and signum == signal.SIGINT:
            raise KeyboardInterrupt
        self.requested = True

    def __enter__(self):
        if threading.current_thread() is not threading.main_thread():
            return self  # signal handlers can only be installed from the main thread
        for signum in (signal.SIGINT, signal.SIGTERM):
            self._previous[signum] = signal.signal(signum, self._handle)
        return self

    def __exit__(self, *exc):
        for signum, handler in self._previous.items():
            signal.signal(signum, handler)
