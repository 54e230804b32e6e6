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


@dataclass
class OcrJob:
    """A page waiting for OCR."""

    document_id: int
    sha256: str
    mime: str
    kind: str
    number: int
    layer_text: str = ""  # what the text layer holds (usually nothing)


@dataclass
class OcrRecord:
    """What OCR of one page gave. `result` fields are empty when `status` is failed;
    `replace_text` says whether the OCR text replaces the page's text layer."""

    document_id: int
    number: int
    status: str  # ok | failed
    error: str | None = None
    key: str | None = None
    text: str = ""
    confidence: float = 0.0
    languages: str = ""
    width: int = 0
    height: int = 0
    words_json: str = "[]"
    seconds: float = 0.0
    cached: bool = False
    replace_text: bool = True
