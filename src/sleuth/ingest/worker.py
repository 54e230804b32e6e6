"""Reading one file (and everything unpacked from it) into records. Runs in worker processes.

A pure function of (file, settings) plus writes to the content-addressed blob store, which
is safe from several processes at once; the database is written by the parent process only.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from sleuth.errors import LimitExceeded, ReadError
from sleuth.ingest.context import Budget, PipelineContext
from sleuth.ingest.walk import FoundFile
from sleuth.read.base import ReadResult, choose_reader
from sleuth.read.detect import detect_mime
from sleuth.run.limits import time_limit
from sleuth.settings import Settings
from sleuth.store import BlobStore, FailureRecord, FileRecord, Store

# Bump when readers change what they produce: documents read by an older version are read again.
READ_VERSION = 3
MEMBER_SEPARATOR = "!/"


@dataclass
class Worker:
    """Everything a worker needs; one per process."""

    settings: Settings
    blobs: BlobStore
    store: Store | None  # None: stateless extraction, nothing is known yet
    tmp_root: Path
    workdir: Path | None = None

    def ingest_file(self, found: FoundFile) -> tuple[list[FileRecord], list[FailureRecord]]:
        """Store and read one file from disk, with its children. Never raises for bad input."""
        records: list[FileRecord] = []
        failed: list[FailureRecord] = []
        if found.size > self.settings.max_file_bytes:
            failed.append(FailureRecord(found.display, (
                f"limit: {found.size} bytes is over the cap of {self.settings.max_file_bytes} "
                "(setting max_file_bytes); raise it to read this file")))
            return records, failed
        try:
            sha, size = self.blobs.put_file(Path(found.fs_path))
        except OSError as exc:
            failed.append(FailureRecord(found.display, f"unreadable: {exc.strerror or exc}"))
            return records, failed
        workdir = self._workdir()
        try:
            self._ingest_blob(sha, size, found.display, Path(found.display).name, found.mtime,
                              None, 0, Budget(), workdir, records, failed)
        finally:
            _empty(workdir)
        return records, failed

    def _workdir(self) -> Path:
        """This process's scratch folder (readers make uniquely named temp files in it)."""
        if self.workdir is None or not self.workdir.is_dir():
            self.workdir = Path(tempfile.mkdtemp(dir=self.tmp_root, prefix=f"read-{os.getpid()}-"))
        return self.workdir

    def _ingest_blob(self, sha: str, size: int, path: str, name: str, mtime: float | None,
                     parent_sha: str | None, depth: int, budget: Budget, workdir: Path,
                     records: list[FileRecord], failed: list[FailureRecord]) -> None:
        blob = self.blobs.path(sha)
        mime = detect_mime(blob, name)
        record = FileRecord(path=path, sha256=sha, size=size, mime=mime, kind="unknown",
                            status="ok", parent_sha=parent_sha, mtime=mtime)
        records.append(record)
        if self.store is not None and self.store.read_done(sha, READ_VERSION):
            record.pages = None  # already read: only this path is new
            return
        reader = choose_reader(mime, PurePosixPath(name).suffix.lower())
        if size == 0:
            record.kind, record.status, record.error = "empty", "failed", "empty: the file has 0 bytes"
            record.pages = []
            return
        if reader is None:
            record.status = "unsupported"
            record.error = f"unsupported: no reader for type {mime} ({name})"
            record.pages = []
            return
        record.kind = reader.kind
        ctx = PipelineContext(self.settings, workdir, depth, budget)
        started = time.perf_counter()
        result = ReadResult()
        try:
            if depth > self.settings.archive_max_depth:
                raise LimitExceeded(
                    f"nested {depth} containers deep (cap {self.settings.archive_max_depth}, "
                    "setting archive_max_depth): not unpacked")
            with time_limit(self.settings.read_timeout):
                result = reader.read(blob, ctx)
        except ReadError as exc:
            record.status, record.error = "failed", exc.reason
        except TimeoutError:
            record.status = "failed"
            record.error = (f"timeout: reading took longer than {self.settings.read_timeout} s "
                            "(setting read_timeout)")
        except Exception as exc:  # a reader bug must not stop the batch: record it
            record.status = "failed"
            record.error = f"reader error: {type(exc).__name__}: {exc}"
        record.duration = time.perf_counter() - started
        record.pages = result.pages
        record.metadata = result.metadata
        record.title = _title(result, name)
        record.language = _language(result)
        for member, reason in ctx.failures:
            failed.append(FailureRecord(path + MEMBER_SEPARATOR + member, reason, sha))
        for child in ctx.children:
            child_path = path + MEMBER_SEPARATOR + child.name
            try:
                child_sha, child_size = self.blobs.adopt(child.path)
            except OSError as exc:
                failed.append(FailureRecord(child_path, f"unreadable: {exc}", sha))
                continue
            self._ingest_blob(child_sha, child_size, child_path, PurePosixPath(child.name).name,
                              child.mtime, sha, depth + 1, budget, workdir, records, failed)


def _title(result: ReadResult, name: str) -> str:
    titles = result.metadata.get("title") or result.metadata.get("subject")
    if titles:
        return titles[0][:300]
    for page in result.pages:
        for line in page.text.splitlines():
            if line.strip():
                return line.strip()[:120]
    return name


def _language(result: ReadResult) -> str | None:
    sample = "\n".join(p.text for p in result.pages[:3])[:5000]
    if not sample.strip():
        return None
    from sleuth.text.language import detect_language

    return detect_language(sample)


def _empty(folder: Path) -> None:
    """Remove whatever a read left in `folder` (usually nothing: children are adopted)."""
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path, ignore_errors=True)
            else:
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
