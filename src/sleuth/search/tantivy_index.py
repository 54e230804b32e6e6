"""The laptop search backend: a tantivy index in the case folder.

Text is normalised in Python (`sleuth.text.normalize`) and split in Rust by a regex
tokenizer equivalent to `sleuth.text.tokens`, so queries, index and snippets agree on what
a word is. Only the normalised text is indexed, never stored: the original text lives in
the case database. Small fields for displaying a hit (title, kind, first path...) are
stored so a results page needs no database round trip.
"""

from __future__ import annotations

import os
import re
import shutil
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from functools import lru_cache
from pathlib import Path
from typing import Any

import tantivy

from sleuth.errors import QueryError
from sleuth.search.base import FACET_FIELDS, SORTS, Hit, IndexDoc, SearchIndex, SearchResults
from sleuth.search.query import (
    PATH_SEPARATORS,
    And,
    DocIds,
    Filter,
    MatchAll,
    Node,
    Not,
    Or,
    ParsedQuery,
    Words,
    date_bounds,
    parse_query,
)
from sleuth.text.normalize import normalize
from sleuth.text.tokens import MAX_TOKEN_BYTES, WORD_PATTERN_RUST

WORD_TOKENIZER = "sleuth_words"
PATH_TOKENIZER = "sleuth_path"
PAIR_TOKENIZER = "sleuth_pairs"
#: Adjacent word pairs of normalised text (token definition of `sleuth.text.tokens` for
#: text without combining marks, which normalisation removes from Arabic and Latin).
_PAIR_RE = re.compile(r"([^\W_]+)[\W_]+(?=([^\W_]+))")
_MARK_RE = re.compile(r"[^\w]|_")
#: Bytes of RAM the writer may buffer before flushing a segment.
WRITER_HEAP_BYTES = 128 * 1024 * 1024
_PATH_SPLIT_RE = re.compile(PATH_SEPARATORS)
_FACET_BUCKETS = 100
_FACET_SPEC = {f: {"terms": {"field": f, "size": _FACET_BUCKETS}} for f in FACET_FIELDS}
#: sort name -> (fast field, descending); relevance is the score.
_SORT_FIELDS = {"newest": ("date", True), "oldest": ("date", False), "number": ("doc_id", False)}


@lru_cache(maxsize=1)
def _facet_pool() -> ThreadPoolExecutor:
    # one per core: with many searches at once (the workbench), one thread would queue them
    return ThreadPoolExecutor(max_workers=os.cpu_count() or 1, thread_name_prefix="sleuth-facets")


def _schema() -> tantivy.Schema:
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("doc_id", stored=True, indexed=True, fast=True)
    sb.add_text_field("text", stored=False, tokenizer_name=WORD_TOKENIZER, index_option="position")
    sb.add_text_field("pairs", stored=False, tokenizer_name=PAIR_TOKENIZER, index_option="position")
    sb.add_text_field("title_words", stored=False, tokenizer_name=WORD_TOKENIZER, index_option="position")
    sb.add_text_field("path_segments", stored=False, tokenizer_name=PATH_TOKENIZER, index_option="position")
    for name in ("kind", "language", "mime"):
        sb.add_text_field(name, stored=True, tokenizer_name="raw", fast=True)
    # Multi-valued keyword fields for filters and facets (a document without any has none).
    for name in ("entity", "event", "tag", "year"):
        sb.add_text_field(name, stored=False, tokenizer_name="raw", fast=True)
    # The document's own date as YYYYMMDD, for date: ranges and sorting by date.
    sb.add_integer_field("date", stored=True, indexed=True, fast=True)
    for name in ("title", "path", "sha256"):
        sb.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    return sb.build()


def path_segments(path: str) -> str:
    """A provenance path as the index holds it: normalised segments joined by "/"."""
    return "/".join(s for s in _PATH_SPLIT_RE.split(normalize(path)) if s)


