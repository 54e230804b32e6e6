"""The search interface the rest of Sleuth uses; backends implement `SearchIndex`."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType

from sleuth.search.query import ParsedQuery
from sleuth.search.snippets import Snippet

#: Facets counted over all matching documents: file type, language, the entities a document
#: names (their resolved keys), the types of the events it tells as fact, its tags and the
#: year of its own date.
FACET_FIELDS = ("kind", "language", "entity", "event", "tag", "year")
#: Result orders: BM25 score; the document's own date, newest or oldest first (documents
#: without a date last); document number.
SORTS = ("relevance", "newest", "oldest", "number")
#: Bump when the index's fields or what goes into them change: an existing case's index is
#: then rebuilt from the database when it is opened (`sleuth.search.indexing.open_case_index`).
INDEX_VERSION = 2


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
    date: datetime | None = None  #: the document's own date (a letter's, e-mail's, form's)
    #: What a document names: resolved entity keys (or match keys not yet resolved).
    entities: list[str] = field(default_factory=list)
    events: list[str] = field(default_factory=list)  #: types of events it tells as fact (AGREE, ...)
    tags: list[str] = field(default_factory=list)  #: analysts' tags


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
    date: str | None = None  #: the document's own date, YYYY-MM-DD
    snippets: list[Snippet] = field(default_factory=list)


@dataclass
class SearchResults:
    """A page of hits, with the total and facet counts over *all* matching documents."""

    total: int
    hits: list[Hit]
    facets: dict[str, dict[str, int]]  #: {"kind": {"pdf": 12, ...}, "language": {...}}
    took_ms: float
    #: Display names of facet values that are not their own label: {"entity": {"#12": "ISIS"}}
    labels: dict[str, dict[str, str]] = field(default_factory=dict)


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
               facets: bool = True, sort: str = "relevance") -> SearchResults:
        """Ranked documents matching `query` (our query language, see `sleuth.search.query`),
        in the order `sort` names (one of `SORTS`).

        Raises `sleuth.errors.QueryError` when the query cannot be parsed or `sort` is unknown.
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
