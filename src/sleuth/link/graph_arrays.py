"""The entity graph as arrays: `CaseGraph`.

Entities are the nodes; an edge joins two entities named on the same page, weighed by the
pages that name both, and one that a form links (a registration form's person and who
recommended them: relation "recommended"). Pages that name more than
MAX_ENTITIES_PER_PAGE entities (registers, lists, tables) add no edges: on such a page
being named together says nothing.

A 100,000-document case names 150,000 entities on three million pages and joins them by
four million edges: as a networkx graph with a dict per edge that takes minutes to build
and gigabytes to hold. Here it is a handful of numpy arrays: nodes sorted by entity id,
edges as pairs of node positions with their weight and relation, and for each edge how
many of its pages fall on each document date, so that a date range can weigh it again
(the workbench's graph page); on request, each edge's first pages as evidence (`sleuth
path`, GEXF: `link/graph.py` turns it into networkx). `build_graph` makes it from page rows
without a Python loop over pairs; `save`/`load` keep it in the case folder between server
starts (arrays in an .npz without pickles, names in JSON).
"""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

if TYPE_CHECKING:
    from typing import TypeAlias

    from numpy.typing import NDArray

    Keys: TypeAlias = NDArray[np.int64]

    from sleuth.case import Case

MAX_ENTITIES_PER_PAGE = 60
GRAPH_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FACILITY", "NORP", "PHONE", "EMAIL", "ID")
SUBJECT_FIELDS = ("kunya", "name")  # whose form it is
CO_MENTION = "co-mention"
UNDATED = ""
FORMAT = 1
_ARRAYS = ("ids", "types", "mentions", "documents", "a", "b", "weight", "relation",
           "date_edge", "date_code", "date_count", "evidence_edge", "evidence_doc", "evidence_page")
_EMPTY = np.zeros(0, dtype=np.int64)


@dataclass(frozen=True)
class Link:
    """An edge a form makes: its subject, the entity a link field names, the relation
    ("recommended") and the form's page."""

    subject: int
    other: int
    relation: str
    document: int
    page: int = 1


