"""Events of the whole demo trove, scored against truth.json (`sleuth.demo.score_events`),
and the planted cooperation between enemies found by `sleuth collusion`."""

from __future__ import annotations

import pytest

from sleuth.analyze.collusion import Collusion, find_collusion
from sleuth.case import Case
from sleuth.demo.score_events import EventScores, score_events
from tests.demo.conftest import DemoTrove


@pytest.fixture(scope="module")
def scores(demo_trove: DemoTrove, demo_case: Case) -> EventScores:
    return score_events(demo_case, demo_trove.outdir)


@pytest.fixture(scope="module")
def collusion(demo_case: Case) -> list[Collusion]:
    return find_collusion(demo_case)


def test_truth_events_are_found_and_found_events_are_true(scores: EventScores) -> None:
    # measured (seed 7): recall 0.99, precision 0.91; docs/benchmarks.md has the figures
    assert scores.events.recall >= 0.95, scores.missed_events
    assert scores.events.precision >= 0.88, scores.spurious_events


def test_tellings_are_coded_right(scores: EventScores) -> None:
    # measured (seed 7): precision 0.94, recall 0.93 per telling
    assert scores.tellings.recall >= 0.9, scores.missed.most_common(10)
    assert scores.tellings.precision >= 0.9, scores.spurious.most_common(10)


def test_collusion_surfaces_the_planted_deals_between_the_enemies(
        collusion: list[Collusion], demo_trove: DemoTrove) -> None:
    assert collusion, "no cooperation between enemies found"
    top = collusion[0]
    assert {top.a.name, top.b.name} == {"Islamic State", "Syrian government"}
    kinds = {e.type for e in top.cooperation}
    assert {"AGREE", "COOPERATE", "RETREAT"} <= kinds
    places = {h.place for h in top.handovers}
    assert places == {"Palmyra", "Deir Hafer", "Maskanah"}, places
    dates = {(h.retreat.date, h.takeover.date) for h in top.handovers}
    assert ("2016-03-05", "2016-03-27") in dates


def test_collusion_lists_nothing_the_truth_does_not_hold(collusion: list[Collusion], demo_case: Case,
                                                        demo_trove: DemoTrove) -> None:
    """Every handover and every agreement between the enemies is one the truth plants."""
    truth = demo_trove.truth
    planted = {(e["type"], e["date"]) for e in truth["events"] if e.get("finding")}
    top = collusion[0]
    for e in top.cooperation:
        if e.type in ("AGREE", "RETREAT"):
            assert (e.type, e.date) in planted, (e.type, e.date, e.evidence[0].sentence)
    for h in top.handovers:
        assert ("RETREAT", h.retreat.date) in planted and ("COERCE", h.takeover.date) in planted
