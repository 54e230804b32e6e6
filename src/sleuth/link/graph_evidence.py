"""The evidence behind the graph page: the pages that name both ends of an edge, with
quotes, and the documents that name one node."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING, Any

from sleuth.link.graph_view import cached_graph
from sleuth.text.sentences import sentence_around

if TYPE_CHECKING:
    from sleuth.case import Case

EDGE_PAGES_SHOWN = 50
QUOTE_CHARS = 600


def node_documents(case: Case, entity_id: int, limit: int = 100) -> dict[str, Any] | None:
    """The documents that name an entity, most mentions first, with titles and dates (the
    graph page adds them as nodes on demand). None when there is no such entity."""
    store = case.store.mentions
    entity = store.entity(entity_id)
    if entity is None:
        return None
    total, top = store.documents_naming(entity_id, limit)
    docs = [doc for doc, _ in top]
    labels = store.document_labels(docs)
    dates = store.document_dates(docs)
    return {
        "entity": {"id": entity["id"], "label": entity["canonical"], "type": entity["type"]},
        "total": total,
        "documents": [{"id": doc, "title": labels.get(doc, {}).get("title") or "", "mentions": n,
                       "date": dates.get(doc), "kind": labels.get(doc, {}).get("kind")} for doc, n in top],
    }


def edge_evidence(case: Case, a: int, b: int, limit: int = EDGE_PAGES_SHOWN) -> dict[str, Any] | None:
    """The pages that name both entities (every one, not only the graph's kept evidence),
    in document order, each with its document's title and date and quotes (see `_quotes`)
    with the names marked. None
    when either entity does not exist."""
    store = case.store.mentions
    ea, eb = store.entity(a), store.entity(b)
    if ea is None or eb is None:
        return None
    spans_a, spans_b = _spans_by_page(case, a), _spans_by_page(case, b)
    both = sorted(set(spans_a) & set(spans_b))
    shown = both[:limit]
    docs = sorted({doc for doc, _ in shown})
    texts = store.page_texts(docs)
    labels = store.document_labels(docs)
    dates = store.document_dates(docs)
    pages = []
    for doc, page in shown:
        text = texts.get(doc, [])[page - 1] if page <= len(texts.get(doc, [])) else ""
        quotes = _quotes(text, spans_a[(doc, page)], spans_b[(doc, page)])
        pages.append({"document": doc, "page": page, "title": labels.get(doc, {}).get("title") or "",
                      "date": dates.get(doc), "quotes": quotes})
    weight, relation = cached_graph(case).edge(a, b) or (0, None)
    return {
        "a": {"id": a, "label": ea["canonical"], "type": ea["type"]},
        "b": {"id": b, "label": eb["canonical"], "type": eb["type"]},
        "relation": relation,
        "weight": weight,
        "total": len(both),
        "pages": pages,
    }


def _spans_by_page(case: Case, entity_id: int) -> dict[tuple[int, int], list[tuple[int, int]]]:
    out: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for m in case.store.mentions.mentions_of(entity_id, limit=1_000_000):
        out[(m["document_id"], m["page"])].append((m["start"], m["end"]))
    return out


Spans = list[tuple[int, int]]


def _quotes(text: str, spans_a: Spans, spans_b: Spans) -> list[dict[str, Any]]:
    """Where the page names them: the sentences around the closest pair of mentions, as
    one quote when they are near each other, else one quote for each (a form names a
    person at the top and who recommended them at the bottom). Marks are [start, end,
    "a"|"b"] within the quote."""
    if not text or not spans_a or not spans_b:
        return []
    sa, sb = min(((x, y) for x in spans_a for y in spans_b), key=lambda p: abs(p[0][0] - p[1][0]))
    a0, a1 = _around(text, sa)
    b0, b1 = _around(text, sb)
    if max(a1, b1) - min(a0, b0) <= QUOTE_CHARS:
        stretches = [(min(a0, b0), max(a1, b1))]
    else:
        stretches = sorted([(a0, a1), (b0, b1)])
    out = []
    for start, end in stretches:
        marks = [[s - start, e - start, side] for side, spans in (("a", spans_a), ("b", spans_b))
                 for s, e in spans if s >= start and e <= end]
        out.append({"text": text[start:end], "marks": sorted(marks)})
    return out


def _around(text: str, span: tuple[int, int]) -> tuple[int, int]:
    """The sentence around a mention, cut to QUOTE_CHARS around it (a form's or a table's
    "sentence" can be the whole page)."""
    start, end = sentence_around(text, *span)
    half = max(0, (QUOTE_CHARS - (span[1] - span[0])) // 2)
    return max(start, span[0] - half), min(end, span[1] + half)
