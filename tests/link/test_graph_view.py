"""The graph view: filters by type, edge kind, date and weight, the node cap, the cache that
follows the entities, and edge evidence from a real (small) case."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import networkx as nx
import pytest

from sleuth.case import Case
from sleuth.errors import SleuthError
from sleuth.ingest import ingest
from sleuth.link.decisions import find_entity, rename
from sleuth.link.graph_view import (
    GraphCache,
    GraphFilter,
    edge_evidence,
    graph_view,
    node_documents,
    prepare_graph,
)

PEOPLE = {1: "Abu Hamza", 2: "Abu Bakr", 3: "Umm Layla", 4: "Khalid"}
GROUPS = {10: "Islamic State", 11: "Diwan al-Jund"}
PLACES = {20: "Raqqa"}


def small_graph() -> nx.Graph:
    """Four people, two groups, a city; edges with pages on known dates."""
    g = nx.Graph()
    for ids, etype in ((PEOPLE, "PERSON"), (GROUPS, "ORG"), (PLACES, "GPE")):
        for node, label in ids.items():
            g.add_node(node, label=label, label_ar="", type=etype, mentions=node, documents=1, key=f"k{node}")
    pages: dict[tuple[int, int], Sequence[str | None]] = {  # (a, b): the document date of each shared page
        (1, 10): ["2015-01-01"] * 4 + ["2016-05-01"] * 2,
        (1, 2): ["2015-03-01"],
        (2, 11): ["2016-02-01", "2016-02-02", None],
        (10, 11): ["2014-12-31"] * 5,
        (3, 20): ["2016-07-01"],
        (1, 3): ["2016-01-01", "2016-01-02"],
    }
    for (a, b), dates in pages.items():
        g.add_edge(a, b, weight=len(dates), evidence=[(100 + a, i) for i in range(len(dates))],
                   relation="co-mention")
    g.edges[1, 3]["relation"] = "co-mention,recommended"
    g.add_edge(4, 1, weight=1, evidence=[(7, 1)], relation="recommended")  # a form alone links them
    page_dates = [(a, b, d) for (a, b), dates in pages.items() for d in dates]
    return prepare_graph(g, page_dates, {7: "2017-01-01"})


def edges(view: dict[str, Any]) -> dict[tuple[int, ...], int]:
    return {tuple(sorted((e["source"], e["target"]))): e["weight"] for e in view["edges"]}


def test_the_whole_view_has_every_linked_node() -> None:
    view = graph_view(small_graph())
    assert {n["id"] for n in view["nodes"]} == {1, 2, 3, 4, 10, 11, 20}
    assert len(view["edges"]) == 7 and view["total_edges"] == 7
    # the most weight first: 6 + 5, then 6 + 1 + 2 + 1
    assert [n["label"] for n in view["nodes"][:2]] == ["Islamic State", "Abu Hamza"]
    assert view["relations"] == ["recommended"]
    assert {n["id"]: n["degree"] for n in view["nodes"]}[1] == 4
    assert all(isinstance(n["community"], int) for n in view["nodes"])


def test_types_keep_edges_between_kept_types() -> None:
    view = graph_view(small_graph(), GraphFilter(types=frozenset({"PERSON"})))
    assert {n["type"] for n in view["nodes"]} == {"PERSON"}
    assert set(edges(view)) == {(1, 2), (1, 3), (1, 4)}
    mixed = graph_view(small_graph(), GraphFilter(types=frozenset({"person", "org"})))
    assert (1, 10) in edges(mixed) and 20 not in {n["id"] for n in mixed["nodes"]}


def test_edge_kinds() -> None:
    g = small_graph()
    assert set(edges(graph_view(g, GraphFilter(kind="relation")))) == {(1, 3), (1, 4)}
    assert set(edges(graph_view(g, GraphFilter(kind="recommended")))) == {(1, 3), (1, 4)}
    co = edges(graph_view(g, GraphFilter(kind="co-mention")))
    assert (1, 4) not in co and (1, 3) in co and len(co) == 6
    assert graph_view(g, GraphFilter(kind="married"))["edges"] == []


def test_min_weight() -> None:
    heavy = edges(graph_view(small_graph(), GraphFilter(min_weight=3)))
    assert heavy == {(1, 10): 6, (2, 11): 3, (10, 11): 5}


def test_a_date_range_counts_only_pages_in_range() -> None:
    g = small_graph()
    in_2016 = edges(graph_view(g, GraphFilter(since="2016", until="2016")))
    assert in_2016 == {(1, 10): 2, (2, 11): 2, (3, 20): 1, (1, 3): 2}  # the undated page does not count
    assert edges(graph_view(g, GraphFilter(since="2016-02", until="2016-02"))) == {(2, 11): 2}
    assert edges(graph_view(g, GraphFilter(until="2014"))) == {(10, 11): 5}
    # an edge only a form makes is dated by the form's document
    assert edges(graph_view(g, GraphFilter(since="2017"))) == {(1, 4): 1}
    heavy = edges(graph_view(g, GraphFilter(since="2016", min_weight=2)))
    assert heavy == {(1, 10): 2, (2, 11): 2, (1, 3): 2}


def test_max_nodes_keeps_the_heaviest() -> None:
    view = graph_view(small_graph(), GraphFilter(max_nodes=3))
    assert {n["id"] for n in view["nodes"]} == {1, 10, 11}
    assert set(edges(view)) == {(1, 10), (10, 11)} and view["total_nodes"] == 7
    capped = graph_view(small_graph(), GraphFilter(max_edges=2))
    assert edges(capped) == {(1, 10): 6, (10, 11): 5}


@pytest.mark.parametrize("bad", [{"max_nodes": 0}, {"max_nodes": 3001}, {"min_weight": 0},
                                 {"since": "5 March"}, {"until": "2016-3"}])
def test_a_bad_filter_says_what_is_wrong(bad: dict[str, Any]) -> None:
    with pytest.raises(SleuthError, match=next(iter(bad))):
        GraphFilter(**bad)


LETTERS = {
    "a.txt": "On 5 March 2016 Abu Hamza al-Raqqawi met Islamic State officials in Raqqa.",
    "b.txt": "On 9 April 2016 Abu Hamza al-Raqqawi left Raqqa for Mosul.\n\n"
             "Faisal bin Ziad al-Hamed stayed behind. Much later he wrote to the Islamic State.",
    "c.txt": "Faisal bin Ziad al-Hamed was in Mosul on 1 May 2016.",
}


@pytest.fixture
def small_case(tmp_path: Path) -> Case:
    src = tmp_path / "src"
    src.mkdir()
    for name, text in LETTERS.items():
        (src / name).write_text(text + "\n", encoding="utf-8")
    case = Case.init(tmp_path / "case")
    ingest(case, [src], workers=1)
    return case


def test_the_cache_keeps_the_graph_until_the_entities_change(small_case: Case) -> None:
    cache = GraphCache()
    first = cache.get(small_case)
    assert cache.get(small_case) is first
    person = find_entity(small_case, "Abu Hamza al-Raqqawi")
    rename(small_case, f"#{person['id']}", "Abu Hamza (renamed)")
    again = cache.get(small_case)
    assert again is not first
    assert again.nodes[person["id"]]["label"] == "Abu Hamza (renamed)"


def test_views_are_kept_per_filter_until_the_entities_change(small_case: Case) -> None:
    cache = GraphCache()
    default, people = GraphFilter(), GraphFilter(types=frozenset({"PERSON"}))
    first = cache.view(small_case, default)
    assert cache.view(small_case, default) is first
    assert cache.view(small_case, people) is not first
    assert {n["type"] for n in cache.view(small_case, people)["nodes"]} == {"PERSON"}
    person = find_entity(small_case, "Abu Hamza al-Raqqawi")
    rename(small_case, f"#{person['id']}", "Abu Hamza (renamed again)")
    fresh = cache.view(small_case, default)
    assert fresh is not first
    assert any(n["label"] == "Abu Hamza (renamed again)" for n in fresh["nodes"])


def test_edge_evidence_quotes_the_pages_naming_both(small_case: Case) -> None:
    person = find_entity(small_case, "Abu Hamza al-Raqqawi")["id"]
    city = find_entity(small_case, "Raqqa")["id"]
    found = edge_evidence(small_case, person, city)
    assert found is not None and found["total"] == 2 and found["relation"] == "co-mention"
    for page in found["pages"]:
        (quote,) = page["quotes"]
        marked = [quote["text"][s:e] for s, e, _ in quote["marks"]]
        assert "Abu Hamza al-Raqqawi" in marked and "Raqqa" in marked
        assert page["date"] and page["date"].startswith("2016")
    # far apart on the page: one quote for each
    faisal = find_entity(small_case, "Faisal bin Ziad al-Hamed")["id"]
    group = find_entity(small_case, "Islamic State")["id"]
    (page,) = edge_evidence(small_case, faisal, group)["pages"]  # type: ignore[index]
    assert all(q["marks"] for q in page["quotes"])
    assert edge_evidence(small_case, person, 999_999) is None


def test_node_documents(small_case: Case) -> None:
    faisal = find_entity(small_case, "Faisal bin Ziad al-Hamed")["id"]
    found = node_documents(small_case, faisal)
    assert found is not None and found["total"] == 2
    assert {d["date"] for d in found["documents"]} == {"2016-04-09", "2016-05-01"}
    assert node_documents(small_case, 999_999) is None