@dataclass
class CaseGraph:
    """Nodes (entities, sorted by id) and edges (a < b, node positions) as arrays."""

    ids: NDArray[np.int64]  #: entity id of each node, ascending
    types: NDArray[np.int16]  #: position in `type_names`
    type_names: tuple[str, ...]
    mentions: NDArray[np.int64]
    documents: NDArray[np.int64]
    labels: list[str]
    labels_ar: list[str]
    a: NDArray[np.int32]  #: node positions of each edge's ends, a < b
    b: NDArray[np.int32]
    weight: NDArray[np.int64]  #: pages naming both (1 for an edge only a form makes)
    relation: NDArray[np.int16]  #: position in `relation_names` ("co-mention", "co-mention,recommended")
    relation_names: tuple[str, ...]
    date_edge: NDArray[np.int32]  #: for each (edge, date) count: the edge, ascending
    date_code: NDArray[np.int32]  #: position in `date_values`
    date_count: NDArray[np.int32]
    date_values: tuple[str, ...]  #: sorted document dates, UNDATED ("") first when present
    #: when asked for, each edge's first pages (in document order): edge, document, page
    evidence_edge: NDArray[np.int64] = field(default_factory=lambda: _EMPTY)
    evidence_doc: NDArray[np.int64] = field(default_factory=lambda: _EMPTY)
    evidence_page: NDArray[np.int64] = field(default_factory=lambda: _EMPTY)

    @property
    def node_count(self) -> int:
        return len(self.ids)

    @property
    def edge_count(self) -> int:
        return len(self.a)

    def position(self, entity_id: int) -> int | None:
        """The node position of an entity, None when it is not in the graph."""
        at = int(np.searchsorted(self.ids, entity_id))
        return at if at < len(self.ids) and int(self.ids[at]) == entity_id else None

    def edge(self, x: int, y: int) -> tuple[int, str] | None:
        """(weight, relation) of the edge between two entities, None when there is none."""
        px, py = self.position(x), self.position(y)
        if px is None or py is None or px == py:
            return None
        lo, hi = min(px, py), max(px, py)
        start, end = np.searchsorted(self.a, lo, "left"), np.searchsorted(self.a, lo, "right")
        found = start + int(np.searchsorted(self.b[start:end], hi))
        if found >= end or int(self.b[found]) != hi:
            return None
        return int(self.weight[found]), self.relation_names[int(self.relation[found])]

    def node(self, at: int) -> dict[str, Any]:
        """What the graph knows of the node at a position."""
        return {"id": int(self.ids[at]), "label": self.labels[at], "label_ar": self.labels_ar[at],
                "type": self.type_names[int(self.types[at])], "mentions": int(self.mentions[at]),
                "documents": int(self.documents[at])}

    def evidence_by_edge(self) -> list[list[tuple[int, int]]]:
        """Each edge's kept (document, page) evidence, by edge position (empty lists when
        the graph was built without evidence)."""
        found: list[list[tuple[int, int]]] = [[] for _ in range(self.edge_count)]
        for edge, doc, page in zip(self.evidence_edge.tolist(), self.evidence_doc.tolist(),
                                   self.evidence_page.tolist(), strict=True):
            found[edge].append((doc, page))
        return found

    def weights_between(self, since: str | None, until: str | None) -> NDArray[np.int64]:
        """Each edge's pages on document dates in the range (ISO prefixes, both ends
        included; undated pages never count)."""
        low, high = since or "", until or ""
        wanted = np.array([d != UNDATED and d[: len(low)] >= low and (not high or d[: len(high)] <= high)
                           for d in self.date_values], dtype=bool)
        if not wanted.size:
            return np.zeros(self.edge_count, dtype=np.int64)
        keep = wanted[self.date_code]
        return np.bincount(self.date_edge[keep], weights=self.date_count[keep],
                           minlength=self.edge_count).astype(np.int64)

    def relations(self) -> list[str]:
        """The form relations the edges carry (e.g. "recommended"), sorted."""
        found = {k for name in self.relation_names for k in name.split(",") if k != CO_MENTION}
        return sorted(found)

    def type_counts(self) -> dict[str, int]:
        """Nodes of each type, most first."""
        counts = np.bincount(self.types, minlength=len(self.type_names))
        return dict(Counter({name: int(n) for name, n in zip(self.type_names, counts, strict=True)
                             if n}).most_common())

    def save(self, folder: Path, stamp: str) -> None:
        """Write the graph to `folder` (graph.npz, graph.json), marked with `stamp`."""
        folder.mkdir(parents=True, exist_ok=True)
        arrays = folder / "graph.npz.part"
        with arrays.open("wb") as out:
            np.savez(out, **{name: getattr(self, name) for name in _ARRAYS})
        names = {"format": FORMAT, "stamp": stamp, "type_names": self.type_names,
                 "relation_names": self.relation_names, "date_values": self.date_values,
                 "labels": self.labels, "labels_ar": self.labels_ar}
        text = folder / "graph.json.part"
        text.write_text(json.dumps(names, ensure_ascii=False), encoding="utf-8")
        # the JSON names the arrays' stamp, so it goes last: a crash between leaves no match
        os.replace(arrays, folder / "graph.npz")
        os.replace(text, folder / "graph.json")

    @classmethod
    def load(cls, folder: Path, stamp: str) -> CaseGraph | None:
        """The graph saved in `folder` if it was made with `stamp`, else None (also when
        the files are missing, damaged or of another format)."""
        try:
            names = json.loads((folder / "graph.json").read_text(encoding="utf-8"))
            if names.get("format") != FORMAT or names.get("stamp") != stamp:
                return None
            with np.load(folder / "graph.npz", allow_pickle=False) as saved:
                arrays = {name: saved[name] for name in _ARRAYS}
        except (OSError, ValueError, KeyError):
            return None
        graph = cls(**arrays, type_names=tuple(names["type_names"]),
                    relation_names=tuple(names["relation_names"]), date_values=tuple(names["date_values"]),
                    labels=list(names["labels"]), labels_ar=list(names["labels_ar"]))
        if len(graph.labels) != graph.node_count or len(graph.a) != len(graph.weight):
            return None
        return graph


