"""What a read produces for the store: plain, picklable records."""

from __future__ import annotations

from dataclasses import dataclass, field

from sleuth.read.base import Page


@dataclass
class FileRecord:
    """One file found at one path, with what reading it gave.

    `pages` is None when the content was already read in an earlier run (or earlier in
    this one): then only the provenance row is new.
    """

    path: str
    sha256: str
    size: int
    mime: str
    kind: str
    status: str  # ok | failed | unsupported
    parent_sha: str | None = None
    mtime: float | None = None
    error: str | None = None
    pages: list[Page] | None = None
    metadata: dict[str, list[str]] = field(default_factory=dict)
    language: str | None = None
    title: str | None = None
    duration: float = 0.0


@dataclass
class FailureRecord:
    """A path that never became a document, with the reason."""

    path: str
    reason: str
    parent_sha: str | None = None