class TantivyIndex(SearchIndex):
    """A `SearchIndex` in a folder. One writer per process; readers see commits."""

    def __init__(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.folder = folder
        self.schema = _schema()
        #: True when the folder held an index of an older schema, now emptied: the caller
        #: must add every document again (`sleuth.search.indexing.open_case_index` does).
        self.rebuilt = False
        try:
            self._index = tantivy.Index(self.schema, path=str(folder), reuse=True)
        except ValueError as exc:
            if "schema does not match" not in str(exc):
                raise QueryError(f"The search index in {folder} cannot be opened ({exc}). "
                                 "Delete that folder and run `sleuth ingest` again to rebuild it.") from exc
            # Derived data: every field is made again from the case database.
            shutil.rmtree(folder)
            folder.mkdir(parents=True)
            self._index = tantivy.Index(self.schema, path=str(folder), reuse=True)
            self.rebuilt = True
        words = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(WORD_PATTERN_RUST)) \
            .filter(tantivy.Filter.remove_long(MAX_TOKEN_BYTES)).build()
        segments = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.regex(r"[^/]+")).build()
        self._index.register_tokenizer(WORD_TOKENIZER, words)
        self._index.register_tokenizer(PATH_TOKENIZER, segments)
        pairs = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()) \
            .filter(tantivy.Filter.remove_long(2 * MAX_TOKEN_BYTES + 1)).build()
        self._index.register_tokenizer(PAIR_TOKENIZER, pairs)
        self._writer: Any = None
        self._dirty = False

    # --- writing -------------------------------------------------------------------

    def _get_writer(self) -> Any:
        if self._writer is None:
            self._writer = self._index.writer(heap_size=WRITER_HEAP_BYTES, num_threads=1)
        return self._writer

    def add(self, docs: Iterable[IndexDoc]) -> None:
        writer = self._get_writer()
        for doc in docs:
            writer.delete_documents_by_term("doc_id", doc.doc_id)
            text = normalize(doc.text)
            writer.add_document(tantivy.Document(
                doc_id=doc.doc_id,
                text=text,
                pairs=word_pairs(text),
                title_words=normalize(doc.title),
                path_segments=[path_segments(p) for p in doc.paths] or [""],
                kind=(doc.kind or "unknown").lower(),
                language=(doc.language or "und").lower(),
                mime=(doc.mime or "").lower(),
                title=doc.title or "",
                path=doc.paths[0] if doc.paths else "",
                sha256=doc.sha256,
                **_keyword_fields(doc),
            ))
            self._dirty = True

    def delete(self, doc_ids: Iterable[int]) -> None:
        writer = self._get_writer()
        for doc_id in doc_ids:
            writer.delete_documents_by_term("doc_id", doc_id)
            self._dirty = True

    def commit(self) -> None:
        if self._writer is not None and self._dirty:
            self._writer.commit()
            self._writer.wait_merging_threads()
            self._writer = None
            self._dirty = False
        self._index.reload()

    def close(self) -> None:
        self.commit()

    # --- reading -------------------------------------------------------------------

    def count(self) -> int:
        self._index.reload()
        return int(self._index.searcher().num_docs)

    def search(self, query: str | ParsedQuery, limit: int = 20, offset: int = 0,
               facets: bool = True, sort: str = "relevance") -> SearchResults:
        started = time.perf_counter()
        if sort not in SORTS:
            raise QueryError(f"Cannot sort by {sort!r}. Sort by one of: {', '.join(SORTS)}.")
        parsed = parse_query(query) if isinstance(query, str) else query
        tq = self.compile(parsed.root)
        searcher = self._index.searcher()
        # Facet counts need a pass over every match. It runs on a second thread (tantivy
        # releases the GIL) while the top hits are collected, and its buckets give the total
        # (every document has exactly one kind), so matches are not counted a third time.
        pending = _facet_pool().submit(searcher.aggregate, tq, _FACET_SPEC) if facets else None
        order: dict[str, Any] = {}
        if sort in _SORT_FIELDS:  # a document without a date comes last either way
            name, descending = _SORT_FIELDS[sort]
            order = {"order_by_field": name, "order": tantivy.Order.Desc if descending else tantivy.Order.Asc}
        result: Any = searcher.search(tq, limit=max(limit, 0), offset=max(offset, 0), count=not facets,
                                      **order)
        hits = []
        for score, address in result.hits:
            stored = searcher.doc(address)
            hits.append(Hit(doc_id=int(stored["doc_id"][0]), score=float(score) if not order else 0.0,
                            title=_first(stored, "title"), kind=_first(stored, "kind"),
                            language=_first(stored, "language"), path=_first(stored, "path"),
                            sha256=_first(stored, "sha256"), mime=_first(stored, "mime"),
                            date=_day(_first(stored, "date"))))
        counts: dict[str, dict[str, int]] = {}
        if pending is not None:
            agg = pending.result()
            for f in FACET_FIELDS:
                counts[f] = {b["key"]: int(b["doc_count"]) for b in agg.get(f, {}).get("buckets", [])}
            kinds = agg.get("kind", {})
            total = sum(counts["kind"].values()) + int(kinds.get("sum_other_doc_count", 0))
            counts["year"] = dict(sorted(counts["year"].items()))  # a time line reads in order
            counts = {f: c for f, c in counts.items() if c}
        else:
            total = int(result.count or 0)
        return SearchResults(total=total, hits=hits, facets=counts,
                             took_ms=(time.perf_counter() - started) * 1000)

    # --- query compilation ---------------------------------------------------------

    def compile(self, node: Node) -> tantivy.Query:
        """Our query tree as a tantivy query."""
        if isinstance(node, MatchAll):
            return tantivy.Query.all_query()
        if isinstance(node, Words):
            return tantivy.Query.boolean_query([
                (tantivy.Occur.Should, self._words(node, "text")),
                (tantivy.Occur.Should, tantivy.Query.boost_query(self._words(node, "title_words"), 2.0)),
            ])
        if isinstance(node, Filter):
            if node.field == "entity":
                raise QueryError(f"entity:{node.value} needs a case to look the entity up in")
            return tantivy.Query.const_score_query(self._filter(node), 0.0)
        if isinstance(node, DocIds):
            ids: list[Any] = sorted(node.ids)
            if not ids:
                return tantivy.Query.empty_query()
            by_id = tantivy.Query.term_set_query(self.schema, "doc_id", ids)
            return tantivy.Query.const_score_query(by_id, 0.0)
        if isinstance(node, Not):
            return tantivy.Query.boolean_query([(tantivy.Occur.Must, tantivy.Query.all_query()),
                                                (tantivy.Occur.MustNot, self.compile(node.child))])
        if isinstance(node, And):
            clauses = []
            positive = False
            for child in node.children:
                if isinstance(child, Not):
                    clauses.append((tantivy.Occur.MustNot, self.compile(child.child)))
                else:
                    positive = True
                    clauses.append((tantivy.Occur.Must, self.compile(child)))
            if not positive:
                clauses.append((tantivy.Occur.Must, tantivy.Query.all_query()))
            return tantivy.Query.boolean_query(clauses)
        if isinstance(node, Or):
            should = tantivy.Occur.Should
            return tantivy.Query.boolean_query([(should, self.compile(c)) for c in node.children])
        raise TypeError(f"unknown query node {node!r}")

    def _words(self, words: Words, field: str) -> tantivy.Query:
        s = self.schema
        if len(words.tokens) == 1:
            token = words.tokens[0]
            if words.prefix:
                return tantivy.Query.regex_query(s, field, re.escape(token) + ".*")
            return tantivy.Query.term_query(s, field, token)
        if field == "text" and _pairs_apply(words):
            # An exact phrase is a sequence of adjacent word pairs: rare pairs make common
            # words cheap ("the army" is one term, not two long position lists).
            keys = [f"{a}_{b}" for a, b in zip(words.tokens, words.tokens[1:], strict=False)]
            if len(keys) == 1:
                return tantivy.Query.term_query(s, "pairs", keys[0])
            return tantivy.Query.phrase_query(s, "pairs", list(keys))
        pairs: list[str | tuple[int, str]] = list(zip(words.positions, words.tokens, strict=True))
        if words.prefix:
            return tantivy.Query.phrase_prefix_query(s, field, pairs)
        return tantivy.Query.phrase_query(s, field, pairs)

    def _filter(self, flt: Filter) -> tantivy.Query:
        s = self.schema
        if flt.field == "path":
            segments = list(flt.segments)
            if len(segments) == 1:
                if flt.prefix:
                    return tantivy.Query.regex_query(s, "path_segments", re.escape(segments[0]) + ".*")
                return tantivy.Query.term_query(s, "path_segments", segments[0])
            pairs: list[str | tuple[int, str]] = list(enumerate(segments))
            if flt.prefix:
                return tantivy.Query.phrase_prefix_query(s, "path_segments", pairs)
            return tantivy.Query.phrase_query(s, "path_segments", pairs)
        if flt.field == "date":
            lo, hi = date_bounds(flt.value)
            return tantivy.Query.range_query(s, "date", tantivy.FieldType.Integer, lo, hi)
        if flt.prefix:
            return tantivy.Query.regex_query(s, flt.field, re.escape(flt.value) + ".*")
        return tantivy.Query.term_query(s, flt.field, flt.value)