def build_graph(nodes: Sequence[dict[str, Any]], pages: NDArray[np.int64], dates: dict[int, str],
                links: Iterable[Link] = (), evidence: int = 0) -> CaseGraph:
    """The graph of `nodes` (entity rows: id, type, canonical, canonical_ar, mentions,
    documents) from `pages`, rows of (document, page, entity id): an edge for each pair of
    nodes named on a page that names at most MAX_ENTITIES_PER_PAGE of them, weighed by the
    pages; `dates` gives each document's date. A form link adds its relation (and its
    page) to the edge it falls on, or makes an edge of weight 1 dated by the form's
    document. With `evidence`, each edge keeps its first `evidence` pages."""
    links = list(links)
    order = np.argsort(np.array([n["id"] for n in nodes], dtype=np.int64), kind="stable")
    nodes = [nodes[i] for i in order]
    ids = np.array([n["id"] for n in nodes], dtype=np.int64)
    type_names = tuple(sorted({n["type"] for n in nodes}))
    type_code = {t: i for i, t in enumerate(type_names)}
    date_values = tuple(sorted({UNDATED, *dates.values()}))
    date_code = {d: i for i, d in enumerate(date_values)}

    doc, page, node = _page_rows(pages, ids)
    left, right = _page_pairs(page)
    doc_dates = _document_date_codes(dates, date_code)
    n_nodes, n_dates = max(len(ids), 1), len(date_values)
    pair_edges = node[left] * n_nodes + node[right]
    shared = (pair_edges, doc[left], page[left] % _per_doc(pages)) if evidence else None
    # one key per (edge, date): counted at once, then folded into edges
    keyed, counts = np.unique(pair_edges * n_dates + doc_dates(doc)[left], return_counts=True)
    del pair_edges, left, right
    pair_key, pair_date = keyed // n_dates, keyed % n_dates
    # pair_key is sorted: each run of one key is one edge
    starts = np.flatnonzero(np.r_[True, pair_key[1:] != pair_key[:-1]]) if len(pair_key) else pair_key
    edge_key = pair_key[starts]
    weight = np.add.reduceat(counts, starts) if len(starts) else counts
    relation = np.zeros(len(edge_key), dtype=np.int16)
    relation_names = [CO_MENTION]
    edge_key, weight, relation, extra = _add_links(ids, edge_key, weight, relation, relation_names, links,
                                                   n_nodes)
    # edges only a form makes have one page each, on the form's document's date
    pair_key = np.concatenate([pair_key, np.array([k for k, _ in extra], dtype=np.int64)])
    pair_date = np.concatenate([pair_date, doc_dates(np.array([d for _, d in extra], dtype=np.int64))])
    counts = np.concatenate([counts, np.ones(len(extra), dtype=np.int64)])
    date_edge = np.searchsorted(edge_key, pair_key)
    if extra:  # the new edges' pages go among their neighbours'
        by_edge = np.argsort(date_edge, kind="stable")
        date_edge, pair_date, counts = date_edge[by_edge], pair_date[by_edge], counts[by_edge]

    return CaseGraph(
        ids=ids,
        types=np.array([type_code[n["type"]] for n in nodes], dtype=np.int16),
        type_names=type_names,
        mentions=np.array([n["mentions"] for n in nodes], dtype=np.int64),
        documents=np.array([n.get("documents") or 0 for n in nodes], dtype=np.int64),
        labels=[n["canonical"] for n in nodes],
        labels_ar=[n.get("canonical_ar") or "" for n in nodes],
        a=(edge_key // n_nodes).astype(np.int32), b=(edge_key % n_nodes).astype(np.int32),
        weight=weight, relation=relation, relation_names=tuple(relation_names),
        date_edge=date_edge.astype(np.int32), date_code=pair_date.astype(np.int32),
        date_count=counts.astype(np.int32), date_values=date_values,
        **(_evidence(edge_key, *shared, links, ids, n_nodes, evidence) if shared else {}),
    )


def _page_rows(pages: NDArray[np.int64],
               ids: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64], NDArray[np.int64]]:
    """(document, page key, node position) of each distinct (document, page, entity) row
    whose entity is a node, sorted by page then node; the page key is unique across
    documents."""
    if not len(pages) or not len(ids):
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty
    kept = pages[np.isin(pages[:, 2], ids)]
    per_doc = _per_doc(pages)
    page = kept[:, 0] * per_doc + kept[:, 1]
    node = np.searchsorted(ids, kept[:, 2]).astype(np.int64)
    key = np.unique(page * len(ids) + node)  # sorted by page, then node; each row once
    page, node = key // len(ids), key % len(ids)
    return page // per_doc, page, node


