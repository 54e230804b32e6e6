"""Batch search: a list of names or terms, each searched on its own, with its hit count and
best documents (a journalist's list of names against the whole trove)."""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sleuth.errors import QueryError
from sleuth.export.csv import safe_cell

if TYPE_CHECKING:
    from sleuth.case import Case

#: Most terms in one batch, and the longest term.
MAX_TERMS = 500
MAX_TERM_CHARS = 300
_SYNTAX_RE = re.compile(r'["():*]|\b(?:AND|OR|NOT)\b|(?:^|\s)-\S')


@dataclass
class TermHits:
    """One term of a batch: the query it became, how many documents match, the best ones."""

    term: str
    query: str
    total: int
    documents: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {"term": self.term, "query": self.query, "total": self.total, "documents": self.documents,
                "error": self.error}


def batch_terms(text: str) -> list[str]:
    """The terms of a pasted or uploaded list: one a line (or comma-separated values of a
    CSV's first column), blanks and repeats dropped."""
    terms: list[str] = []
    seen: set[str] = set()
    for row in csv.reader(io.StringIO(text)):
        term = " ".join((row[0] if row else "").split())
        if term and term.casefold() not in seen:
            seen.add(term.casefold())
            terms.append(term[:MAX_TERM_CHARS])
    if len(terms) > MAX_TERMS:
        raise QueryError(f"The list has {len(terms)} terms; a batch takes at most {MAX_TERMS}. "
                         "Split it into several batches.")
    return terms


def term_query(term: str) -> str:
    """A term as a query: a name of several words is a phrase; a term in the query language
    (quotes, operators, filters, prefix*) is taken as written."""
    if _SYNTAX_RE.search(term) or " " not in term:
        return term
    return f'"{term}"'


def batch_search(case: Case, terms: list[str], per_term: int = 5) -> list[TermHits]:
    """Search every term; a term that is not a valid query is reported, not fatal."""
    from sleuth.search.case_search import search

    out: list[TermHits] = []
    for term in terms:
        query = term_query(term)
        try:
            results, hits = search(case, query, limit=per_term, facets=False)
        except QueryError as exc:
            out.append(TermHits(term, query, 0, error=str(exc)))
            continue
        docs = [{"id": h.hit.doc_id, "title": h.hit.title, "path": h.hit.path, "kind": h.hit.kind,
                 "page": h.snippets[0].page if h.snippets else None,
                 "snippet": h.snippets[0].render("plain") if h.snippets else ""} for h in hits]
        out.append(TermHits(term, query, results.total, docs))
    return out


def batch_csv(results: list[TermHits]) -> str:
    """The batch as CSV: a row per (term, document), and a row for a term with no hit."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    row = writer.writerow
    writer.writerow(["term", "query", "total", "document", "title", "path", "page", "snippet", "error"])
    for r in results:
        if not r.documents:
            row([safe_cell(x) for x in (r.term, r.query, r.total, "", "", "", "", "", r.error or "")])
        for d in r.documents:
            row([safe_cell(x) for x in (r.term, r.query, r.total, d["id"], d["title"] or "", d["path"],
                                        d["page"] or "", d["snippet"], "")])
    return buf.getvalue()
