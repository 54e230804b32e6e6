"""What the graph page draws: a filtered, bounded view of the case's entity graph.

The graph itself is `CaseGraph` (`link/graph_arrays.py`): made once per state of the
entities, kept in memory by `GraphCache` and in the case folder (`cache/graph.*`) so a
restarted server does not make it again. `graph_view` is a pure function of a graph and a
`GraphFilter`, done with array operations over every edge (a 100,000-document case has
four million); the benchmark calls it on a synthetic graph exactly as the workbench does
on a case's. The evidence behind a node or an edge is `link/graph_evidence.py`.
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import networkx as nx
import numpy as np

from sleuth.errors import SleuthError
from sleuth.link.graph_arrays import CO_MENTION, CaseGraph, case_graph

if TYPE_CHECKING:
    from sleuth.case import Case

log = logging.getLogger(__name__)

#: Edge kinds a filter may ask for besides a relation's own name.
KINDS = ("all", CO_MENTION, "relation")
DEFAULT_MAX_NODES = 500
MAX_NODES = 3000
#: Beyond this many edges a drawing is a hairball and the browser's layout crawls: the
#: heaviest are kept.
MAX_EDGES = 20_000
#: Views kept per case (each is at most a few MB of JSON-ready data).
VIEWS_KEPT = 16
CACHE_FOLDER = "cache"


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


@dataclass
class GraphCache:
    """Graphs by case, each kept while `entities_version()` says nothing changed: in
    memory, and in the case folder for the next server."""

    _graphs: dict[str, tuple[str, CaseGraph]] = field(default_factory=dict)
    #: views already made of each kept graph, by filter (the same few are asked for again
    #: and again: a view walks every edge of the case)
    _views: dict[str, OrderedDict[GraphFilter, dict[str, Any]]] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, case: Case) -> CaseGraph:
        """The case's graph, made again when its entities changed."""
        stamp = case.store.mentions.entities_version()
        where = str(case.root)
        # one build at a time: a second request for a stale graph waits for the first's
        with self._lock:
            kept = self._graphs.get(where)
            if kept is not None and kept[0] == stamp:
                return kept[1]
            graph = _saved_or_made(case, stamp)
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

    def warm(self, case: Case) -> threading.Thread:
        """Make (or load) the case's graph in a background thread, so the first visit to
        the graph page does not wait for it."""

        def run() -> None:
            try:
                self.get(case)
            except Exception:  # the page will say what failed when it asks
                log.exception("Could not make the graph of %s in advance", case.root)

        thread = threading.Thread(target=run, name="graph-warm", daemon=True)
        thread.start()
        return thread

    def clear(self) -> None:
        """Forget every graph."""
        with self._lock:
            self._graphs.clear()
            self._views.clear()


def _saved_or_made(case: Case, stamp: str) -> CaseGraph:
    """The graph saved in the case folder for this state of the entities, else a new one
    (saved for next time when the folder can be written)."""
    folder = case.root / CACHE_FOLDER
    graph = CaseGraph.load(folder, stamp)
    if graph is not None:
        return graph
    graph = case_graph(case)
    try:
        graph.save(folder, stamp)
    except OSError as exc:
        log.warning("Could not keep the graph in %s: %s", folder, exc)
    return graph


CACHE = GraphCache()


def cached_graph(case: Case) -> CaseGraph:
    """The case's entity graph, from the process-wide cache."""
    return CACHE.get(case)


def cached_view(case: Case, flt: GraphFilter) -> dict[str, Any]:
    """The view a filter gives of the case's graph, from the process-wide cache."""
    return CACHE.view(case, flt)


def _kind_matches(relation: str, kind: str) -> bool:
    kinds = relation.split(",")
    if kind == "all":
        return True
    if kind == "relation":
        return any(k != CO_MENTION for k in kinds)
    return kind in kinds


def graph_view(graph: CaseGraph, flt: GraphFilter | None = None) -> dict[str, Any]:
    """The part of a graph a filter keeps, as JSON: nodes of the wanted types joined by
    edges of the wanted kind whose weight (pages in the date range) is at least
    `min_weight`; of those, the `max_nodes` nodes with the most weight (then degree, then
    mentions, then the lowest id) and the heaviest `max_edges` edges between them. Nodes
    without an edge that passes are left out. `degree` is the node's degree in the view,
    `community` its Louvain community in the view (largest 0); `total_nodes` and
    `total_edges` count what passed the filters before the caps."""
    flt = flt or GraphFilter()
    keep = np.ones(graph.edge_count, dtype=bool)
    if flt.types:
        wanted = {t.upper() for t in flt.types}
        typed = np.array([name in wanted for name in graph.type_names], dtype=bool)
        keep &= typed[graph.types[graph.a]] & typed[graph.types[graph.b]]
    if flt.kind != "all":
        kinds = np.array([_kind_matches(name, flt.kind) for name in graph.relation_names], dtype=bool)
        keep &= kinds[graph.relation]
    weights = graph.weights_between(flt.since, flt.until) if flt.dated else graph.weight
    keep &= weights >= flt.min_weight
    passed = np.flatnonzero(keep)
    a, b, weight, relation = graph.a[passed], graph.b[passed], weights[passed], graph.relation[passed]

    n = graph.node_count
    strength = np.bincount(a, weight, n) + np.bincount(b, weight, n)
    degree = np.bincount(a, minlength=n) + np.bincount(b, minlength=n)
    linked = np.flatnonzero(degree)
    order = np.lexsort((graph.ids[linked], -graph.mentions[linked], -degree[linked], -strength[linked]))
    ranked = linked[order][: flt.max_nodes]
    kept = np.zeros(n, dtype=bool)
    kept[ranked] = True
    inside = np.flatnonzero(kept[a] & kept[b])
    ids = graph.ids
    heaviest = inside[np.lexsort((ids[b[inside]], ids[a[inside]], -weight[inside]))][: flt.max_edges]
    sa, sb, sw, sr = a[heaviest], b[heaviest], weight[heaviest], relation[heaviest]
    view_degree = np.bincount(sa, minlength=n) + np.bincount(sb, minlength=n)
    community = _communities(ranked, sa, sb, sw)
    return {
        "nodes": [{**graph.node(int(at)), "degree": int(view_degree[at]), "community": community[int(at)]}
                  for at in ranked],
        "edges": [{"source": int(ids[x]), "target": int(ids[y]), "weight": int(w),
                   "relation": graph.relation_names[int(r)]}
                  for x, y, w, r in zip(sa, sb, sw, sr, strict=True)],
        "total_nodes": len(linked),
        "total_edges": len(passed),
        "relations": graph.relations(),
        "types": graph.type_counts(),
    }


def _communities(nodes: np.ndarray, a: np.ndarray, b: np.ndarray, weight: np.ndarray) -> dict[int, int]:
    """Louvain communities of the drawn graph by node position, the largest 0 (seeded:
    the same view is coloured the same way every time)."""
    drawn = nx.Graph()
    drawn.add_nodes_from(int(x) for x in nodes)
    drawn.add_weighted_edges_from((int(x), int(y), int(w)) for x, y, w in zip(a, b, weight, strict=True))
    found = nx.community.louvain_communities(drawn, weight="weight", seed=1) if len(nodes) else []
    ranked = sorted(found, key=lambda members: (-len(members), min(members)))
    return {node: n for n, members in enumerate(ranked) for node in members}
