"""Resolution across documents, spellings and scripts; analyst decisions survive re-runs."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleuth.case import Case
from sleuth.errors import SleuthError
from sleuth.ingest import ingest
from sleuth.link.decisions import find_entity, merge, rename, split
from sleuth.link.resolve import compare
from tests.letters import letters_case

LETTERS = {
    "a.txt": "On 5 March 2016 Abu Hamza al-Raqqawi met ISIS officials in ar-Raqqa. "
             "Faisal bin Ziad al-Hamed was there.",
    "b.txt": "التقى أبو حمزة الرقاوي بمسؤولين من داعش في الرقة بتاريخ ٥ آذار ٢٠١٦، وحضر فيصل بن زياد الحمد.",
    "c.txt": "Abu Hamzah ar-Raqqawi left Rakka with the Islamic State of Iraq and al-Sham on 2016-03-07.",
    "d.txt": "A note from Abu Hamza about Daesh in al-Raqqa, 8 March 2016.",
    "e.txt": "Khalid Omar al-Jasim and Khaled Omar al-Jassem were seen in Mosul on 9 March 2016.",
}


@pytest.fixture
def resolved(tmp_path: Path) -> Case:
    return letters_case(tmp_path, LETTERS, "\nSyria.\n")


def entity_of(case: Case, name: str) -> dict:  # type: ignore[type-arg]
    return find_entity(case, name)


def test_spellings_and_scripts_resolve_to_one_entity(resolved: Case) -> None:
    person = entity_of(resolved, "Abu Hamza al-Raqqawi")
    names = {a for a, _ in person["aliases"]}
    assert {"Abu Hamza al-Raqqawi", "أبو حمزة الرقاوي", "Abu Hamzah ar-Raqqawi"} <= names
    assert person["documents"] == 4 and "Abu Hamza" in names  # the short form joined: one Abu Hamza
    assert person["first_seen"] == "2016-03-05" and person["last_seen"] == "2016-03-08"
    group = entity_of(resolved, "Daesh")
    assert group["canonical"] == "Islamic State" and group["documents"] == 4
    assert {"ISIS", "داعش", "Islamic State of Iraq and al-Sham", "Daesh"} <= {a for a, _ in group["aliases"]}
    city = entity_of(resolved, "الرقة")
    assert city["canonical"] == "Raqqa" and city["documents"] == 4
    faisal = entity_of(resolved, "Faisal bin Ziad al-Hamed")["id"]
    assert entity_of(resolved, "فيصل بن زياد الحمد")["id"] == faisal
    khalid = entity_of(resolved, "Khalid Omar al-Jasim")["id"]
    assert entity_of(resolved, "Khaled Omar al-Jassem")["id"] == khalid


def test_different_people_stay_apart() -> None:
    hassan = frozenset({"=hasan", "=ali", "jsm"})
    hussein = frozenset({"=hussein", "=ali", "jsm"})
    assert compare(hassan, hussein) == ""
    assert compare(frozenset({"abu", "=hamza"}), frozenset({"=hamza", "rk"})) == ""  # kunya is not a name
    assert compare(frozenset({"abu", "=hamza"}), frozenset({"abu", "=hamza", "rk"})) == "a<b"


def test_merge_split_and_rename_survive_a_re_run(resolved: Case, tmp_path: Path) -> None:
    merged = merge(resolved, "Faisal bin Ziad al-Hamed", "Khalid Omar al-Jasim")
    assert {"Khalid Omar al-Jasim", "فيصل بن زياد الحمد"} <= {a for a, _ in merged["aliases"]}
    alone = split(resolved, "Abu Hamza al-Raqqawi", "Abu Hamza")
    assert {a for a, _ in alone["aliases"]} == {"Abu Hamza"}
    renamed = rename(resolved, "Raqqa", "al-Raqqa city")
    assert renamed["canonical"] == "al-Raqqa city"
    # a new file re-runs extraction and resolution: the decisions hold
    (tmp_path / "src" / "f.txt").write_text("Abu Hamza al-Raqqawi wrote from Raqqa, Syria.",
                                            encoding="utf-8")
    ingest(resolved, [tmp_path / "src"], workers=1)
    resolved.store.forget_stage("extract")
    ingest(resolved, [tmp_path / "src"], workers=1)
    faisal = entity_of(resolved, "فيصل بن زياد الحمد")["id"]
    assert entity_of(resolved, "Khalid Omar al-Jasim")["id"] == faisal
    assert entity_of(resolved, "al-Raqqa city")["canonical"] == "al-Raqqa city"
    person = entity_of(resolved, "Abu Hamza al-Raqqawi")
    assert "Abu Hamza" not in {a for a, _ in person["aliases"]} and person["documents"] == 4


def test_an_unknown_or_ambiguous_name_is_a_clear_error(resolved: Case) -> None:
    with pytest.raises(SleuthError, match="No entity named"):
        find_entity(resolved, "Nobody at all")
    with pytest.raises(SleuthError, match="nothing to split off"):
        split(resolved, "Mosul", "Mosul")


def test_search_by_entity_finds_every_spelling(resolved: Case) -> None:
    from sleuth.errors import QueryError
    from sleuth.search.case_search import search

    results, _ = search(resolved, 'entity:"Islamic State"')
    assert results.total == 4  # ISIS, داعش, Islamic State of Iraq and al-Sham, Daesh
    assert search(resolved, "entity:داعش Faisal")[0].total == 1
    assert search(resolved, "entity:Daesh -entity:Mosul")[0].total == 4
    with pytest.raises(QueryError, match="No entity named"):
        search(resolved, "entity:Nobody")


Snapshot = tuple[dict[str, tuple], dict[str, tuple]]  # type: ignore[type-arg]


def _snapshot(case: Case, confidence: bool = True) -> Snapshot:
    """Every entity by key (without its id) and every match key's entity key, with or
    without the confidences."""
    from sqlalchemy import select

    from sleuth.store.schema import entities, entity_keys

    rows = {e["key"]: (e["type"], e["canonical"], e["canonical_ar"], e["entry"],
                       tuple(map(tuple, e["aliases"])), e["mentions"], e["documents"], e["first_seen"],
                       e["last_seen"], e["confidence"] if confidence else None)
            for e in case.store.mentions.entities(limit=None)}
    with case.store.mentions.engine.connect() as conn:
        keys = {mk: (ek, conf if confidence else None) for mk, ek, conf in conn.execute(
            select(entity_keys.c.match_key, entities.c.key, entity_keys.c.confidence)
            .select_from(entity_keys.join(entities, entities.c.id == entity_keys.c.entity_id)))}
    return rows, keys


def test_a_decision_changes_only_its_entities_and_a_full_resolution_agrees(resolved: Case) -> None:
    from sleuth.link.resolve import resolve
    from sleuth.search.case_search import search

    untouched = entity_of(resolved, "Mosul")
    faisal = entity_of(resolved, "Faisal bin Ziad al-Hamed")
    merged = merge(resolved, "Faisal bin Ziad al-Hamed", "Khalid Omar al-Jasim")
    assert merged["id"] == faisal["id"] and merged["documents"] == 3
    renamed = rename(resolved, "Daesh", "IS (renamed)")
    assert entity_of(resolved, "IS (renamed)")["id"] == renamed["id"]
    assert entity_of(resolved, "Mosul") == untouched  # the rest of the case is as it was
    assert search(resolved, 'entity:"Khalid Omar al-Jasim"')[0].total == 3  # the index followed
    applied = _snapshot(resolved)
    resolve(resolved)
    assert _snapshot(resolved) == applied

    alone = split(resolved, "Abu Hamza al-Raqqawi", "Abu Hamza")
    assert alone["documents"] == 1
    assert search(resolved, 'entity:"Abu Hamza al-Raqqawi"')[0].total == 3
    # the same entities; confidences that the split-off spelling lowered rise at the next resolution
    applied = _snapshot(resolved, confidence=False)
    resolve(resolved)
    assert _snapshot(resolved, confidence=False) == applied