def _per_doc(pages: NDArray[np.int64]) -> int:
    """More than the highest page number: page keys are document * this + page."""
    return int(pages[:, 1].max(initial=0)) + 1 if len(pages) else 1


def _evidence(edge_key: Keys, pair_edges: Keys, pair_doc: Keys, pair_page: Keys, links: list[Link],
              ids: Keys, n_nodes: int, kept: int) -> dict[str, Keys]:
    """Each edge's first `kept` pages in document order, a form link's page after its
    edge's others (when there is room), as CaseGraph's evidence arrays."""
    places = [(key, link.document, link.page) for link in links
              if (key := _link_key(ids, link, n_nodes)) is not None]
    order = np.lexsort((pair_page, pair_doc, pair_edges))
    keys, docs, pages = pair_edges[order], pair_doc[order], pair_page[order]
    if places:  # behind the pages that name both, once each
        def named(key: int, doc: int, page: int) -> bool:
            lo, hi = np.searchsorted(keys, key, "left"), np.searchsorted(keys, key, "right")
            return bool(((docs[lo:hi] == doc) & (pages[lo:hi] == page)).any())

        extra = sorted({p for p in places if not named(*p)}, key=lambda p: p[0])
        more = np.array(extra, dtype=np.int64).reshape(-1, 3)
        merged = np.concatenate([np.column_stack([keys, docs, pages]), more])
        merged = merged[np.argsort(merged[:, 0], kind="stable")]
        keys, docs, pages = merged[:, 0], merged[:, 1], merged[:, 2]
    starts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else keys
    rank = np.arange(len(keys)) - np.repeat(starts, np.diff(np.r_[starts, len(keys)]))
    first = rank < kept
    return {"evidence_edge": np.searchsorted(edge_key, keys[first]), "evidence_doc": docs[first],
            "evidence_page": pages[first]}


def _page_pairs(page: NDArray[np.int64]) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """Row positions (left, right) of every pair of rows on one page, left before right,
    leaving out pages of more than MAX_ENTITIES_PER_PAGE rows. Rows are sorted by page."""
    if not len(page):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = np.flatnonzero(np.r_[True, page[1:] != page[:-1]])
    sizes = np.diff(np.r_[starts, len(page)])
    size = np.repeat(sizes, sizes)
    local = np.arange(len(page)) - np.repeat(starts, sizes)
    # a row pairs with the rows after it on its page
    partners = np.where(size <= MAX_ENTITIES_PER_PAGE, size - 1 - local, 0)
    left = np.repeat(np.arange(len(page)), partners)
    before = np.repeat(np.cumsum(partners) - partners, partners)
    right = left + 1 + (np.arange(len(left)) - before)
    return left, right


def _document_date_codes(dates: dict[int, str], code: dict[str, int]) -> Callable[[Keys], Keys]:
    """A function from document ids (an array) to their date codes (UNDATED's when the
    document has no date)."""
    undated = code[UNDATED]
    known = np.array(list(dates), dtype=np.int64)
    by_doc = np.full(int(known.max(initial=0)) + 1, undated, dtype=np.int64)
    by_doc[known] = [code[d] for d in dates.values()]

    def lookup(docs: Keys) -> Keys:
        inside = docs < len(by_doc)
        return np.where(inside, by_doc[np.where(inside, docs, 0)], undated)

    return lookup


