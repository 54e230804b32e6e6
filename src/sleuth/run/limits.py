"""A wall-clock limit for work done in a worker process's main thread."""

from __future__ import annotations

import signal
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


@contextmanager
def time_limit(seconds: float) -> Iterator[None]:
    """Raise TimeoutError in this (main) thread after `seconds`; a no-op off the main thread.

    A child process started with subprocess.run inside the block is killed when the
    TimeoutError passes through it.
    """
    def on_alarm(_signum: int, _frame: FrameType | None) -> None:
        raise TimeoutError

    try:
        previous = signal.signal(signal.SIGALRM, on_alarm)
    except ValueError:  # not the main thread
        yield
        return
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
