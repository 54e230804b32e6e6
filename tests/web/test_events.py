"""The events, timeline, findings and audit API of a served demo case: what the timeline,
findings and audit pages show."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sleuth.analyze.events import blocs_for, filter_events, load_events, matching_actor_ids
from sleuth.analyze.timeline import timeline
from sleuth.case import Case
from tests.web.conftest import Server

PAIR = ("Islamic State", "Syrian government")


@pytest.fixture(scope="module")
def case(server: Server) -> Iterator[Case]:
    """The served case, opened beside the server (reads only)."""
    opened = Case.open(server.case_path)
    yield opened
    opened.close()


@pytest.fixture(scope="module")
def findings(server: Server) -> dict[str, Any]:
    response = server.client("viewer").get("/api/findings")
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def _evidence(findings: dict[str, Any]) -> Iterator[dict[str, Any]]:
    for pair in findings["pairs"]:
        for e in pair["cooperation"]:
            yield from e["evidence"]
        for h in pair["handovers"]:
            yield from h["withdrawal"]["evidence"]
            yield from h["takeover"]["evidence"]


def test_findings_list_the_planted_handovers_between_the_enemies(findings: dict[str, Any]) -> None:
    top = findings["pairs"][0]
    assert {a["name"] for a in top["actors"]} == set(PAIR)
    assert top["summary"].startswith("Islamic State <-> Syrian government: enemies (")
    assert "material-conflict events" in top["why_enemies"]
    handovers = {h["place"]: h for h in top["handovers"]}
    assert set(handovers) == {"Palmyra", "Deir Hafer", "Maskanah"}
    palmyra = handovers["Palmyra"]
    assert (palmyra["withdrawal"]["date"], palmyra["takeover"]["date"]) == ("2016-03-05", "2016-03-27")
    withdrawal = palmyra["withdrawal"]
    assert withdrawal["type"] == "RETREAT" and withdrawal["source"]["name"] == "Islamic State"
    assert {"AGREE", "COOPERATE", "RETREAT"} <= {e["type"] for e in top["cooperation"]}
    assert all(e["evidence"] for e in top["cooperation"])


def test_every_finding_quotes_a_sentence_of_the_document_page_it_links(
        findings: dict[str, Any], case: Case) -> None:
    items = list(_evidence(findings))
    assert len(items) > 50
    docs = sorted({ev["document"] for ev in items})
    pages = case.store.mentions.page_texts(docs)
    labels = case.store.mentions.document_labels(docs)
    for ev in items:
        assert ev["document"] in labels, ev
        texts = pages[ev["document"]]
        assert 1 <= ev["page"] <= len(texts), ev
        text = texts[ev["page"] - 1]
        assert ev["sentence"] and ev["sentence"] in text, ev
        assert text[ev["start"]:ev["end"]] == ev["sentence"]
        label = labels[ev["document"]]
        assert ev["title"] == (label["title"] or label["path"].rsplit("/", 1)[-1])


def test_findings_are_kept_until_the_case_changes(server: Server) -> None:
    client = server.client("viewer")
    first, again = client.get("/api/findings").json(), client.get("/api/findings").json()
    assert first["pairs"] == again["pairs"]
    assert again["computed_ms"] == first["computed_ms"]  # the same kept result, not made again


def test_timeline_between_two_actors_counts_what_the_library_counts(server: Server, case: Case) -> None:
    response = server.client("viewer").get("/api/timeline", params={
        "actor": list(PAIR), "from": "2016-01", "to": "2016-04"})
    assert response.status_code == 200, response.text
    months = {m["month"]: m for m in response.json()["months"]}
    first, second = (matching_actor_ids(case, name) for name in PAIR)
    expected = timeline(load_events(case), first, second, blocs_for(case), since="2016-01", until="2016-04")
    assert expected and set(months) == {m.month for m in expected} | set(months)
    for m in expected:
        got = months[m.month]
        assert (got["cooperation"], got["conflict"]) == (len(m.cooperation), len(m.conflict)), m.month
        fights = sum(e.quad_class == "material conflict" for e in m.conflict)
        assert got["counts"]["material conflict"] == fights
        assert sorted(e["type"] for e in got["events"]) == sorted(e.type for e in m.events)
        assert all(ev["sentence"] and ev["title"] for e in got["events"] for ev in e["evidence"])
    both = [k for k, m in months.items() if m["cooperation"] and m["conflict"]]
    assert both, months  # January and March 2016: trade and fighting in one month
    # the withdrawal from Palmyra is among March's events, with its evidence
    march = months["2016-03"]["events"]
    assert any(e["type"] == "RETREAT" and e["place"] == "Palmyra" and e["evidence"] for e in march)


def test_events_filter_by_type(server: Server, case: Case) -> None:
    client = server.client("viewer")
    data = client.get("/api/events", params={"type": "RETREAT", "limit": 500}).json()
    expected = list(filter_events(load_events(case), types={"RETREAT"}, counted_only=True))
    assert data["total"] == len(expected) > 0
    assert {e["type"] for e in data["events"]} == {"RETREAT"}
    assert any(e["place"] == "Palmyra" and e["date"] == "2016-03-05" for e in data["events"])
    two = client.get("/api/events", params={"type": ["AGREE", "retreat"], "limit": 500}).json()
    assert {e["type"] for e in two["events"]} == {"AGREE", "RETREAT"}
    unknown = client.get("/api/events", params={"type": "FIGHT"})
    assert unknown.status_code == 400 and "ASSAULT" in unknown.json()["error"]


def test_events_of_an_actor_in_either_script_and_between_two(server: Server, case: Case) -> None:
    client = server.client("viewer")
    latin = client.get("/api/events", params={"actor": "Islamic State", "limit": 1}).json()
    arabic = client.get("/api/events", params={"actor": "داعش", "limit": 1}).json()
    assert latin["total"] == arabic["total"] > 0
    between = client.get("/api/events", params={"actor": ["داعش", "Syrian government"], "limit": 500}).json()
    assert 0 < between["total"] < latin["total"]
    first, second = (matching_actor_ids(case, name) for name in PAIR)
    expected = list(filter_events(load_events(case), first, counted_only=True, blocs=blocs_for(case),
                                  other=second))
    assert between["total"] == len(expected)
    # the sides count as their blocs: the Syrian Arab Army is the government's
    sides = {frozenset((e["source"]["name"], e["target"]["name"])) for e in between["events"] if e["target"]}
    assert frozenset(("Islamic State", "Syrian Arab Army")) in sides
    assert not any("Syrian Democratic Forces" in s for s in sides), sides
    page = client.get("/api/events", params={"actor": "Islamic State", "limit": 5, "offset": 5}).json()
    assert len(page["events"]) == 5 and page["offset"] == 5
    nobody = client.get("/api/events", params={"actor": "Nobody Of That Name"})
    assert nobody.status_code == 400


def test_audit_log_is_for_admins_and_records_findings_views(server: Server) -> None:
    assert server.client("viewer").get("/api/findings").status_code == 200
    for role in ("viewer", "editor"):
        assert server.client(role).get("/api/audit").status_code == 403
    response = server.client("admin").get("/api/audit", params={"action": "findings", "user": "vic"})
    assert response.status_code == 200
    entries = response.json()
    assert entries and all(e["action"] == "findings" and e["user"] == "vic" for e in entries)


def test_pages_load_their_scripts(server: Server, served_case: Path) -> None:
    viewer, admin = server.client("viewer"), server.client("admin")
    for path, script in (("/timeline", "timeline"), ("/findings", "findings")):
        page = viewer.get(path, headers={"accept": "text/html"})
        assert page.status_code == 200 and f"/static/js/{script}.js" in page.text
        assert viewer.get(f"/static/js/{script}.js").status_code == 200
    assert viewer.get("/audit", headers={"accept": "text/html"}).status_code == 403
    assert "/static/js/audit.js" in admin.get("/audit", headers={"accept": "text/html"}).text
