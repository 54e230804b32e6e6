"""The search interface the rest of Sleuth uses; backends implement `SearchIndex`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType

from sleuth.search.query import ParsedQuery
from sleuth.search.snippets import Snippet

#: Facets counted over all matching documents.
FACET_FIELDS = ("kind", "language")


@dataclass
class IndexDoc:
    """What the index needs to know about one document."""

    doc_id: int
    sha256: str
    text: str  #: pages joined by "\f"
    title: str
    kind: str  #: pdf, docx, email, html, text, image, archive, xlsx, csv, json, msg, ...
    mime: str
    language: str
    paths: list[str]  #: every provenance path, e.g. "/abs/trove.zip!/letters/a.pdf"
    date: datetime | None = None


@dataclass
class Hit:
    """One ranked result. `snippets` is empty until the caller fills it (see make_snippets)."""

    doc_id: int
    score: float
    title: str
    kind: str
    language: str
    path: str  #: the first provenance path
    sha256: str = ""
    mime: str = ""
    snippets: list[Snippet] = field(default_factory=list)


@dataclass
class SearchResults:
    """A page of hits, with the total and facet counts over *all* matching documents."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]  #: {"kind": {"pdf": 12, ...}, "language": {...}}
    took_ms: float


class SearchIndex(ABC):
    """A full-text index of a case's documents.

    Changes become visible to `search` after `commit()`. Adding a document whose doc_id
    is already indexed replaces it (ingest re-indexes after a crash).
    """

    @abstractmethod
    def add(self, docs: Iterable[IndexDoc]) -> None:
        """Add or replace documents (visible after `commit`)."""

    @abstractmethod
    def delete(self, doc_ids: Iterable[int]) -> None:
        """Remove documents by id (visible after `commit`)."""

    @abstractmethod
    def commit(self) -> None:
        """Make every change so far durable and searchable."""

    @abstractmethod
    def search(self, query: str | ParsedQuery, limit: int = 20, offset: int = 0,
               facets: bool = True) -> SearchResults:
        """Ranked documents matching `query` (our query language, see `sleuth.search.query`).

        Raises `sleuth.errors.QueryError` when the query cannot be parsed.
        """

    @abstractmethod
    def count(self) -> int:
        """Number of searchable (committed) documents."""

    @abstractmethod
    def close(self) -> None:
        """Commit pending changes and release the index."""

    def __enter__(self) -> SearchIndex:
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.close()
