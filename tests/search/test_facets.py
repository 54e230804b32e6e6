"""Entity, event, tag and date fields of the index: filters, facets over every match, sorts."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from sleuth.errors import QueryError
from sleuth.search import IndexDoc, SearchIndex, open_index


def doc(doc_id: int, text: str, date: str | None = None, entities: tuple[str, ...] = (),
        events: tuple[str, ...] = (), tags: tuple[str, ...] = ()) -> IndexDoc:
    return IndexDoc(doc_id, f"{doc_id:064x}", text, f"Letter {doc_id}", "text", "text/plain", "en",
                    [f"/trove/{doc_id}.txt"], date=datetime.fromisoformat(date) if date else None,
                    entities=list(entities), events=list(events), tags=list(tags))


DOCS = [
    doc(1, "oil deal signed", "2016-01-15", ("entry:islamic-state", "GPE:rk"), ("AGREE",), ("to check",)),
    doc(2, "oil convoy left", "2016-03-02", ("entry:islamic-state",), ("RETREAT", "AGREE")),
    doc(3, "oil prices", "2015-12-31", ("GPE:rk",), (), ("to check", "Hot")),
    doc(4, "oil on the road"),  # no date, nothing extracted
    doc(5, "wheat deal", "2016-04-30", ("entry:islamic-state",), ("AGREE",)),
]


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    idx = open_index(tmp_path / "index")
    idx.add(DOCS)
    idx.commit()
    yield idx
    idx.close()


def ids(index: SearchIndex, query: str, sort: str = "relevance") -> list[int]:
    return [h.doc_id for h in index.search(query, limit=50, sort=sort).hits]


@pytest.mark.parametrize(("query", "expected"), [
    ("* event:AGREE", {1, 2, 5}),
    ("* event:agree", {1, 2, 5}),              # event types in any case
    ("* event:RET*", {2}),
    ("oil -event:AGREE", {3, 4}),
    ('* tag:"to check"', {1, 3}),
    ("* tag:Hot", {3}),
    ("* tag:hot", set()),                       # a tag is exact, as the analyst wrote it
    ("* date:2016", {1, 2, 5}),
    ("* date:2016-03", {2}),
    ("* date:2016-01-15", {1}),
    ("* date:2015-12..2016-01", {1, 3}),        # both ends included, across a year
    ("* date:2016-02..", {2, 5}),
    ("* date:..2015", {3}),
    ("* -date:..2099", {4}),                    # the undated document
    ("oil date:2016 event:AGREE", {1, 2}),
])
def test_new_filters_find_the_right_documents(index: SearchIndex, query: str, expected: set[int]) -> None:
    assert set(ids(index, query)) == expected


@pytest.mark.parametrize("bad", ["date:2016-13", "date:yesterday", "date:2016..2015", "date:2016-02-32"])
def test_a_bad_date_is_a_clear_error(index: SearchIndex, bad: str) -> None:
    with pytest.raises(QueryError, match="not a date or a range of dates"):
        index.search(bad)


def test_facets_count_every_match_of_the_new_fields(index: SearchIndex) -> None:
    results = index.search("oil", limit=1)
    assert results.total == 4 and len(results.hits) == 1
    assert results.facets["entity"] == {"entry:islamic-state": 2, "GPE:rk": 2}
    assert results.facets["event"] == {"AGREE": 2, "RETREAT": 1}
    assert results.facets["tag"] == {"to check": 2, "Hot": 1}
    assert list(results.facets["year"].items()) == [("2015", 1), ("2016", 2)]  # in time order
    narrowed = index.search("* event:AGREE")
    assert narrowed.facets["year"] == {"2016": 3} and "tag" in narrowed.facets
    assert "tag" not in index.search("wheat").facets  # no tagged match: no tag facet


def test_sorting_by_date_puts_undated_documents_last(index: SearchIndex) -> None:
    assert ids(index, "oil", "newest") == [2, 1, 3, 4]
    assert ids(index, "oil", "oldest") == [3, 1, 2, 4]
    assert ids(index, "*", "number") == [1, 2, 3, 4, 5]
    page = index.search("*", limit=2, offset=2, sort="newest")
    assert [h.doc_id for h in page.hits] == [1, 3] and page.total == 5
    assert [h.date for h in page.hits] == ["2016-01-15", "2015-12-31"]


def test_an_unknown_sort_is_a_clear_error(index: SearchIndex) -> None:
    with pytest.raises(QueryError, match="Sort by one of: relevance, newest, oldest, number"):
        index.search("oil", sort="size")


def test_re_adding_a_document_replaces_its_tags(index: SearchIndex) -> None:
    index.add([doc(3, "oil prices", "2015-12-31", ("GPE:rk",))])
    index.commit()
    assert ids(index, '* tag:"to check"') == [1]
    assert index.search("*").facets["tag"] == {"to check": 1}


def test_an_index_of_an_older_schema_is_emptied_and_flagged(tmp_path: Path) -> None:
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_integer_field("doc_id", stored=True, indexed=True, fast=True)
    (tmp_path / "index").mkdir()
    old = tantivy.Index(sb.build(), path=str(tmp_path / "index"))
    writer = old.writer(heap_size=15_000_000, num_threads=1)
    writer.add_document(tantivy.Document(doc_id=1))
    writer.commit()
    del writer, old
    index = open_index(tmp_path / "index")
    assert getattr(index, "rebuilt", False) and index.count() == 0
    index.add(DOCS)
    index.commit()
    assert ids(index, "* event:RETREAT") == [2]
