"""How far a running ingest is, kept in the case so that another process (the workbench's
overview page, `sleuth status`) can show it."""

from __future__ import annotations

import json
import os
import time
from typing import TYPE_CHECKING, Any

import psutil

if TYPE_CHECKING:
    from sleuth.case import Case

KEY = "ingest_progress"
#: Seconds between writes of the progress row (each is one small transaction).
WRITE_EVERY = 1.0


class IngestProgress:
    """Counts of a running ingest: phase, files done, OCR pages done of pending."""

    def __init__(self, case: Case) -> None:
        self.case = case
        self.state: dict[str, Any] = {"pid": os.getpid(), "started": time.time(), "phase": "reading",
                                      "files": 0, "ocr_done": 0, "ocr_total": 0, "finished": None}
        self._written = 0.0
        self._write(force=True)

    def files(self, n: int) -> None:
        """`n` more files read (or skipped as done)."""
        self.state["files"] += n
        self._write()

    def ocr(self, done: int, pages: int) -> None:
        """OCR progress as the ingest's OCR callback gives it (a total first, then steps)."""
        self.state["phase"] = "ocr"
        if pages:
            self.state["ocr_total"] = pages
        self.state["ocr_done"] += done
        self._write()

    def phase(self, name: str) -> None:
        """The ingest moved on (reading, ocr, extract)."""
        self.state["phase"] = name
        self._write(force=True)

    def finish(self) -> None:
        """The ingest is over."""
        self.state.update(phase="done", finished=time.time())
        self._write(force=True)

    def _write(self, force: bool = False) -> None:
        now = time.monotonic()
        if force or now - self._written >= WRITE_EVERY:
            self.state["updated"] = time.time()
            self.case.store.set_info(KEY, json.dumps(self.state))
            self._written = now


def ingest_progress(case: Case) -> dict[str, Any] | None:
    """The last ingest's progress, with `running` true while its process lives."""
    raw = case.store.info(KEY)
    if not raw:
        return None
    state: dict[str, Any] = json.loads(raw)
    state["running"] = state.get("finished") is None and _alive(int(state.get("pid", 0)),
                                                                float(state.get("started", 0)))
    return state


def _alive(pid: int, started: float) -> bool:
    """Whether the process is still the ingest that wrote the row (not a reused pid)."""
    try:
        process = psutil.Process(pid)
        return process.create_time() <= started + 1
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return False
