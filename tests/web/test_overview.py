"""The overview: the case's counts and problems, and the progress of an ingest running in
another process."""

from __future__ import annotations

from sleuth.case import Case
from sleuth.ingest.progress import IngestProgress
from tests.web.conftest import Server


def test_the_overview_counts_what_status_counts(server: Server) -> None:
    data = server.client("viewer").get("/api/overview").json()
    case = Case.open(server.case_path)
    try:
        summary = case.store.summary()
    finally:
        case.close()
    assert data["documents"] == summary["documents"] > 300
    assert data["kinds"] == summary["kinds"]
    assert data["events"] > 0 and sum(data["entities"].values()) > 100
    broken = [p for p in data["problems"] if p["status"] == "failed"]
    assert broken and all(p["reason"] for p in broken)  # every failure has its reason


def test_a_running_ingest_shows_its_progress(server: Server) -> None:
    client = server.client("viewer")
    case = Case.open(server.case_path)
    try:
        tracker = IngestProgress(case)  # as `sleuth ingest` does, from this (live) process
        tracker.files(120)
        tracker.ocr(0, 40)
        tracker.ocr(7, 0)
        tracker.phase("ocr")
        running = client.get("/api/overview").json()["ingest"]
        assert running["running"] is True
        counts = (running["phase"], running["files"], running["ocr_done"], running["ocr_total"])
        assert counts == ("ocr", 120, 7, 40)
        tracker.finish()
        done = client.get("/api/overview").json()["ingest"]
        assert done["running"] is False and done["phase"] == "done"
    finally:
        case.close()