def _link_key(ids: Keys, link: Link, n_nodes: int) -> int | None:
    """The edge key of the two nodes a form link joins; None when either is not a node
    (or both are one)."""
    x, y = (int(v) for v in np.searchsorted(ids, [link.subject, link.other]))
    if x >= len(ids) or y >= len(ids) or ids[x] != link.subject or ids[y] != link.other or x == y:
        return None
    return min(x, y) * n_nodes + max(x, y)


def _add_links(ids: NDArray[np.int64], edge_key: NDArray[np.int64], weight: NDArray[np.int64],
               relation: NDArray[np.int16], relation_names: list[str], links: Iterable[Link],
               n_nodes: int) -> tuple[Keys, Keys, NDArray[np.int16], list[tuple[int, int]]]:
    """Fold form links into the edges: their relation joins the edge's, and links between
    nodes with no edge become edges of weight 1. Returns the edges, and (edge key, form
    document) of each edge a link made."""
    kinds: dict[int, set[str]] = {}
    made: dict[int, int] = {}
    for link in links:
        key = _link_key(ids, link, n_nodes)
        if key is None:
            continue
        kinds.setdefault(key, set()).add(link.relation)
        made.setdefault(key, link.document)
    if not kinds:
        return edge_key, weight, relation, []
    at = np.searchsorted(edge_key, list(made))
    exists = {key: (i < len(edge_key) and int(edge_key[i]) == key) for key, i in zip(made, at, strict=True)}
    new = sorted(key for key, found in exists.items() if not found)
    if new:
        edge_key = np.concatenate([edge_key, np.array(new, dtype=np.int64)])
        weight = np.concatenate([weight, np.ones(len(new), dtype=np.int64)])
        relation = np.concatenate([relation, np.full(len(new), -1, dtype=np.int16)])
        order = np.argsort(edge_key, kind="stable")
        edge_key, weight, relation = edge_key[order], weight[order], relation[order]
    for key, found in kinds.items():
        i = int(np.searchsorted(edge_key, key))
        old = relation_names[relation[i]].split(",") if relation[i] >= 0 else []
        name = ",".join([*old, *sorted(found - set(old))])
        if name not in relation_names:
            relation_names.append(name)
        relation[i] = relation_names.index(name)
    return edge_key, weight, relation, [(key, made[key]) for key in new]


def case_graph(case: Case, evidence: int = 0) -> CaseGraph:
    """The case's entity graph (entities of GRAPH_TYPES) as arrays; with `evidence`, each
    edge's first `evidence` pages."""
    return build_graph(*graph_inputs(case), evidence=evidence)


def graph_inputs(case: Case) -> tuple[list[dict[str, Any]], NDArray[np.int64], dict[int, str], list[Link]]:
    """What `build_graph` makes a case's graph from: its entities of GRAPH_TYPES, the
    (document, page, entity) rows, the document dates and the form links."""
    store = case.store.mentions
    nodes = [e for e in store.entities(limit=None) if e["type"] in GRAPH_TYPES]
    ids = {n["id"] for n in nodes}
    links = [link for link in form_links(case) if link.subject in ids and link.other in ids]
    return nodes, store.page_entity_array(), store.document_dates(), links


def form_links(case: Case) -> list[Link]:
    """The link fields of form records ("recommended by") that name an entity, each from
    the form's person (its subject) to the one named."""
    from sleuth.extract.forms import load_forms

    kinds = {(spec.name, f.name): f.link for spec in load_forms() for f in spec.fields if f.link}
    if not kinds:
        return []
    found = []
    for record in case.store.mentions.form_records():
        fields = record["fields"]
        subject = next(
            (fields[k]["entity_id"] for k in SUBJECT_FIELDS if fields.get(k, {}).get("entity_id")), None
        )
        for name, value in fields.items():
            relation = kinds.get((record["form"], name))
            other = value.get("entity_id")
            if relation and subject is not None and other is not None and other != subject:
                found.append(Link(subject, other, relation, record["document_id"], record["page"]))
    return found
