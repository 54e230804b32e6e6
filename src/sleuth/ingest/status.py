"""Where a case stands: counts per type and stage, OCR, entities, every problem with its
reason, and the progress of a running ingest (`sleuth status`, the workbench overview)."""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING, Any

from sleuth.ingest.progress import ingest_progress

if TYPE_CHECKING:
    from sleuth.case import Case


def case_status(case: Case) -> dict[str, Any]:
    """The case's counts, problems and ingest progress."""
    from sleuth.ocr.stage import ocr_status

    summary = case.store.summary()
    problems = case.store.problems()
    ocr = ocr_status(case)
    for failure in ocr.pop("failures"):
        problems.append({"document": failure["document_id"], "sha256": None, "path": failure["path"],
                         "mime": None, "status": "ocr failed",
                         "reason": f"page {failure['number']}: {failure['error']}"})
    running = ingest_progress(case)
    found = _mention_counts(case, stale_ok=bool(running and running["running"]))
    return {**summary, "ocr": ocr, "mentions": found["mentions"], "entities": found["entities"],
            "events": case.store.events.count(), "ingest": running, "problems": problems}


#: While an ingest runs, mention counts (a scan of every mention) are redone at most this often.
STALE_SECONDS = 30.0
_counts: dict[str, tuple[float, str, dict[str, dict[str, int]]]] = {}
_lock = threading.Lock()


def _mention_counts(case: Case, stale_ok: bool) -> dict[str, dict[str, int]]:
    """Mentions and entities per type, counted again only when mentions or entities
    changed (and, while an ingest changes them all the time, at most every STALE_SECONDS)."""
    key = str(case.root)
    newest = f"{case.store.mentions.newest_id()}:{case.store.mentions.entities_version()}"
    with _lock:
        kept = _counts.get(key)
    if kept is not None and (kept[1] == newest or (stale_ok and time.monotonic() - kept[0] < STALE_SECONDS)):
        return kept[2]
    found = case.store.mentions.counts()
    with _lock:
        _counts[key] = (time.monotonic(), newest, found)
    return found
