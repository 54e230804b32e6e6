"""Where a case stands: counts per type and stage, OCR, entities, every problem with its
reason, and the progress of a running ingest (`sleuth status`, the workbench overview)."""

from __future__ import annotations

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
    found = case.store.mentions.counts()
    return {**summary, "ocr": ocr, "mentions": found["mentions"], "entities": found["entities"],
            "events": case.store.events.count(), "ingest": ingest_progress(case), "problems": problems}
