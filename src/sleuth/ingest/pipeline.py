"""`sleuth ingest`: walk sources, read files in worker processes, store and index them.

The parent process owns the database and the search index; workers hash, store blobs and
read. Every batch of results is written in one transaction, so a run killed at any moment
can be run again: files already read are skipped, nothing is lost or doubled.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from sleuth.case import Case
from sleuth.extract.stage import ExtractSummary, run_extract
from sleuth.ingest.progress import IngestProgress
from sleuth.ingest.walk import FoundFile, walk
from sleuth.ingest.worker import READ_VERSION, Worker
from sleuth.ocr.page_job import OCR_VERSION
from sleuth.ocr.stage import OcrSummary, run_ocr
from sleuth.search.base import INDEX_VERSION
from sleuth.settings import Settings
from sleuth.store import INDEX, BlobStore, FailureRecord, FileRecord, Store

CHUNK_FILES = 16
WRITE_EVERY = 256

Progress = Callable[[int], None]
# OCR progress: called once with (0, pages waiting), then with (pages done, 0) as pages finish
OcrProgress = Callable[[int, int], None]


@dataclass
class IngestSummary:
    """What one `sleuth ingest` run did."""

    files_seen: int = 0
    files_skipped: int = 0
    documents_new: int = 0
    duplicates: int = 0
    members: int = 0
    failed: int = 0
    not_ingested: int = 0
    indexed: int = 0
    seconds: float = 0.0
    kinds: Counter[str] = field(default_factory=Counter)
    problems: list[dict[str, str]] = field(default_factory=list)
    ocr: OcrSummary = field(default_factory=OcrSummary)
    extract: ExtractSummary = field(default_factory=ExtractSummary)
    entities: int = 0

    @property
    def ok(self) -> bool:
        """True when every input was read."""
        return (self.failed == 0 and self.not_ingested == 0 and self.ocr.failed == 0
                and self.extract.failed == 0)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the `--json` summary)."""
        return {
            "files_seen": self.files_seen, "files_skipped": self.files_skipped,
            "documents_new": self.documents_new, "duplicates": self.duplicates,
            "members": self.members, "failed": self.failed, "not_ingested": self.not_ingested,
            "indexed": self.indexed, "seconds": round(self.seconds, 3),
            "kinds": dict(self.kinds), "problems": self.problems, "ocr": self.ocr.as_dict(),
            "extract": self.extract.as_dict(), "entities": self.entities,
        }


# ---- worker process side ------------------------------------------------------------

_WORKER: Worker | None = None


def _init_worker(settings: Settings, db_url: str, blob_root: str, tmp_root: str) -> None:
    global _WORKER
    _WORKER = Worker(settings, BlobStore(Path(blob_root)), Store(db_url), Path(tmp_root))


def _run_chunk(files: list[FoundFile]) -> tuple[list[FileRecord], list[FailureRecord], int]:
    assert _WORKER is not None
    records: list[FileRecord] = []
    failed: list[FailureRecord] = []
    for found in files:
        r, f = _WORKER.ingest_file(found)
        records += r
        failed += f
    return records, failed, len(files)


# ---- parent process side ------------------------------------------------------------

def ingest(case: Case, sources: Sequence[Path], progress: Progress | None = None,
           workers: int | None = None, ocr: bool = True,
           ocr_progress: OcrProgress | None = None, extract: bool = True) -> IngestSummary:
    """Ingest files and folders into the case, OCR every page that waits for it, then find
    the mentions of new documents and resolve the case's entities.

    Safe to re-run: finished files, pages and documents are skipped. With `ocr=False` pages
    without a text layer wait for a later run."""
    started = time.perf_counter()
    summary = IngestSummary()
    case.blobs.clean_tmp()
    tracker = IngestProgress(case)
    progress = _both(progress, tracker.files)
    ocr_progress = _both(ocr_progress, tracker.ocr)
    n_workers = workers or case.settings.workers or os.cpu_count() or 1
    writer = _BatchWriter(case, summary)
    todo = _todo(case.store, walk(sources), summary, writer, progress)
    if n_workers <= 1:
        _init_worker(case.settings, case.store.url, str(case.blobs.root), str(case.tmp))
        for chunk in _chunks(todo, CHUNK_FILES):
            writer.add(*_run_chunk(chunk)[:2])
            progress(len(chunk))
    else:
        _run_parallel(case, todo, n_workers, writer, progress)
    writer.flush()
    writer.index_pending()  # born-digital files are searchable while OCR runs
    if ocr:
        summary.ocr = _ocr(case, writer, workers, ocr_progress)
        summary.problems += summary.ocr.problems
        writer.index_pending()
    else:
        summary.ocr.left = case.store.ocr.count_pending(OCR_VERSION)
    if extract:
        tracker.phase("extract")
        summary.extract = run_extract(case, workers=workers)
        if summary.extract.documents:
            from sleuth.link.resolve import resolve

            summary.entities = resolve(case).entities
    tracker.finish()
    summary.seconds = time.perf_counter() - started
    return summary


def _both(first: Callable[..., None] | None, second: Callable[..., None]) -> Any:
    """A progress callback that calls the caller's (if any) and the tracker's."""
    if first is None:
        return second

    def call(*args: int) -> None:
        first(*args)
        second(*args)
    return call


