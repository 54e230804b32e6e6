"""The reader interface: each format family declares what it handles and with what score.

A reader turns one stored file into pages of text and metadata. Containers (archives,
e-mails with attachments) hand their members to `ReadContext.add_child`; the ingest
pipeline stores and reads each member as a document of its own.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Protocol

from sleuth.settings import Settings


@dataclass
class Page:
    """The text of one page (1-based `number`). `needs_ocr` marks pages with no usable text."""

    number: int
    text: str
    needs_ocr: bool = False
    method: str = "text"
    confidence: float | None = None  # OCR's mean word confidence (0-100) when method is "ocr"
    ocr_error: str | None = None  # why OCR of this page failed or could not run


@dataclass
class ReadResult:
    """What a reader found: pages of text and metadata (author, title, dates, headers...)."""

    pages: list[Page] = field(default_factory=list)
    metadata: dict[str, list[str]] = field(default_factory=dict)

    def add_meta(self, key: str, value: object) -> None:
        """Record a metadata value; empty values are skipped, repeated keys keep every value."""
        if value is None:
            return
        text = str(value).strip()
        if text:
            values = self.metadata.setdefault(key, [])
            if text not in values:
                values.append(text)

    @property
    def text(self) -> str:
        """All pages joined by form feeds."""
        return "\f".join(p.text for p in self.pages)


class ReadContext(Protocol):
    """What a reader may use besides its input: settings, scratch space, children."""

    settings: Settings
    tempdir: Path
    depth: int

    def add_child(self, name: str, path: Path, mtime: float | None = None) -> None:
        """Hand over a member (archive entry, attachment) held in a temp file under `tempdir`.

        The pipeline takes ownership of the file. Raises `LimitExceeded` when an archive
        cap (total bytes, member count) is reached.
        """

    def add_failure(self, name: str, reason: str) -> None:
        """Record a member that could not be taken out (unsafe name, symlink, over a cap)."""

    def check_member(self, name: str, size: int, compressed: int | None = None) -> None:
        """Raise `LimitExceeded` if a member of this declared size would break a cap."""


class Reader(ABC):
    """A reader for one format family.

    `mime_types` and `extensions` (lower case, with the dot) say what it handles; `score`
    ranks it against other readers for a file, and the highest score wins.
    """

    name: ClassVar[str]
    kind: ClassVar[str]  # short type used in search filters: pdf, docx, email, ...
    mime_types: ClassVar[frozenset[str]] = frozenset()
    extensions: ClassVar[frozenset[str]] = frozenset()
    mime_score: ClassVar[int] = 100
    extension_score: ClassVar[int] = 50

    def score(self, mime: str, extension: str) -> int:
        """How well this reader fits a file of this MIME type and extension (0 = not at all)."""
        score = 0
        if mime in self.mime_types:
            score += self.mime_score
        if extension in self.extensions:
            score += self.extension_score
        return score

    @abstractmethod
    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        """Read the file at `path`. Raise a `ReadError` subclass with a readable reason."""


_REGISTRY: list[Reader] = []


def register(cls: type[Reader]) -> type[Reader]:
    """Class decorator: add a reader to the registry (built-ins use it as plugins would)."""
    _REGISTRY.append(cls())
    return cls


def readers() -> list[Reader]:
    """All registered readers, built-ins loaded."""
    import sleuth.read.builtin  # noqa: F401  (registers the built-in readers)

    return list(_REGISTRY)


def choose_reader(mime: str, extension: str) -> Reader | None:
    """The best reader for a MIME type and extension, or None when nothing fits."""
    best: Reader | None = None
    best_score = 0
    for reader in readers():
        score = reader.score(mime, extension.lower())
        if score > best_score:
            best, best_score = reader, score
    return best
