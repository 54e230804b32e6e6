"""The entity graph as networkx, for `sleuth path` and the GEXF export: the graph of
`link/graph_arrays.py` (an edge where two entities are named on one page, or a form links
them) with each node's key and each edge's evidence, the (document, page) pairs where
both are named (the first EVIDENCE_KEPT of them, in document order).
"""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, Any

import networkx as nx

from sleuth.errors import SleuthError
from sleuth.link.decisions import find_entity
from sleuth.link.graph_arrays import build_graph, graph_inputs

if TYPE_CHECKING:
    from sleuth.case import Case

EVIDENCE_KEPT = 20


def entity_graph(case: Case, min_pages: int = 1) -> nx.Graph:
    """The case's entity graph: nodes by entity id (label, label_ar, type, mentions,
    documents, key), edges with weight, relation and evidence; edges of fewer than
    `min_pages` pages left out."""
    nodes, pages, dates, links = graph_inputs(case)
    arrays = build_graph(nodes, pages, dates, links, evidence=EVIDENCE_KEPT)
    keys = {n["id"]: n["key"] for n in nodes}
    graph = nx.Graph()
    for at in range(arrays.node_count):
        node = arrays.node(at)
        graph.add_node(node.pop("id"), **node, key=keys[int(arrays.ids[at])])
    evidence = arrays.evidence_by_edge()
    ids = arrays.ids.tolist()
    edges = zip(arrays.a.tolist(), arrays.b.tolist(), arrays.weight.tolist(), arrays.relation.tolist(),
                strict=True)
    for e, (a, b, weight, relation) in enumerate(edges):
        if weight >= min_pages:
            graph.add_edge(ids[a], ids[b], weight=weight, evidence=evidence[e],
                           relation=arrays.relation_names[relation])
    return graph


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
