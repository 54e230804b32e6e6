"""The actors people marked in PLOVER's example sentences are found (real-style news text)."""

from __future__ import annotations

import pytest

from sleuth.extract.finder import MentionFinder
from sleuth.extract.gazetteer import load_gazetteer
from sleuth.extract.plover import score_plover
from tests.conftest import SHARED

PLOVER = SHARED / "corpora" / "plover" / "PLOVER_GSR_CAMEO.json"


@pytest.mark.skipif(not PLOVER.is_file(), reason=f"shared corpus not found at {PLOVER}")
def test_marked_actors_are_found() -> None:
    score = score_plover(PLOVER, MentionFinder(load_gazetteer()))
    assert score.actors > 600
    assert score.recall >= 0.88, score.as_dict()  # 0.919 measured (docs/benchmarks.md)
    assert score.precision >= 0.6, score.as_dict()  # a lower bound: only the event's actors are marked


@pytest.mark.skipif(not PLOVER.is_file(), reason=f"shared corpus not found at {PLOVER}")
def test_events_people_coded_are_found_with_their_source() -> None:
    from sleuth.extract.events import EventCoder
    from sleuth.extract.events.gold import score_gold

    finder = MentionFinder(load_gazetteer())
    score = score_gold(PLOVER, finder, EventCoder(gazetteer=finder.gazetteer)).as_dict()
    assert score["sentences"] == 322
    # measured: type recall 0.61, source right 0.78 (docs/benchmarks.md)
    assert score["type_recall"] >= 0.55, score
    assert score["source_accuracy"] >= 0.7, score
