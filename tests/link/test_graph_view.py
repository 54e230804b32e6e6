"""The graph view: filters by type, edge kind, date and weight, the node cap, the cache that
follows the entities (in memory and in the case folder), and edge evidence from a real
(small) case."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from sleuth.case import Case
from sleuth.errors import SleuthError
from sleuth.link.decisions import find_entity, rename
from sleuth.link.graph import entity_graph
from sleuth.link.graph_arrays import CaseGraph, Link, build_graph, case_graph
from sleuth.link.graph_evidence import edge_evidence, node_documents
from sleuth.link.graph_view import GraphCache, GraphFilter, graph_view
from tests.letters import letters_case

PEOPLE = {1: "Abu Hamza", 2: "Abu Bakr", 3: "Umm Layla", 4: "Khalid"}
GROUPS = {10: "Islamic State", 11: "Diwan al-Jund"}
PLACES = {20: "Raqqa"}
SHARED: dict[tuple[int, int], Sequence[str | None]] = {  # (a, b): the document date of each shared page
    (1, 10): ["2015-01-01"] * 4 + ["2016-05-01"] * 2,
    (1, 2): ["2015-03-01"],
    (2, 11): ["2016-02-01", "2016-02-02", None],
    (10, 11): ["2014-12-31"] * 5,
    (3, 20): ["2016-07-01"],
    (1, 3): ["2016-01-01", "2016-01-02"],
}


def small_graph() -> CaseGraph:
    """Four people, two groups, a city: each shared page a document of its own (some on
    one date), a form linking 1 to 3 (who share pages too) and 4 to 1 (who do not)."""
    kinds = ((PEOPLE, "PERSON"), (GROUPS, "ORG"), (PLACES, "GPE"))
    nodes = [{"id": node, "canonical": label, "canonical_ar": "", "type": etype, "mentions": node,
              "documents": 1} for ids, etype in kinds for node, label in ids.items()]
    rows: list[tuple[int, int, int]] = []
    dates: dict[int, str | None] = {}
    for (x, y), on in SHARED.items():
        for date in on:
            doc = 100 + len(dates)
            dates[doc] = date
            rows += [(doc, 1, x), (doc, 1, y), (doc, 1, x)]  # a name twice on a page counts once
    rows += [(999, 1, 77)]  # an entity that is not a node adds nothing
    links = [Link(1, 3, "recommended", 100), Link(4, 1, "recommended", 7)]
    dated = {doc: date for doc, date in dates.items() if date} | {7: "2017-01-01"}
    return build_graph(nodes, np.array(rows, dtype=np.int64), dated, links)


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


def test_a_form_link_adds_its_page_to_the_evidence() -> None:
    nodes = [{"id": i, "canonical": f"E{i}", "type": "PERSON", "mentions": 1} for i in (1, 2, 3)]
    rows = np.array([(5, 1, 1), (5, 1, 2), (6, 2, 1), (6, 2, 2)], dtype=np.int64)
    links = [Link(1, 2, "recommended", 9, 3), Link(1, 2, "recommended", 6, 2),
             Link(3, 1, "recommended", 8, 1)]
    graph = build_graph(nodes, rows, {}, links, evidence=20)
    kept = _evidence(graph)
    # the form's page after the pages naming both (a page already there is not repeated)
    assert kept == {(1, 2): [(5, 1), (6, 2), (9, 3)], (1, 3): [(8, 1)]}
    assert graph.edge(1, 2) == (2, "co-mention,recommended") and graph.edge(1, 3) == (1, "recommended")


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
    return letters_case(tmp_path, LETTERS)


def test_the_cache_keeps_the_graph_until_the_entities_change(small_case: Case) -> None:
    cache = GraphCache()
    first = cache.get(small_case)
    assert cache.get(small_case) is first
    person = find_entity(small_case, "Abu Hamza al-Raqqawi")
    rename(small_case, f"#{person['id']}", "Abu Hamza (renamed)")
    again = cache.get(small_case)
    assert again is not first
    assert again.node(again.position(person["id"]) or 0)["label"] == "Abu Hamza (renamed)"


def test_a_new_server_loads_the_graph_the_last_one_kept(small_case: Case) -> None:
    made = GraphCache().get(small_case)
    assert (small_case.root / "cache" / "graph.npz").is_file()
    loaded = GraphCache().get(small_case)
    assert loaded is not made and loaded.labels == made.labels
    assert np.array_equal(loaded.weight, made.weight) and loaded.date_values == made.date_values
    # a damaged file is made again, not trusted
    (small_case.root / "cache" / "graph.npz").write_bytes(b"not an archive")
    assert np.array_equal(GraphCache().get(small_case).weight, made.weight)


def test_the_networkx_graph_has_the_arrays_edges_and_their_pages(small_case: Case) -> None:
    arrays, graph = case_graph(small_case), entity_graph(small_case)
    assert arrays.node_count == graph.number_of_nodes() and arrays.edge_count == graph.number_of_edges()
    pages_of = {e: {(m["document_id"], m["page"]) for m in small_case.store.mentions.mentions_of(e)}
                for e in graph.nodes}
    for x, y, data in graph.edges(data=True):
        assert arrays.edge(x, y) == (data["weight"], data["relation"])
        assert arrays.edge(y, x) == (data["weight"], data["relation"])
        # every page kept as evidence names both, and there is one for each page counted
        assert set(data["evidence"]) == pages_of[x] & pages_of[y] and len(data["evidence"]) == data["weight"]


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


def test_pairs_match_a_plain_count_over_random_pages() -> None:
    """The array build against the rule written out: every pair on a page of at most
    MAX_ENTITIES_PER_PAGE nodes, weighed by pages, dated by the page's document."""
    from collections import Counter
    from itertools import combinations

    from sleuth.link.graph_arrays import MAX_ENTITIES_PER_PAGE

    rng = np.random.default_rng(3)
    nodes = [{"id": int(i), "canonical": f"E{i}", "type": "PERSON", "mentions": 1} for i in range(5, 400, 3)]
    ids = [n["id"] for n in nodes]
    rows = []
    for doc in range(300):
        for page in range(1, 4):
            size = int(rng.choice([1, 2, 5, 12, MAX_ENTITIES_PER_PAGE, MAX_ENTITIES_PER_PAGE + 1]))
            rows += [(doc, page, int(e)) for e in rng.choice([*ids, 1, 2], size=size)]
    dates = {doc: f"2015-{doc % 12 + 1:02d}-01" for doc in range(0, 300, 2)}
    expected: Counter[tuple[int, int]] = Counter()
    in_june: Counter[tuple[int, int]] = Counter()
    pages: dict[tuple[int, int], list[tuple[int, int]]] = {}
    for (doc, page), named in _by_page(rows).items():
        named = sorted(set(named) & set(ids))
        if len(named) <= MAX_ENTITIES_PER_PAGE:
            for pair in combinations(named, 2):
                expected[pair] += 1
                pages.setdefault(pair, []).append((doc, page))
                in_june[pair] += dates.get(doc, "").startswith("2015-06")
    graph = build_graph(nodes, np.array(rows, dtype=np.int64), dates, evidence=3)
    got = {(int(graph.ids[x]), int(graph.ids[y])): int(w)
           for x, y, w in zip(graph.a, graph.b, graph.weight, strict=True)}
    assert got == dict(expected) and len(got) > 1000
    kept = _evidence(graph)
    assert kept == {pair: sorted(found)[:3] for pair, found in pages.items()}  # the first three, in order
    june = graph.weights_between("2015-06", "2015-06")
    assert {p: int(w) for p, w in zip(got, june, strict=True) if w} == {p: n for p, n in in_june.items() if n}


def _evidence(graph: CaseGraph) -> dict[tuple[int, int], list[tuple[int, int]]]:
    """Each edge's evidence pages by its two entity ids (edges with some)."""
    return {(int(graph.ids[a]), int(graph.ids[b])): pages
            for a, b, pages in zip(graph.a, graph.b, graph.evidence_by_edge(), strict=True) if pages}


def _by_page(rows: list[tuple[int, int, int]]) -> dict[tuple[int, int], list[int]]:
    pages: dict[tuple[int, int], list[int]] = {}
    for doc, page, entity in rows:
        pages.setdefault((doc, page), []).append(entity)
    return pages
