"""Deferred rendering: a plan is a list of jobs, run in a process pool, written to disk.

Every job is a module-level function and picklable arguments, so it runs the same in this
process or in a worker, and its bytes depend on nothing but its arguments.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Job:
    """Call `fn(*args)` to get the bytes of one file."""

    fn: Callable[..., bytes]
    args: tuple[Any, ...]

    def run(self) -> bytes:
        """Render the file."""
        return self.fn(*self.args)


def literal(data: bytes) -> bytes:
    """A job function for bytes known in advance."""
    return data


def truncated(job: Job, fraction: float) -> bytes:
    """The first `fraction` of another job's bytes: a file cut short in transfer."""
    data = job.run()
    return data[: int(len(data) * fraction)]


def zeroed_tail(job: Job, count: int) -> bytes:
    """Another job's bytes with the last `count` bytes zeroed (a ZIP loses its directory)."""
    data = job.run()
    return data[:-count] + bytes(count)
