"""Search a case: ranked hits from the index, snippets from the stored original text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sleuth.case import Case
from sleuth.errors import QueryError, SleuthError
from sleuth.search.base import Hit, SearchIndex, SearchResults
from sleuth.search.query import And, DocIds, Filter, Node, Not, Or, ParsedQuery, parse_query
from sleuth.search.snippets import Snippet, make_snippets


@dataclass
class CaseHit:
    """A search hit with the document's snippets (original text, hits marked)."""

    hit: Hit
    sha256: str
    snippets: list[Snippet] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (one line of `sleuth search --json`)."""
        h = self.hit
        return {
            "id": h.doc_id, "sha256": self.sha256, "score": round(h.score, 4), "title": h.title,
            "kind": h.kind, "language": h.language, "path": h.path,
            "snippets": [{"page": s.page, "text": s.text, "highlights": [list(x) for x in s.highlights]}
                         for s in self.snippets],
        }


def search(case: Case, query: str, limit: int = 20, offset: int = 0,
           facets: bool = True, index: SearchIndex | None = None) -> tuple[SearchResults, list[CaseHit]]:
    """Run a query against the case (or `index`, one the caller keeps fresh). Returns the
    index results and the hits with snippets."""
    parsed = resolve_entities(case, parse_query(query))
    results = (index or case.index).search(parsed, limit=limit, offset=offset, facets=facets)
    ids = [h.doc_id for h in results.hits]
    texts = case.store.texts(ids)
    shas = case.store.sha256_for(ids)
    hits = [CaseHit(h, shas.get(h.doc_id, ""), make_snippets(texts.get(h.doc_id, ""), parsed))
            for h in results.hits]
    return results, hits



def resolve_entities(case: Case, parsed: ParsedQuery) -> ParsedQuery:
    """Replace every entity: filter by the documents that name the entity."""
    from sleuth.link.decisions import find_entity

    def walk(node: Node) -> Node:
        if isinstance(node, Filter) and node.field == "entity":
            try:
                entity = find_entity(case, node.value)
            except SleuthError as exc:
                raise QueryError(f"entity:{node.value}: {exc}") from exc
            return DocIds(frozenset(case.store.mentions.documents_of([entity["id"]])), entity["canonical"])
        if isinstance(node, And):
            return And(tuple(walk(c) for c in node.children))
        if isinstance(node, Or):
            return Or(tuple(walk(c) for c in node.children))
        if isinstance(node, Not):
            return Not(walk(node.child))
        return node

    return ParsedQuery(parsed.text, walk(parsed.root))
