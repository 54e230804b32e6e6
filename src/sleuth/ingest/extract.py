"""`sleuth extract`: read files without a case (stateless), one record per file and member."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path

from sleuth.ingest.walk import walk
from sleuth.ingest.worker import Worker
from sleuth.settings import Settings, load_settings
from sleuth.store import BlobStore, FailureRecord, FileRecord


def extract_files(paths: Sequence[Path], settings: Settings | None = None
                  ) -> Iterator[FileRecord | FailureRecord]:
    """Read files (and folders, archives, attachments) and yield what each holds.

    Nothing is kept: originals are copied into a scratch blob store that is deleted after.
    """
    settings = settings or load_settings()
    with tempfile.TemporaryDirectory(prefix="sleuth-extract-") as scratch:
        root = Path(scratch)
        blobs = BlobStore(root / "blobs")
        blobs.create()
        (root / "tmp").mkdir()
        worker = Worker(settings, blobs, None, root / "tmp")
        for item in walk(paths):
            if isinstance(item, FailureRecord):
                yield item
                continue
            records, failed = worker.ingest_file(item)
            for record in records:
                _ocr_pages(record, blobs, settings, root / "tmp")
            yield from records
            yield from failed
            for record in records:  # keep scratch space small on big batches
                blob = blobs.path(record.sha256)
                if blob.exists():
                    os.chmod(blob, 0o644)
                    blob.unlink()


def _ocr_pages(record: FileRecord, blobs: BlobStore, settings: Settings, tmpdir: Path) -> None:
    """OCR the record's pages that have no usable text layer, in this process."""
    from sleuth.ocr.engine import OcrUnavailable, require_tesseract
    from sleuth.ocr.page_job import UNAVAILABLE, read_page
    from sleuth.store import OcrJob

    waiting = [p for p in record.pages or [] if p.needs_ocr]
    if not waiting or record.status != "ok":
        return
    try:
        engine = require_tesseract()
    except OcrUnavailable as exc:
        for page in waiting:
            page.ocr_error = exc.message
        return
    for page in waiting:
        job = OcrJob(0, record.sha256, record.mime, record.kind, page.number, page.text)
        result = read_page(job, blobs.path(record.sha256), settings, engine, tmpdir)
        if result.status == "ok":
            if result.replace_text:
                page.text, page.method = result.text, "ocr"
            page.confidence = round(result.confidence, 1)
        else:
            page.ocr_error = result.error
            if result.status == UNAVAILABLE:
                break
