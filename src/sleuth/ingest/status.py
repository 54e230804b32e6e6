"""Where a case stands: counts per type and stage, OCR, entities, every problem with its
reason, and the progress of a running ingest (`sleuth status`, the workbench overview)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar, cast

from sleuth.ingest.progress import ingest_progress

if TYPE_CHECKING:
    from sleuth.case import Case


def case_status(case: Case) -> dict[str, Any]:
    """The case's counts, problems and ingest progress. While an ingest runs, the counts
    (a second of queries on a big case, on cores the ingest needs) are redone at most every
    STALE_SECONDS; the ingest's own progress is always current."""
    running = ingest_progress(case)
    busy = bool(running and running["running"])
    summary, problems, ocr = _kept(case, "stages", None, busy, lambda: _stage_counts(case))
    newest = f"{case.store.mentions.newest_id()}:{case.store.mentions.entities_version()}"
    found = _kept(case, "mentions", newest, busy, case.store.mentions.counts)
    return {**summary, "ocr": ocr, "mentions": found["mentions"], "entities": found["entities"],
            "events": case.store.events.count(), "ingest": running, "problems": problems}


def _stage_counts(case: Case) -> tuple[dict[str, Any], list[dict[str, Any]], dict[str, Any]]:
    """Documents per kind and stage, every problem with its reason, the OCR counts."""
    from sleuth.ocr.stage import ocr_status

    summary = case.store.summary()
    problems = case.store.problems()
    ocr = ocr_status(case)
    for failure in ocr.pop("failures"):
        problems.append({"document": failure["document_id"], "sha256": None, "path": failure["path"],
                         "mime": None, "status": "ocr failed",
                         "reason": f"page {failure['number']}: {failure['error']}"})
    return summary, problems, ocr


#: While an ingest runs, counts are redone at most this often.
STALE_SECONDS = 30.0
_counts: dict[tuple[str, str], tuple[float, str | None, Any]] = {}
_lock = threading.Lock()
T = TypeVar("T")


def _kept(case: Case, name: str, stamp: str | None, stale_ok: bool, compute: Callable[[], T]) -> T:
    """`compute()`, or the value kept from the last call when `stamp` (a value that changes
    with the result; None: no such value) is the same, or when `stale_ok` (an ingest is
    changing everything) and it is under STALE_SECONDS old."""
    key = (str(case.root), name)
    with _lock:
        kept = _counts.get(key)
    if kept is not None and ((stamp is not None and kept[1] == stamp)
                             or (stale_ok and time.monotonic() - kept[0] < STALE_SECONDS)):
        return cast("T", kept[2])
    found = compute()
    with _lock:
        _counts[key] = (time.monotonic(), stamp, found)
    return found
