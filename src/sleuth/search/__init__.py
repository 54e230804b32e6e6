"""Full-text search: the query language, the index interface and its backends."""

from __future__ import annotations

from pathlib import Path

from sleuth.search.base import Hit, IndexDoc, SearchIndex, SearchResults
from sleuth.search.query import ParsedQuery, parse_query


def open_index(folder: Path) -> SearchIndex:
    """Open (or create) the search index kept in `folder`."""
    from sleuth.search.tantivy_index import TantivyIndex

    return TantivyIndex(folder)


__all__ = ["Hit", "IndexDoc", "ParsedQuery", "SearchIndex", "SearchResults", "open_index", "parse_query"]
