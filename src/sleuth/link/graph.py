"""The entity graph: entities as nodes, an edge where two are named on the same page, and
one where a form links them (a registration form's person and who recommended them:
relation "recommended").

Every edge keeps its evidence, the (document, page) pairs where both are named (up to
EVIDENCE_KEPT of them), and its weight is the number of such pages. Pages that name more
than MAX_ENTITIES_PER_PAGE entities (registers, lists, tables) add no edges: on such a page
being named together says nothing.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations, pairwise
from typing import TYPE_CHECKING, Any

import networkx as nx

from sleuth.errors import SleuthError
from sleuth.link.decisions import find_entity

if TYPE_CHECKING:
    from sleuth.case import Case

MAX_ENTITIES_PER_PAGE = 60
EVIDENCE_KEPT = 20
SUBJECT_FIELDS = ("kunya", "name")  # whose form it is
GRAPH_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FACILITY", "NORP", "PHONE", "EMAIL", "ID")


def entity_graph(case: Case, min_pages: int = 1) -> nx.Graph:
    """The case's co-mention graph (entities of GRAPH_TYPES)."""
    graph = nx.Graph()
    for e in case.store.mentions.entities(limit=None):
        if e["type"] in GRAPH_TYPES:
            graph.add_node(
                e["id"],
                label=e["canonical"],
                label_ar=e["canonical_ar"] or "",
                type=e["type"],
                mentions=e["mentions"],
                documents=e["documents"],
                key=e["key"],
            )
    pages: dict[tuple[int, int], set[int]] = defaultdict(set)
    for doc_id, page, entity_id in case.store.mentions.page_entities():
        if entity_id in graph:
            pages[(doc_id, page)].add(entity_id)
    evidence: dict[tuple[int, int], list[tuple[int, int]]] = defaultdict(list)
    for where, ids in pages.items():
        if len(ids) > MAX_ENTITIES_PER_PAGE:
            continue
        for a, b in combinations(sorted(ids), 2):
            evidence[(a, b)].append(where)
    for (a, b), places in evidence.items():
        if len(places) >= min_pages:
            graph.add_edge(a, b, weight=len(places), evidence=places[:EVIDENCE_KEPT], relation="co-mention")
    _add_form_links(case, graph)
    return graph


def form_links(case: Case) -> list[tuple[int, int, str, int, int]]:
    """(subject, other, relation, document, page) for each link field of a form record
    ("recommended by") that names an entity: the form's person is its subject."""
    from sleuth.extract.forms import load_forms

    links = {(spec.name, f.name): f.link for spec in load_forms() for f in spec.fields if f.link}
    if not links:
        return []
    found = []
    for record in case.store.mentions.form_records():
        fields = record["fields"]
        subject = next(
            (fields[k]["entity_id"] for k in SUBJECT_FIELDS if fields.get(k, {}).get("entity_id")), None
        )
        for name, value in fields.items():
            relation = links.get((record["form"], name))
            other = value.get("entity_id")
            if relation and subject is not None and other is not None and other != subject:
                found.append((subject, other, relation, record["document_id"], record["page"]))
    return found


def _add_form_links(case: Case, graph: nx.Graph) -> None:
    """A form's link fields ("recommended by") join the form's person to the one named there."""
    for subject, other, relation, doc, page in form_links(case):
        if subject not in graph or other not in graph:
            continue
        where = (doc, page)
        if graph.has_edge(subject, other):
            edge = graph.edges[subject, other]
            if relation not in edge["relation"].split(","):
                edge["relation"] += "," + relation
            if where not in edge["evidence"]:
                edge["evidence"] = [*edge["evidence"], where][:EVIDENCE_KEPT]
        else:
            graph.add_edge(subject, other, weight=1, evidence=[where], relation=relation)


def path_between(case: Case, start: str, end: str) -> list[dict[str, Any]]:
    """The shortest chain of co-mentions from one entity to another: each step with the
    pages that link it. Raises SleuthError when no chain exists."""
    a, b = find_entity(case, start), find_entity(case, end)
    graph = entity_graph(case)
    try:
        nodes = nx.shortest_path(graph, a["id"], b["id"])
    except (nx.NetworkXNoPath, nx.NodeNotFound) as exc:
        raise SleuthError(f"No chain of documents links {a['canonical']!r} to {b['canonical']!r}.") from exc
    steps: list[dict[str, Any]] = []
    for x, y in pairwise(nodes):
        edge = graph.edges[x, y]
        steps.append(
            {
                "from": {"id": x, "label": graph.nodes[x]["label"]},
                "to": {"id": y, "label": graph.nodes[y]["label"]},
                "pages": edge["weight"],
                "evidence": [{"document": d, "page": p} for d, p in edge["evidence"]],
            }
        )
    return steps


def add_centrality(graph: nx.Graph) -> None:
    """Set each node's degree and betweenness (who connects the others), sampled on large
    graphs, and its community (greedy modularity), as node attributes."""
    if graph.number_of_nodes() == 0:
        return
    k = min(300, graph.number_of_nodes())
    between = nx.betweenness_centrality(graph, k=k, seed=1, weight=None)
    for node, degree in graph.degree():
        graph.nodes[node]["degree"] = degree
        graph.nodes[node]["betweenness"] = round(between.get(node, 0.0), 6)
    for n, members in enumerate(
        nx.algorithms.community.greedy_modularity_communities(graph, weight="weight")
    ):
        for node in members:
            graph.nodes[node]["community"] = n
