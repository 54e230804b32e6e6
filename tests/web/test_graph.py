"""The graph API: the entity network of the demo case, its filters, and the evidence of an
edge (pages that really name both entities)."""

from __future__ import annotations

from typing import Any

import pytest

from sleuth.case import Case
from tests.web.conftest import Server


def graph(server: Server, **params: Any) -> dict[str, Any]:
    response = server.client("viewer").get("/api/graph", params=params)
    assert response.status_code == 200, response.text
    return response.json()


def test_the_graph_has_the_case_network(server: Server) -> None:
    data = graph(server)
    assert len(data["nodes"]) > 100 and len(data["edges"]) > 500
    ids = {n["id"] for n in data["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in data["edges"])
    by_label = {n["label"]: n for n in data["nodes"]}
    hub = by_label["Islamic State"]
    assert hub["label_ar"] == "الدولة الإسلامية" and hub["type"] == "ORG" and hub["degree"] > 10
    assert data["nodes"][0]["label"] == "Islamic State"  # the most connected comes first
    assert "recommended" in data["relations"] and data["types"]["PERSON"] > 50


def test_min_weight_keeps_only_heavier_edges(server: Server) -> None:
    every = graph(server)["edges"]
    heavy = graph(server, min_weight=3)["edges"]
    assert 0 < len(heavy) < len(every)
    assert min(e["weight"] for e in heavy) == 3


def test_the_type_filter_keeps_only_those_types(server: Server) -> None:
    people = graph(server, types="PERSON")
    assert len(people["nodes"]) > 20 and {n["type"] for n in people["nodes"]} == {"PERSON"}
    two = graph(server, types="ORG,GPE")
    assert {n["type"] for n in two["nodes"]} == {"ORG", "GPE"}


def test_a_date_range_reweighs_edges_by_document_date(server: Server) -> None:
    every = {(e["source"], e["target"]): e["weight"] for e in graph(server)["edges"]}
    late = {(e["source"], e["target"]): e["weight"] for e in graph(server, since="2016-06")["edges"]}
    year = graph(server, since="2015", until="2015")["edges"]
    assert 0 < len(late) < len(every) and 0 < len(year) < len(every)
    assert all(w <= every[k] for k, w in late.items())
    assert any(w < every[k] for k, w in late.items())
    assert graph(server, since="2030")["edges"] == []
    assert server.client("viewer").get("/api/graph", params={"since": "June 2016"}).status_code == 422


def test_form_relations_are_an_edge_kind(server: Server) -> None:
    recommended = graph(server, kind="recommended")["edges"]
    assert recommended and all("recommended" in e["relation"].split(",") for e in recommended)
    co = graph(server, kind="co-mention")["edges"]
    assert len(co) > len(recommended) and all("co-mention" in e["relation"] for e in co)


def test_max_nodes_keeps_the_most_connected(server: Server) -> None:
    small = graph(server, max_nodes=10)
    assert len(small["nodes"]) == 10 and small["total_nodes"] > 100
    assert "Islamic State" in {n["label"] for n in small["nodes"]}
    ids = {n["id"] for n in small["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in small["edges"])
    assert server.client("viewer").get("/api/graph", params={"max_nodes": 5000}).status_code == 422


def test_edge_evidence_is_pages_that_name_both(server: Server) -> None:
    data = graph(server)
    labels = {n["id"]: n["label"] for n in data["nodes"]}
    edge = max(data["edges"], key=lambda e: e["weight"])
    a, b = edge["source"], edge["target"]
    response = server.client("viewer").get("/api/graph/edge", params={"a": a, "b": b})
    assert response.status_code == 200, response.text
    evidence = response.json()
    assert evidence["a"]["label"] == labels[a] and evidence["b"]["label"] == labels[b]
    assert evidence["total"] >= edge["weight"] and len(evidence["pages"]) == min(50, evidence["total"])
    case = Case.open(server.case_path)
    try:
        for p in evidence["pages"][:15]:
            named = {m["entity_id"] for m in case.store.mentions.for_document(p["document"])
                     if m["page"] == p["page"]}
            assert {a, b} <= named, p
            assert p["title"] and p["quotes"]
            sides = {m[2] for q in p["quotes"] for m in q["marks"]}
            assert sides == {"a", "b"}, p
    finally:
        case.close()


def test_a_form_relation_edge_quotes_both_fields(server: Server) -> None:
    edge = graph(server, kind="recommended")["edges"][0]
    params = {"a": edge["source"], "b": edge["target"]}
    evidence = server.client("viewer").get("/api/graph/edge", params=params).json()
    assert "recommended" in evidence["relation"]
    for p in evidence["pages"]:
        marked = {q["text"][m[0]:m[1]] for q in p["quotes"] for m in q["marks"]}
        assert len(marked) >= 2, p


def test_a_nodes_documents(server: Server) -> None:
    hub = graph(server, max_nodes=1)["nodes"][0]
    client = server.client("viewer")
    docs = client.get(f"/api/graph/node/{hub['id']}/documents", params={"limit": 20}).json()
    assert docs["entity"]["label"] == hub["label"] and docs["total"] == hub["documents"]
    assert len(docs["documents"]) == 20
    counts = [d["mentions"] for d in docs["documents"]]
    assert counts == sorted(counts, reverse=True)
    assert client.get("/api/graph/node/999999/documents").status_code == 404


@pytest.mark.parametrize("path", ["/api/graph", "/api/graph/edge?a=1&b=2", "/api/graph/node/1/documents"])
def test_the_graph_needs_a_login(server: Server, path: str) -> None:
    assert server.client().get(path).status_code == 401