def _keyword_fields(doc: IndexDoc) -> dict[str, Any]:
    """The filter and facet fields of a document (only those it has a value for)."""
    out: dict[str, Any] = {}
    for name, values in (("entity", doc.entities), ("event", doc.events), ("tag", doc.tags)):
        if values:
            out[name] = sorted(set(values))
    if doc.date is not None:
        out["date"] = doc.date.year * 10_000 + doc.date.month * 100 + doc.date.day
        out["year"] = f"{doc.date.year:04d}"
    return out


def _day(yyyymmdd: str) -> str | None:
    """YYYY-MM-DD of a stored date field."""
    return f"{yyyymmdd[:4]}-{yyyymmdd[4:6]}-{yyyymmdd[6:8]}" if len(yyyymmdd) == 8 else None


def word_pairs(normalised: str) -> str:
    """Every pair of adjacent words as "a_b", space-separated, in order (pair i at position i)."""
    return " ".join(a + "_" + b for a, b in _PAIR_RE.findall(normalised))


def _pairs_apply(words: Words) -> bool:
    """Whether the pair field answers this phrase exactly: no prefix, no gaps (a dropped
    long token), no token with characters the pair pattern splits on (combining marks)."""
    return (not words.prefix and words.positions == tuple(range(len(words.tokens)))
            and not any(_MARK_RE.search(t) for t in words.tokens))


def _first(stored: Any, name: str) -> str:
    values = stored.get_all(name) if hasattr(stored, "get_all") else stored[name]
    return str(values[0]) if values else ""
