"""The entity graph: a filtered view to draw, the evidence of one edge, one node's
documents. The graph is built once per case and kept until the entities change."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request

from sleuth.access import SessionUser
from sleuth.link.graph_view import DEFAULT_MAX_NODES, MAX_EDGES, MAX_NODES
from sleuth.web.deps import viewer, workbench

router = APIRouter(tags=["graph"])

DATE = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"


@router.get("/graph")
def graph_api(request: Request,
              types: str = Query("", max_length=200, pattern=r"^[A-Za-z_,]*$",
                                 description="Node types to keep, comma-separated (empty: all)"),
              kind: str = Query("all", max_length=40, pattern=r"^[A-Za-z_-]+$",
                                description='"all", "co-mention", "relation" or a relation ("recommended")'),
              since: str = Query("", max_length=10, pattern=DATE, description="Documents dated from (ISO)"),
              until: str = Query("", max_length=10, pattern=DATE, description="Documents dated until (ISO)"),
              min_weight: int = Query(1, ge=1, le=1_000_000, description="Fewest shared pages an edge needs"),
              max_nodes: int = Query(DEFAULT_MAX_NODES, ge=1, le=MAX_NODES),
              max_edges: int = Query(MAX_EDGES, ge=1, le=MAX_EDGES),
              user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """Nodes (entities: label, label_ar, type, mentions, degree, community) and edges
    (weight: pages naming both in the date range; relation) that pass the filters; the
    heaviest nodes when more than `max_nodes` do."""
    from sleuth.link.graph_view import GraphFilter, cached_view

    flt = GraphFilter(types=frozenset(t for t in types.upper().split(",") if t), kind=kind,
                      since=since or None, until=until or None, min_weight=min_weight,
                      max_nodes=max_nodes, max_edges=max_edges)
    return cached_view(workbench(request).case, flt)


@router.get("/graph/edge")
def edge_api(request: Request, a: int, b: int, limit: int = Query(50, ge=1, le=500),
             user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """The evidence of an edge: every page that names both entities (the first `limit`),
    with the document's title and date and a quote with both names marked."""
    from sleuth.link.graph_evidence import edge_evidence

    found = edge_evidence(workbench(request).case, a, b, limit=limit)
    if found is None:
        raise HTTPException(404, f"Entity {a} or {b} does not exist.")
    return found


@router.get("/graph/node/{entity_id}/documents")
def node_documents_api(request: Request, entity_id: int, limit: int = Query(100, ge=1, le=1000),
                       user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """The documents that name an entity, most mentions first (to add as nodes)."""
    from sleuth.link.graph_evidence import node_documents

    found = node_documents(workbench(request).case, entity_id, limit=limit)
    if found is None:
        raise HTTPException(404, f"There is no entity {entity_id}.")
    return found
