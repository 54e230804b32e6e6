"""The entity graph as GEXF 1.2 for Gephi: nodes with type, names in both scripts, counts,
degree, betweenness and community; edges weighted by the pages two entities share, each
with the first pages as evidence ("document:page" list)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from sleuth.link.graph import add_centrality, entity_graph

if TYPE_CHECKING:
    from sleuth.case import Case


def write_gexf(case: Case, out: Path) -> dict[str, int]:
    """Write the co-mention graph to `out` (GEXF)."""
    graph = entity_graph(case)
    add_centrality(graph)
    for _, _, data in graph.edges(data=True):
        data["evidence"] = " ".join(f"{d}:{p}" for d, p in data["evidence"])
    nx.write_gexf(graph, out, version="1.2draft")
    return {"nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}
