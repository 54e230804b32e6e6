"""Search a case: ranked hits from the index, snippets from the stored original text."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sleuth.case import Case
from sleuth.errors import QueryError, SleuthError
from sleuth.search.base import Hit, SearchIndex, SearchResults
from sleuth.search.indexing import retag
from sleuth.search.query import And, DocIds, Filter, Node, Not, Or, ParsedQuery, parse_query
from sleuth.search.snippets import Snippet, make_snippets

MAX_TAG_CHARS = 100


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
            "kind": h.kind, "language": h.language, "path": h.path, "date": h.date,
            "snippets": [{"page": s.page, "text": s.text, "highlights": [list(x) for x in s.highlights]}
                         for s in self.snippets],
        }


def search(case: Case, query: str, limit: int = 20, offset: int = 0, facets: bool = True,
           index: SearchIndex | None = None, sort: str = "relevance") -> tuple[SearchResults, list[CaseHit]]:
    """Run a query against the case (or `index`, one the caller keeps fresh), in the order
    `sort` names (`sleuth.search.base.SORTS`). Returns the index results, entity facets
    named as the case resolved them, and the hits with snippets."""
    parsed = resolve_entities(case, parse_query(query))
    results = (index or case.index).search(parsed, limit=limit, offset=offset, facets=facets, sort=sort)
    if "entity" in results.facets:
        results.facets["entity"], results.labels["entity"] = entity_facet(case, results.facets["entity"])
    ids = [h.doc_id for h in results.hits]
    texts = case.store.texts(ids)
    shas = case.store.sha256_for(ids)
    hits = [CaseHit(h, shas.get(h.doc_id, ""), make_snippets(texts.get(h.doc_id, ""), parsed))
            for h in results.hits]
    return results, hits



def entity_facet(case: Case, counts: dict[str, int]) -> tuple[dict[str, int], dict[str, str]]:
    """The index's entity-key counts as entities: keys of one entity merged (a match key
    not re-indexed since resolution joined it to another), each under a value `entity:`
    takes back (the canonical name, or #id when that name is ambiguous or looks like a
    number), most documents first; and the canonical names to show for #id values."""
    found = case.store.search.entities_for_keys(list(counts))
    merged: dict[int, int] = {}
    entity: dict[int, dict[str, Any]] = {}
    for key, n in counts.items():
        e = found.get(key)
        if e is None:  # resolved away and not re-indexed yet
            continue
        entity[e["id"]] = e
        # one key per entity once the index is current; until then a sum (a document
        # indexed under two keys of one entity between resolution and its re-index counts twice)
        merged[e["id"]] = merged.get(e["id"], 0) + n
    shared = case.store.search.canonical_counts([e["canonical"] for e in entity.values()])
    out: dict[str, int] = {}
    labels: dict[str, str] = {}
    for entity_id in sorted(merged, key=lambda i: (-merged[i], entity[i]["canonical"])):
        name = entity[entity_id]["canonical"]
        plain = shared.get(name, 0) == 1 and not name.removeprefix("#").isdigit() and '"' not in name
        value = name if plain else f"#{entity_id}"
        out[value] = merged[entity_id]
        labels[value] = name
    return out, labels


def tag_document(case: Case, doc_id: int, tag: str, user: str) -> str:
    """Tag a document and re-index it (tag: filters and the tag facet see it at once).
    Returns the tag as stored (spaces tidied)."""
    clean = " ".join(tag.split())
    if not clean or len(clean) > MAX_TAG_CHARS:
        raise SleuthError(f"A tag has 1 to {MAX_TAG_CHARS} characters; {tag!r} has {len(clean)}.")
    case.store.workbench.add_tag(doc_id, clean, user)
    retag(case, doc_id)
    return clean


def untag_document(case: Case, doc_id: int, tag: str) -> None:
    """Take a tag off a document and re-index it."""
    case.store.workbench.remove_tag(doc_id, " ".join(tag.split()))
    retag(case, doc_id)


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
