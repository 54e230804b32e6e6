"""What the graph page draws: a filtered, bounded view of the entity graph, the evidence
of one edge, and one node's documents.

`case_graph` builds the entity graph (`link/graph.py`) once and prepares it for views:
every edge learns how many of its pages fall on each document date (so a date range can
re-weigh it), every node its community. `GraphCache` keeps the prepared graph of a case
until its entities change (a resolution, a merge, a split, a rename). `graph_view` is a
pure function of a prepared graph and a `GraphFilter`: the benchmark calls it on a
synthetic graph exactly as the workbench does on a case's.
"""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict, defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from typing import TYPE_CHECKING, Any

import networkx as nx

from sleuth.errors import SleuthError
from sleuth.link.graph import MAX_ENTITIES_PER_PAGE, entity_graph
from sleuth.text.sentences import sentence_around

if TYPE_CHECKING:
    from collections.abc import Iterable

    from sleuth.case import Case

CO_MENTION = "co-mention"
#: Edge kinds a filter may ask for besides a relation's own name.
KINDS = ("all", CO_MENTION, "relation")
DEFAULT_MAX_NODES = 500
MAX_NODES = 3000
#: Beyond this many edges a drawing is a hairball and the browser's layout crawls: the
#: heaviest are kept.
MAX_EDGES = 20_000
UNDATED = ""
EDGE_PAGES_SHOWN = 50
#: Views kept per case (each is at most a few MB of JSON-ready data).
VIEWS_KEPT = 16
QUOTE_CHARS = 600


@dataclass(frozen=True)
class GraphFilter:
    """What to draw. Dates are ISO prefixes ("2015", "2015-06", "2015-06-01") compared with
    the dates of the documents an edge's pages are in; with a date given, pages of undated
    documents do not count."""

    types: frozenset[str] = frozenset()  #: node types to keep (empty: all)
    kind: str = "all"  #: "all", "co-mention", "relation" (any form link) or one relation, e.g. "recommended"
    since: str | None = None
    until: str | None = None
    min_weight: int = 1
    max_nodes: int = DEFAULT_MAX_NODES
    max_edges: int = MAX_EDGES

    def __post_init__(self) -> None:
        if self.max_nodes < 1 or self.max_nodes > MAX_NODES:
            raise SleuthError(f"max_nodes must be between 1 and {MAX_NODES}, not {self.max_nodes}.")
        if self.min_weight < 1:
            raise SleuthError(f"min_weight must be at least 1, not {self.min_weight}.")
        for name, value in (("since", self.since), ("until", self.until)):
            if value and not (len(value) in (4, 7, 10) and value[:4].isdigit()):
                raise SleuthError(f"{name} must be a date like 2015, 2015-06 or 2015-06-01, not {value!r}.")

    @property
    def dated(self) -> bool:
        """Whether a date range applies."""
        return bool(self.since or self.until)


def prepare_graph(graph: nx.Graph, page_dates: Iterable[tuple[int, int, str | None]] = (),
                  dates: dict[int, str] | None = None) -> nx.Graph:
    """Ready an entity graph for views, in place: each edge gets `dated` (document date ->
    pages) from `page_dates` ((a, b, date) once per shared page; edges it never names
    count their evidence pages' dates from `dates`), each node `community` (Louvain on the
    weights, largest community 0)."""
    counted: dict[tuple[int, int], Counter[str]] = defaultdict(Counter)
    for a, b, date in page_dates:
        counted[(a, b) if a < b else (b, a)][date or UNDATED] += 1
    for a, b, data in graph.edges(data=True):
        key = (a, b) if a < b else (b, a)
        if key in counted:
            data["dated"] = dict(counted[key])
        else:
            found = dates or {}
            data["dated"] = dict(Counter(found.get(doc, UNDATED) for doc, _ in data.get("evidence", ())))
    graph.graph["relations"] = relations_of(graph)
    graph.graph["types"] = _type_counts(graph)
    if graph.number_of_nodes():
        found = nx.community.louvain_communities(graph, weight="weight", seed=1)
        for n, members in enumerate(sorted(found, key=len, reverse=True)):
            for node in members:
                graph.nodes[node]["community"] = n
    return graph


