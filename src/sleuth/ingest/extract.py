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
            yield from records
            yield from failed
            for record in records:  # keep scratch space small on big batches
                blob = blobs.path(record.sha256)
                if blob.exists():
                    os.chmod(blob, 0o644)
                    blob.unlink()
