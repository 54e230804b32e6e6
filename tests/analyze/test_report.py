"""Events, timelines and findings as the workbench shows them, on the demo case: every
evidence item names its document, page, title and sentence."""

from __future__ import annotations

import pytest

from sleuth.analyze.collusion import find_collusion
from sleuth.analyze.events import blocs_for, filter_events, load_events, matching_actor_ids
from sleuth.analyze.findings import collusion_summary
from sleuth.analyze.query import actor_timeline, find_events
from sleuth.analyze.report import event_items, findings_items, month_range, timeline_months
from sleuth.analyze.timeline import timeline
from sleuth.case import Case
from sleuth.errors import SleuthError


def test_month_range_spans_years() -> None:
    assert month_range("2016-11", "2017-02") == ["2016-11", "2016-12", "2017-01", "2017-02"]
    assert month_range("2016-03", "2016-03") == ["2016-03"]


def test_events_between_two_sides_count_organisations_inside_them(demo_case: Case) -> None:
    events = load_events(demo_case)
    blocs = blocs_for(demo_case)
    state = matching_actor_ids(demo_case, "داعش")
    government = matching_actor_ids(demo_case, "Syrian government")
    either = list(filter_events(events, state, blocs=blocs))
    between = list(filter_events(events, state, blocs=blocs, other=government))
    assert 0 < len(between) < len(either)
    names = {a.name for e in between for a in (e.source, e.target) if a is not None}
    assert {"Islamic State", "Syrian Arab Army"} <= names  # the army is the government's side
    assert "Syrian Democratic Forces" not in names
    assert len(find_events(demo_case, ["Islamic State", "Syrian government"])) == len(
        [e for e in between if e.counted])


def test_timeline_months_are_continuous_and_count_what_timeline_counts(demo_case: Case) -> None:
    ids = [matching_actor_ids(demo_case, n) for n in ("Islamic State", "Syrian government")]
    months = timeline(load_events(demo_case), ids[0], ids[1], blocs_for(demo_case))
    shown = timeline_months(demo_case, months, per_month=2)
    dated = [m["month"] for m in shown if m["month"] != "undated"]
    assert dated == month_range(dated[0], dated[-1])  # no month left out, even an empty one
    by_month = {m["month"]: m for m in shown}
    for m in months:
        got = by_month[m.month]
        assert (got["cooperation"], got["conflict"], got["events_total"]) == (
            len(m.cooperation), len(m.conflict), len(m.events))
        assert len(got["events"]) == min(2, len(m.events))
        for e in got["events"]:
            assert all(ev["sentence"] and ev["title"] and ev["page"] >= 1 for ev in e["evidence"])
    assert any(not m["events_total"] for m in shown)  # quiet months stay as empty columns


def test_actor_timeline_takes_types_and_no_actor(demo_case: Case) -> None:
    everything = actor_timeline(demo_case)
    retreats = actor_timeline(demo_case, types=["retreat"])
    assert sum(len(m.events) for m in everything) == sum(1 for e in load_events(demo_case) if e.counted)
    assert {e.type for m in retreats for e in m.events} == {"RETREAT"}
    assert all(m.counts()["material cooperation"] == len(m.events) for m in retreats)
    with pytest.raises(SleuthError, match="Unknown event type 'FIGHT'"):
        actor_timeline(demo_case, types=["FIGHT"])
    with pytest.raises(SleuthError, match="two"):
        find_events(demo_case, ["a", "b", "c"])


def test_event_items_read_sentences_for_the_events_shown(demo_case: Case) -> None:
    events = load_events(demo_case, sentences=False)[:5]
    assert not events[0].evidence[0].sentence
    items = event_items(demo_case, events, shown=1)
    assert all(len(i["evidence"]) == 1 and i["evidence"][0]["sentence"] for i in items)
    assert items[0]["evidence_total"] == len(events[0].evidence)


def test_findings_items_carry_the_summary_and_every_piece_of_evidence(demo_case: Case) -> None:
    found = find_collusion(demo_case)
    items = findings_items(demo_case, found)
    top = items[0]
    assert top["summary"] == collusion_summary(found[0])
    assert {h["place"] for h in top["handovers"]} == {"Palmyra", "Deir Hafer", "Maskanah"}
    assert len(top["cooperation"]) == len(found[0].cooperation)
    for e in top["cooperation"]:
        assert e["evidence"] and all(ev["sentence"] and ev["title"] for ev in e["evidence"])