def _ocr(case: Case, writer: _BatchWriter, workers: int | None,
         ocr_progress: OcrProgress | None) -> OcrSummary:
    """The OCR pass; documents are re-indexed as their pages are read."""
    written = 0

    def on_written(doc_ids: set[int]) -> None:
        nonlocal written
        written += len(doc_ids)
        if written >= WRITE_EVERY:
            writer.index_pending()
            written = 0

    progress: Progress | None = None
    if ocr_progress is not None:
        ocr_progress(0, case.store.ocr.count_pending(OCR_VERSION))
        def progress(n: int) -> None:
            ocr_progress(n, 0)

    return run_ocr(case, progress=progress, workers=workers, on_written=on_written)


def _todo(store: Store, items: Iterable[FoundFile | FailureRecord], summary: IngestSummary,
          writer: _BatchWriter, progress: Progress | None) -> Iterator[FoundFile]:
    for item in items:
        summary.files_seen += 1
        if isinstance(item, FailureRecord):
            writer.add([], [item])
            if progress:
                progress(1)
        elif store.path_done(item.display, item.size, item.mtime, READ_VERSION):
            summary.files_skipped += 1
            if progress:
                progress(1)
        else:
            yield item


def _chunks(items: Iterable[FoundFile], size: int) -> Iterator[list[FoundFile]]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _run_parallel(case: Case, todo: Iterator[FoundFile], n_workers: int, writer: _BatchWriter,
                  progress: Progress | None) -> None:
    args = (case.settings, case.store.url, str(case.blobs.root), str(case.tmp))
    chunks = _chunks(todo, CHUNK_FILES)
    window = n_workers * 4  # bounded: the trove is streamed, never held in memory
    with ProcessPoolExecutor(n_workers, mp_context=get_context("fork"),
                             initializer=_init_worker, initargs=args) as pool:
        running: set[Future[tuple[list[FileRecord], list[FailureRecord], int]]] = set()
        for chunk in islice(chunks, window):
            running.add(pool.submit(_run_chunk, chunk))
        while running:
            done, running = wait(running, return_when=FIRST_COMPLETED)
            for future in done:
                records, failed, n_files = future.result()
                writer.add(records, failed)
                if progress:
                    progress(n_files)
                nxt = next(chunks, None)
                if nxt is not None:
                    running.add(pool.submit(_run_chunk, nxt))


class _BatchWriter:
    """Collects worker results and writes them in batches; indexes what changed."""

    def __init__(self, case: Case, summary: IngestSummary) -> None:
        self.case = case
        self.summary = summary
        self.records: list[FileRecord] = []
        self.failed: list[FailureRecord] = []
        self.to_index: set[int] = set()
        self.read_this_run: set[str] = set()
        self.uncommitted: list[int] = []

    def add(self, records: list[FileRecord], failed: list[FailureRecord]) -> None:
        self.records += records
        self.failed += failed
        if len(self.records) + len(self.failed) >= WRITE_EVERY:
            self.flush()

    def flush(self) -> None:
        if not self.records and not self.failed:
            return
        touched = self.case.store.write_batch(self.records, self.failed, READ_VERSION)
        self._count(touched)
        self.records, self.failed = [], []
        self.to_index |= touched
        if len(self.to_index) >= WRITE_EVERY:
            self._index(sorted(self.to_index))
            self.to_index.clear()

    def _count(self, touched: set[int]) -> None:
        s = self.summary
        first_seen = self.read_this_run
        for r in self.records:
            if r.parent_sha:
                s.members += 1
            # Known content, or the same content read earlier in this run (two workers can
            # read two copies at once): one document.
            if r.pages is None or r.sha256 in first_seen:
                s.duplicates += 1
                continue
            first_seen.add(r.sha256)
            s.documents_new += 1
            s.kinds[r.kind] += 1
            if r.status != "ok":
                s.failed += 1
                s.problems.append({"path": r.path, "status": r.status, "reason": r.error or ""})
        for f in self.failed:
            s.not_ingested += 1
            s.problems.append({"path": f.path, "status": "not ingested", "reason": f.reason})

    def _index(self, doc_ids: list[int]) -> None:
        from sleuth.search.indexing import index_docs

        # every field: a document read again (or re-indexed for a new index version) keeps
        # the entities, events, date and tags found before
        self.case.index.add(index_docs(self.case, doc_ids))
        self.uncommitted += doc_ids
        self.summary.indexed += len(doc_ids)
        if len(self.uncommitted) >= self.case.settings.index_commit_every:
            self._commit()

    def _commit(self) -> None:
        self.case.index.commit()
        # Marked only after the index commit: a crash before it re-indexes (upsert) on resume.
        self.case.store.mark_stage(self.uncommitted, INDEX, INDEX_VERSION)
        self.uncommitted = []

    def index_pending(self) -> None:
        """Index what changed in this run and anything an interrupted run left unindexed."""
        if self.to_index:
            self._index(sorted(self.to_index))
            self.to_index.clear()
        waiting = set(self.uncommitted)
        pending = [i for i in self.case.store.pending(INDEX, INDEX_VERSION) if i not in waiting]
        for start in range(0, len(pending), WRITE_EVERY):
            batch = pending[start:start + WRITE_EVERY]
            if batch:
                self._index(batch)
        self._commit()
