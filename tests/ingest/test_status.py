"""`case_status` while an ingest runs: the counts are kept for a while (they cost a second
of queries on a big case), the ingest's own progress is always current."""

from __future__ import annotations

from pathlib import Path

from sleuth.case import Case
from sleuth.ingest import ingest
from sleuth.ingest.progress import IngestProgress
from sleuth.ingest.status import case_status


def test_counts_are_kept_while_an_ingest_runs_and_fresh_when_it_ends(tmp_path: Path) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    for folder, text in ((first, "A letter from Raqqa."), (second, "A note from Mosul.")):
        folder.mkdir()
        (folder / "a.txt").write_text(text, encoding="utf-8")
    case = Case.init(tmp_path / "case")
    ingest(case, [first], workers=1)
    assert case_status(case)["documents"] == 1
    tracker = IngestProgress(case)  # an ingest starts (as `sleuth ingest` does) ...
    assert case_status(case)["documents"] == 1
    ingest(case, [second], workers=1)  # ... and, while it runs, a document arrives
    tracker = IngestProgress(case)
    tracker.phase("extract")
    running = case_status(case)
    assert running["ingest"]["running"] and running["ingest"]["phase"] == "extract"  # progress: current
    assert running["documents"] == 1  # counts: kept
    tracker.finish()
    assert case_status(case)["documents"] == 2
