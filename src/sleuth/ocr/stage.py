"""The OCR stage: every page waiting for OCR, read on every core, stored page by page.

Pages are the unit of work: one tesseract per core (each single-threaded), results written
in small batches, so a run stopped at any moment resumes with the pages not yet stored.
A page that crashes its worker process (a renderer bug on a hostile PDF) is retried alone;
if it crashes again it is recorded as failed and the run goes on.
"""

from __future__ import annotations

import os
import tempfile
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterable
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from multiprocessing import get_context
from pathlib import Path
from typing import Any

from sleuth.case import Case
from sleuth.ocr.engine import OcrUnavailable, Tesseract, find_tesseract, require_tesseract
from sleuth.ocr.page_job import OCR_VERSION, UNAVAILABLE, read_page
from sleuth.settings import Settings
from sleuth.store import BlobStore, OcrJob, OcrRecord, Store
from sleuth.store.ocr_store import OCR

WRITE_EVERY = 16
WRITE_SECONDS = 5.0
RECENT_RESULTS = 256

Progress = Callable[[int], None]
Written = Callable[[set[int]], None]


@dataclass
class OcrSummary:
    """What one OCR pass did."""

    waiting: int = 0
    read: int = 0
    cached: int = 0
    failed: int = 0
    left: int = 0
    unavailable: str | None = None
    seconds: float = 0.0
    problems: list[dict[str, Any]] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the `ocr` part of the ingest summary)."""
        return {"pages_waiting": self.waiting, "pages_read": self.read, "pages_cached": self.cached,
                "pages_failed": self.failed, "pages_left": self.left, "unavailable": self.unavailable,
                "seconds": round(self.seconds, 3)}


# ---- worker process side ------------------------------------------------------------

@dataclass
class _Worker:
    settings: Settings
    blobs: BlobStore
    store: Store
    engine: Tesseract
    tmpdir: Path
    # results this process read and the parent may not have stored yet: the same page
    # twice in one run is read once when one worker meets it twice
    recent: OrderedDict[str, dict[str, Any]] = field(default_factory=OrderedDict)

    def cached(self, key: str) -> dict[str, Any] | None:
        if key in self.recent:
            return self.recent[key]
        return self.store.ocr.cached(key)

    def remember(self, record: OcrRecord) -> None:
        if record.status != "ok" or record.cached or not record.key:
            return
        self.recent[record.key] = {"text": record.text, "confidence": record.confidence,
                                   "languages": record.languages, "width": record.width,
                                   "height": record.height, "words": record.words_json}
        while len(self.recent) > RECENT_RESULTS:
            self.recent.popitem(last=False)


_WORKER: _Worker | None = None


def _init_worker(settings: Settings, db_url: str, blob_root: str, tmp_root: str) -> None:
    global _WORKER
    tmpdir = Path(tempfile.mkdtemp(dir=tmp_root, prefix=f"ocr-{os.getpid()}-"))
    _WORKER = _Worker(settings, BlobStore(Path(blob_root)), Store(db_url), require_tesseract(), tmpdir)


def _run_job(job: OcrJob) -> OcrRecord:
    assert _WORKER is not None
    w = _WORKER
    record = read_page(job, w.blobs.path(job.sha256), w.settings, w.engine, w.tmpdir, w.cached)
    w.remember(record)
    return record


# ---- parent process side ------------------------------------------------------------

def run_ocr(case: Case, progress: Progress | None = None, workers: int | None = None,
            on_written: Written | None = None) -> OcrSummary:
    """OCR every page of the case that waits for it. Safe to stop and re-run at any time."""
    started = time.perf_counter()
    summary = OcrSummary()
    jobs = case.store.ocr.pending(OCR_VERSION)
    summary.waiting = len(jobs)
    if not jobs:
        return summary
    try:
        engine = require_tesseract()
        languages = str(case.settings.ocr_languages)
        engine.check_languages("ara+eng" if languages == "auto" else languages)
    except OcrUnavailable as exc:
        summary.unavailable, summary.left = exc.message, len(jobs)
        return summary
    n_workers = max(1, workers or case.settings.workers or os.cpu_count() or 1)
    writer = _Writer(case, summary, progress, on_written)
    try:
        _run_all(case, jobs, n_workers, writer)
    finally:  # also on Ctrl-C: keep the pages already read
        writer.flush()
    summary.left = case.store.ocr.count_pending(OCR_VERSION)
    summary.seconds = time.perf_counter() - started
    return summary


def _run_all(case: Case, jobs: list[OcrJob], n_workers: int, writer: _Writer) -> None:
    queue: deque[OcrJob] = deque(jobs)
    while queue and not writer.stopped:
        suspects = _run_pool(case, queue, n_workers, writer)
        for job in suspects:  # alone, so a second crash names the page that causes it
            if writer.stopped:
                break
            again = _run_pool(case, deque([job]), 1, writer)
            if again:
                writer.add(OcrRecord(job.document_id, job.number, "failed", error=(
                    f"crash: OCR of page {job.number} crashed its worker process twice "
                    "(the page image may be malformed)")))


def _run_pool(case: Case, queue: deque[OcrJob], n_workers: int, writer: _Writer) -> list[OcrJob]:
    """Run jobs from `queue` until it is empty; on a worker crash return the jobs in flight."""
    args = (case.settings, case.store.url, str(case.blobs.root), str(case.tmp))
    in_flight: dict[Future[OcrRecord], OcrJob] = {}
    pool = ProcessPoolExecutor(n_workers, mp_context=get_context("fork"), initializer=_init_worker,
                               initargs=args)
    try:
        while (queue or in_flight) and not writer.stopped:
            while queue and len(in_flight) < n_workers * 2:
                job = queue.popleft()
                in_flight[pool.submit(_run_job, job)] = job
            done, _ = wait(list(in_flight), timeout=WRITE_SECONDS, return_when=FIRST_COMPLETED)
            for future in done:
                job = in_flight.pop(future)
                try:
                    writer.add(future.result())
                except BrokenProcessPool:
                    in_flight[future] = job
                    return list(in_flight.values())
            writer.flush_if_due()
    except BrokenProcessPool:
        return list(in_flight.values())
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    return []


class _Writer:
    """Collects page records and writes them in small batches; finishes documents."""

    def __init__(self, case: Case, summary: OcrSummary, progress: Progress | None,
                 on_written: Written | None) -> None:
        self.case = case
        self.summary = summary
        self.progress = progress
        self.on_written = on_written
        self.records: list[OcrRecord] = []
        self.last = time.monotonic()
        self.stopped = False

    def add(self, record: OcrRecord) -> None:
        if record.status == UNAVAILABLE:
            # a model went missing mid-run: stop, the page stays waiting
            self.summary.unavailable = record.error
            self.stopped = True
            return
        self.records.append(record)
        if self.progress:
            self.progress(1)
        if len(self.records) >= WRITE_EVERY:
            self.flush()

    def flush_if_due(self) -> None:
        if self.records and time.monotonic() - self.last >= WRITE_SECONDS:
            self.flush()

    def flush(self) -> None:
        self.last = time.monotonic()
        if not self.records:
            return
        records, self.records = self.records, []
        store = self.case.store
        touched = store.ocr.write(records, OCR_VERSION)
        for r in records:
            if r.status == "ok":
                self.summary.cached += r.cached
                self.summary.read += not r.cached
            else:
                self.summary.failed += 1
        self._finish({r.document_id for r in records})
        if self.on_written and touched:
            self.on_written(touched)

    def _finish(self, doc_ids: Iterable[int]) -> None:
        """Stage rows and languages of documents with no page left waiting."""
        finished = self.case.store.ocr.finished_documents(doc_ids, OCR_VERSION)
        if not finished:
            return
        from sleuth.text.language import detect_language

        texts = self.case.store.texts(sorted(finished))
        languages = {doc_id: detect_language(text[:5000]) if text.strip() else None
                     for doc_id, text in texts.items()}
        self.case.store.ocr.set_document_language(languages)
        ok = [doc_id for doc_id, failed in finished.items() if not failed]
        self.case.store.mark_stage(ok, OCR, OCR_VERSION)
        paths = self.case.store.ocr.first_paths(d for d, failed in finished.items() if failed)
        for doc_id, failed in finished.items():
            if failed:
                reason = "; ".join(f"page {n}: {e}" for n, e in failed[:5])
                more = f" (and {len(failed) - 5} more pages)" if len(failed) > 5 else ""
                self.case.store.mark_stage([doc_id], OCR, OCR_VERSION, status="failed", error=reason + more)
                self.summary.problems.append({"path": paths.get(doc_id, f"#{doc_id}"),
                                              "status": "ocr failed", "reason": reason + more})


def ocr_status(case: Case) -> dict[str, Any]:
    """Pages that need OCR (read, failed, waiting), each failed page with its reason, and
    when pages wait and tesseract is missing, what to do about it."""
    status: dict[str, Any] = dict(case.store.ocr.summary(OCR_VERSION))
    status["failures"] = case.store.ocr.failures(OCR_VERSION)
    status["unavailable"] = None
    if status["waiting"]:
        engine = find_tesseract()
        try:
            if engine is None:
                require_tesseract()
            else:
                languages = str(case.settings.ocr_languages)
                engine.check_languages("ara+eng" if languages == "auto" else languages)
        except OcrUnavailable as exc:
            status["unavailable"] = exc.message
    return status
