"""Entities of the whole demo trove, scored against truth.json (`sleuth.demo.score`)."""

from __future__ import annotations

import pytest

from sleuth.case import Case
from sleuth.demo.score import EntityScores, score_entities
from tests.demo.conftest import DemoTrove


@pytest.fixture(scope="module")
def scores(demo_trove: DemoTrove, demo_case: Case) -> tuple[Case, EntityScores]:
    return demo_case, score_entities(demo_case, demo_trove.outdir)


@pytest.mark.parametrize("etype", ["PERSON", "ORG", "GPE", "FACILITY"])
def test_mentions_of_each_type_score_f1_of_at_least_0_9(scores: tuple[Case, EntityScores],
                                                        etype: str) -> None:
    s = scores[1].types[etype]
    assert s.f1 >= 0.9, (etype, s, scores[1].missed.most_common(10), scores[1].spurious.most_common(10))


def test_other_places_are_found(scores: tuple[Case, EntityScores]) -> None:
    # 25 mentions in all; "الفرات" inside the name of a news site is the usual false alarm
    s = scores[1].types["LOC"]
    assert s.recall >= 0.9 and s.f1 >= 0.7, s


def test_planted_actors_resolve_to_one_entity_each_and_no_entity_mixes_two(
        scores: tuple[Case, EntityScores]) -> None:
    result = scores[1].as_dict()
    assert result["impure"] == {}
    assert result["resolved_to_one"] >= 0.85 * result["truth_entities"], result["split"]
    for actor in ("ORG:Islamic State", "ORG:Syrian Arab Army", "ORG:Syrian government", "GPE:Raqqa",
                  "GPE:Palmyra", "ORG:Diwan al-Rikaz", "FACILITY:al-Omar oil field",
                  "ORG:Syrian Democratic Forces"):
        assert len(scores[1].resolved[actor]) == 1, actor


def test_the_islamic_state_has_every_alias_in_both_scripts(scores: tuple[Case, EntityScores]) -> None:
    case = scores[0]
    entity = case.store.mentions.find_entities("داعش")[0]
    aliases = {a for a, _ in entity["aliases"]}
    assert entity["canonical"] == "Islamic State"
    assert {"IS", "ISIS", "الدولة الإسلامية", "دولة الخلافة", "تنظيم الدولة"} <= aliases
