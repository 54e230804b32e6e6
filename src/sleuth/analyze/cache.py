"""Whole-case analyses kept between calls: `AnalysisCache`.

The workbench asks for the same events, blocs and findings on every page view, and on a
big case they are slow to make (`find_collusion` on a million events: about 35 s, reading
the event table alone about 8 s). Each result is kept with the state of the case it was
made from (`EventStore.state()`: the event rows, the entities they resolve to, the analyst's
decisions) and made again when that state changes: after an ingest, a resolution, a merge.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TypeVar, cast

if TYPE_CHECKING:
    from sleuth.analyze.collusion import Collusion
    from sleuth.analyze.events import Blocs, Event
    from sleuth.case import Case

T = TypeVar("T")


@dataclass
class _Entry:
    state: tuple[int | str, ...]
    value: Any
    seconds: float


class AnalysisCache:
    """Results per (case, name), each valid while the case's event state is unchanged."""

    def __init__(self) -> None:
        self._entries: dict[tuple[str, str], _Entry] = {}
        self._locks: dict[tuple[str, str], threading.Lock] = {}
        self._guard = threading.Lock()

    def get(self, case: Case, name: str, compute: Callable[[], T]) -> T:
        """The kept result of `compute` for this case, made again when the case changed.
        Two callers asking at once wait for one computation rather than doing two."""
        key = (str(case.root), name)
        with self._guard:
            lock = self._locks.setdefault(key, threading.Lock())
        with lock:
            # the entities' version too: a decision is recorded before its re-resolution ends
            state: tuple[int | str, ...] = (*case.store.events.state(),
                                            case.store.mentions.entities_version())
            entry = self._entries.get(key)
            if entry is None or entry.state != state:
                started = time.perf_counter()
                value = compute()
                entry = _Entry(state, value, time.perf_counter() - started)
                self._entries[key] = entry
            return cast("T", entry.value)

    def seconds(self, case: Case, name: str) -> float | None:
        """How long the kept result took to make (None when nothing is kept)."""
        entry = self._entries.get((str(case.root), name))
        return entry.seconds if entry is not None else None

    def clear(self) -> None:
        """Forget every kept result."""
        with self._guard:
            self._entries.clear()


#: The process's cache (one `sleuth serve` serves one case; the key names it anyway).
CACHE = AnalysisCache()


def case_events(case: Case, cache: AnalysisCache = CACHE) -> list[Event]:
    """Every event of the case, merged, with independent sources counted, but without
    sentences: `fill_evidence` adds them to the events that are shown."""
    from sleuth.analyze.events import load_events

    return cache.get(case, "events", lambda: load_events(case, sentences=False))


def case_blocs(case: Case, cache: AnalysisCache = CACHE) -> Blocs:
    """The case's roll-up of organisations into sides (reads the gazetteer: about 1 s)."""
    from sleuth.analyze.events import blocs_for

    return cache.get(case, "blocs", lambda: blocs_for(case))


def case_collusion(case: Case, cache: AnalysisCache = CACHE) -> list[Collusion]:
    """`find_collusion(case)`, kept."""
    from sleuth.analyze.collusion import find_collusion

    return cache.get(case, "collusion", lambda: find_collusion(case))