def case_graph(case: Case) -> nx.Graph:
    """The case's entity graph, prepared for views (see `prepare_graph`)."""
    graph = entity_graph(case)
    dates = case.store.mentions.document_dates()
    return prepare_graph(graph, _shared_page_dates(case, graph, dates), dates)


def _shared_page_dates(case: Case, graph: nx.Graph,
                       dates: dict[int, str]) -> Iterable[tuple[int, int, str | None]]:
    """(a, b, date of the document) once for every page that names both a and b, by the
    same rule as the graph's edges (crowded pages add nothing)."""
    pages: dict[tuple[int, int], list[int]] = defaultdict(list)
    for doc_id, page, entity_id in case.store.mentions.page_entities():
        if entity_id in graph:
            pages[(doc_id, page)].append(entity_id)
    for (doc_id, _), ids in pages.items():
        if len(ids) > MAX_ENTITIES_PER_PAGE:
            continue
        date = dates.get(doc_id)
        for a, b in combinations(sorted(set(ids)), 2):
            yield a, b, date


@dataclass
class GraphCache:
    """Prepared graphs by case, each kept while `entities_version()` says nothing changed."""

    _graphs: dict[str, tuple[str, nx.Graph]] = field(default_factory=dict)
    #: views already made of each kept graph, by filter (the same few are asked for again
    #: and again: a view walks every edge of the case)
    _views: dict[str, OrderedDict[GraphFilter, dict[str, Any]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, case: Case) -> nx.Graph:
        """The case's prepared graph, built again when its entities changed."""
        stamp = case.store.mentions.entities_version()
        where = str(case.root)
        # one build at a time: a second request for a stale graph waits for the first's
        with self._lock:
            kept = self._graphs.get(where)
            if kept is not None and kept[0] == stamp:
                return kept[1]
            graph = case_graph(case)
            self._graphs[where] = (stamp, graph)
            self._views[where] = OrderedDict()
            return graph

    def view(self, case: Case, flt: GraphFilter) -> dict[str, Any]:
        """`graph_view` of the case's graph, kept for the last VIEWS_KEPT filters."""
        graph = self.get(case)
        where = str(case.root)
        with self._lock:
            views = self._views.setdefault(where, OrderedDict())
            found = views.get(flt)
            if found is not None:
                views.move_to_end(flt)
                return found
        made = graph_view(graph, flt)
        with self._lock:
            if self._graphs.get(where, (None, None))[1] is graph:  # not rebuilt meanwhile
                views = self._views.setdefault(where, OrderedDict())
                views[flt] = made
                while len(views) > VIEWS_KEPT:
                    views.popitem(last=False)
        return made

    def clear(self) -> None:
        """Forget every graph."""
        with self._lock:
            self._graphs.clear()
            self._views.clear()


CACHE = GraphCache()


def cached_graph(case: Case) -> nx.Graph:
    """The case's prepared entity graph, from the process-wide cache."""
    return CACHE.get(case)


def cached_view(case: Case, flt: GraphFilter) -> dict[str, Any]:
    """The view a filter gives of the case's graph, from the process-wide cache."""
    return CACHE.view(case, flt)


def _edge_weight(data: dict[str, Any], flt: GraphFilter) -> int:
    """The edge's weight under the filter's date range: its pages on dates in range."""
    if not flt.dated:
        return int(data["weight"])
    since, until = flt.since or "", flt.until or ""
    return sum(n for date, n in data["dated"].items() if date != UNDATED
               and date[: len(since)] >= since and (not until or date[: len(until)] <= until))


def _kind_matches(relation: str, kind: str) -> bool:
    kinds = relation.split(",")
    if kind == "all":
        return True
    if kind == "relation":
        return any(k != CO_MENTION for k in kinds)
    return kind in kinds


def graph_view(graph: nx.Graph, flt: GraphFilter | None = None) -> dict[str, Any]:
    """The part of a prepared graph a filter keeps, as JSON: nodes of the wanted types
    joined by edges of the wanted kind whose weight (pages in the date range) is at least
    `min_weight`; of those, the `max_nodes` nodes with the most weight (then degree, then
    mentions) and the heaviest `max_edges` edges between them. Nodes without a kept edge
    are left out. `degree` is the node's degree in the view; `total_nodes` and
    `total_edges` count what passed the filters before the caps."""
    flt = flt or GraphFilter()
    wanted = {t.upper() for t in flt.types}
    nodes = graph.nodes
    edges: list[tuple[int, int, int, str]] = []
    for a, b, data in graph.edges(data=True):
        if wanted and (nodes[a]["type"] not in wanted or nodes[b]["type"] not in wanted):
            continue
        if not _kind_matches(data["relation"], flt.kind):
            continue
        weight = _edge_weight(data, flt)
        if weight >= flt.min_weight:
            edges.append((a, b, weight, data["relation"]))
    strength: Counter[int] = Counter()
    degree: Counter[int] = Counter()
    for a, b, weight, _ in edges:
        strength[a] += weight
        strength[b] += weight
        degree[a] += 1
        degree[b] += 1
    ranked = sorted(strength, key=lambda n: (-strength[n], -degree[n], -nodes[n]["mentions"], n))
    kept = set(ranked[: flt.max_nodes])
    shown = [e for e in edges if e[0] in kept and e[1] in kept]
    shown.sort(key=lambda e: (-e[2], e[0], e[1]))
    shown = shown[: flt.max_edges]
    view_degree: Counter[int] = Counter()
    for a, b, _, _ in shown:
        view_degree[a] += 1
        view_degree[b] += 1
    return {
        "nodes": [_node_json(n, nodes[n], view_degree[n]) for n in ranked[: flt.max_nodes]],
        "edges": [{"source": a, "target": b, "weight": w, "relation": r} for a, b, w, r in shown],
        "total_nodes": len(strength),
        "total_edges": len(edges),
        "relations": graph.graph.get("relations") or relations_of(graph),
        "types": graph.graph.get("types") or _type_counts(graph),
    }


def _node_json(node: int, data: dict[str, Any], degree: int) -> dict[str, Any]:
    return {"id": node, "label": data["label"], "label_ar": data.get("label_ar") or "", "type": data["type"],
            "mentions": data["mentions"], "documents": data.get("documents", 0), "degree": degree,
            "community": data.get("community", 0)}


def _type_counts(graph: nx.Graph) -> dict[str, int]:
    return dict(Counter(t for _, t in graph.nodes(data="type")).most_common())


def relations_of(graph: nx.Graph) -> list[str]:
    """The form relations the graph's edges carry (e.g. "recommended"), sorted."""
    found = {k for *_, r in graph.edges(data="relation") for k in r.split(",") if k != CO_MENTION}
    return sorted(found)


def node_documents(case: Case, entity_id: int, limit: int = 100) -> dict[str, Any] | None:
    """The documents that name an entity, most mentions first, with titles and dates (the
    graph page adds them as nodes on demand). None when there is no such entity."""
    store = case.store.mentions
    entity = store.entity(entity_id)
    if entity is None:
        return None
    per_doc = Counter(m["document_id"] for m in store.mentions_of(entity_id, limit=1_000_000))
    top = [doc for doc, _ in per_doc.most_common(limit)]
    labels = store.document_labels(top)
    dates = store.document_dates()
    return {
        "entity": {"id": entity["id"], "label": entity["canonical"], "type": entity["type"]},
        "total": len(per_doc),
        "documents": [{"id": doc, "title": labels.get(doc, {}).get("title") or "", "mentions": per_doc[doc],
                       "date": dates.get(doc), "kind": labels.get(doc, {}).get("kind")} for doc in top],
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
    dates = store.document_dates()
    pages = []
    for doc, page in shown:
        text = texts.get(doc, [])[page - 1] if page <= len(texts.get(doc, [])) else ""
        quotes = _quotes(text, spans_a[(doc, page)], spans_b[(doc, page)])
        pages.append({"document": doc, "page": page, "title": labels.get(doc, {}).get("title") or "",
                      "date": dates.get(doc), "quotes": quotes})
    graph = cached_graph(case)
    edge = graph.edges[a, b] if graph.has_edge(a, b) else None
    return {
        "a": {"id": a, "label": ea["canonical"], "type": ea["type"]},
        "b": {"id": b, "label": eb["canonical"], "type": eb["type"]},
        "relation": edge["relation"] if edge else None,
        "weight": edge["weight"] if edge else 0,
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
