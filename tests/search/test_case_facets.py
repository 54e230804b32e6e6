"""End to end: after ingest the index knows each document's entities, events, date and tags,
and keeps knowing them through resolution, merges, tags and a new index version."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from sleuth.case import Case
from sleuth.search.case_search import search, tag_document, untag_document
from tests.letters import letters_case

LETTERS = {
    "a.txt": "On 5 March 2016 Abu Hamza al-Raqqawi met ISIS officials in ar-Raqqa. "
             "Faisal bin Ziad al-Hamed was there.",
    "b.txt": "التقى أبو حمزة الرقاوي بمسؤولين من داعش في الرقة بتاريخ ٥ آذار ٢٠١٦، وحضر فيصل بن زياد الحمد.",
    "c.txt": "Abu Hamzah ar-Raqqawi left Rakka with the Islamic State of Iraq and al-Sham on 2016-03-07.",
    "d.txt": "A note from Abu Hamza about Daesh in al-Raqqa, 8 March 2016.",
    "e.txt": "Khalid Omar al-Jasim and Khaled Omar al-Jassem were seen in Mosul on 9 March 2016.",
    "f.txt": "Date: 2015-11-02\nThe Free Syrian Army agreed to a ceasefire with ISIS in Palmyra.",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A case of the six letters, ingested once (closed; tests work on copies)."""
    root = tmp_path_factory.mktemp("facets")
    letters_case(root, LETTERS, "\nSyria.\n").close()
    return root / "case"


@pytest.fixture
def case(built: Path, tmp_path: Path) -> Iterator[Case]:
    shutil.copytree(built, tmp_path / "case")
    c = Case.open(tmp_path / "case")
    yield c
    c.close()


def doc_of(case: Case, name: str) -> int:
    found = case.store.find_document(name)
    assert found is not None
    return int(found["id"])


def indexed_entity_keys(case: Case) -> dict[str, int]:
    """The index's own entity counts (before the case names them)."""
    return case.index.search("*").facets["entity"]


def test_facets_after_ingest_count_resolved_entities_events_and_years(case: Case) -> None:
    results, _ = search(case, "*", limit=1)
    assert results.total == 6
    entity = results.facets["entity"]
    # every spelling and script of one entity is one value, named as resolved
    assert entity["Islamic State"] == 5  # ISIS, داعش, Islamic State of Iraq and al-Sham, Daesh
    assert entity["Abu Hamza al-Raqqawi"] == 4 and entity["Raqqa"] == 4
    assert entity["Faisal bin Ziad al-Hamed"] == 2 and entity["Khalid Omar al-Jasim"] == 1
    assert "Daesh" not in entity and "أبو حمزة الرقاوي" not in entity
    assert results.facets["event"] == {"CONSULT": 2, "AGREE": 1, "RETREAT": 1}
    assert results.facets["year"] == {"2015": 1, "2016": 5}
    assert results.labels["entity"]["Raqqa"] == "Raqqa"
    # resolution re-indexed what it joined: the index holds entity keys, one per entity
    keys = {e["key"] for e in case.store.mentions.entities()}
    assert set(indexed_entity_keys(case)) <= keys and len(indexed_entity_keys(case)) == len(entity)


def test_a_facet_value_is_a_filter_that_finds_as_many_documents(case: Case) -> None:
    facets = search(case, "*")[0].facets
    for value, count in facets["entity"].items():
        assert search(case, f'* entity:"{value}"')[0].total == count, value
    for value, count in facets["event"].items():
        assert search(case, f"* event:{value}")[0].total == count
    for value, count in facets["year"].items():
        assert search(case, f"* date:{value}")[0].total == count
    narrowed = search(case, "* event:AGREE")[0]
    assert narrowed.facets["entity"] == {"Free Syrian Army": 1, "Islamic State": 1, "Palmyra": 1, "Syria": 1}


def test_sorting_by_the_documents_own_date(case: Case) -> None:
    newest = [h.hit.doc_id for h in search(case, "*", sort="newest")[1]]
    assert newest[0] == doc_of(case, "e.txt") and newest[-1] == doc_of(case, "f.txt")
    oldest = search(case, "Syria", sort="oldest")[1]
    assert oldest[0].hit.doc_id == doc_of(case, "f.txt") and oldest[0].as_dict()["date"] == "2015-11-02"


def test_a_tag_added_then_removed_changes_the_tag_facet(case: Case) -> None:
    doc = doc_of(case, "c.txt")
    assert "tag" not in search(case, "*")[0].facets
    assert tag_document(case, doc, "  to   check ", "eve") == "to check"
    hits = search(case, '* tag:"to check"')[1]
    assert [h.hit.doc_id for h in hits] == [doc]
    assert search(case, "Raqqawi")[0].facets["tag"] == {"to check": 1}
    untag_document(case, doc, "to check")
    assert search(case, '* tag:"to check"')[0].total == 0
    assert "tag" not in search(case, "*")[0].facets


def test_a_merge_moves_the_documents_to_the_kept_entity(case: Case) -> None:
    from sleuth.link.decisions import find_entity, merge

    kept, gone = (find_entity(case, n)["key"] for n in ("Faisal bin Ziad al-Hamed", "Khalid Omar al-Jasim"))
    merge(case, "Faisal bin Ziad al-Hamed", "Khalid Omar al-Jasim")
    assert indexed_entity_keys(case)[kept] == 3 and gone not in indexed_entity_keys(case)
    entity = search(case, "*")[0].facets["entity"]
    assert entity["Faisal bin Ziad al-Hamed"] == 3 and "Khalid Omar al-Jasim" not in entity
    assert search(case, '* entity:"Faisal bin Ziad al-Hamed"')[0].total == 3


def test_a_case_indexed_by_the_old_schema_is_rebuilt_when_opened(built: Path, tmp_path: Path) -> None:
    import tantivy

    from sleuth.search.base import INDEX_VERSION
    from sleuth.store import INDEX

    root = tmp_path / "old"
    shutil.copytree(built, root)
    # what Sleuth before index version 2 left: an index without the new fields ...
    shutil.rmtree(root / "index")
    (root / "index").mkdir()
    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("doc_id", stored=True, indexed=True, fast=True)
    sb.add_text_field("text", stored=False)
    tantivy.Index(sb.build(), path=str(root / "index"))
    # ... and every document's index stage at version 1
    old = Case.open(root)
    ids = sorted(old.store.mentions.document_labels(list(range(1, 7))))
    old.store.mark_stage(ids, INDEX, 1)
    old.store.set_info("index_version", "1")
    old.store.close()

    case = Case.open(root)
    try:
        results = search(case, "*")[0]
        assert results.total == 6 and results.facets["event"]["CONSULT"] == 2
        assert results.facets["entity"]["Islamic State"] == 5
        assert case.store.pending(INDEX, INDEX_VERSION) == []
        assert search(case, "Mosul")[0].total == 1
    finally:
        case.close()


def test_a_split_gives_the_split_off_documents_their_own_entity(case: Case) -> None:
    from sleuth.link.decisions import split

    alone = split(case, "Abu Hamza al-Raqqawi", "Abu Hamza")
    entity = search(case, "*")[0].facets["entity"]
    assert entity["Abu Hamza al-Raqqawi"] == 3
    assert entity[alone["canonical"]] == 1 and alone["key"] in indexed_entity_keys(case)
    found = search(case, f'* entity:"{alone["canonical"]}"')[1]
    assert [h.hit.doc_id for h in found] == [doc_of(case, "d.txt")]
