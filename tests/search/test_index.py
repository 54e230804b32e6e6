"""The tantivy index through the SearchIndex interface: what a search returns."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sleuth.search import IndexDoc, SearchIndex, open_index

DOCS = [
    IndexDoc(1, "a" * 64, "أمر: سحب الأسلحة الثَّقيلة من تَدْمُر قبل وصول الجيش\fpage two", "أمر سحب",
             "pdf", "application/pdf", "ar", ["/trove/orders/order-17.pdf"]),
    IndexDoc(2, "b" * 64, "Agreement: oil for fertiliser with the Régime, heavy weapons excluded",
             "Agreement", "docx", "application/vnd.openxmlformats", "en",
             ["/trove/deal.zip!/mail/agreement.docx", "/trove/copies/agreement.docx"]),
    IndexDoc(3, "c" * 64, "Forum thread: was it a withdrawal or a retreat? Draft notes.", "Thread",
             "html", "text/html", "en", ["/trove/web/thread.html"]),
    IndexDoc(4, "d" * 64, "", "scan-0001.png", "image", "image/png", "und", ["/trove/scans/scan-0001.png"]),
]


@pytest.fixture
def index(tmp_path: Path) -> Iterator[SearchIndex]:
    idx = open_index(tmp_path / "index")
    idx.add(DOCS)
    idx.commit()
    yield idx
    idx.close()


def ids(index: SearchIndex, query: str) -> set[int]:
    return {h.doc_id for h in index.search(query, limit=50).hits}


@pytest.mark.parametrize(("query", "expected"), [
    ("تدمر", {1}),                       # typed without diacritics
    ("الاسلحه", {1}),                    # without hamza, with ha for ta marbuta
    ("regime", {2}),                     # accent-insensitive
    ('"heavy weapons"', {2}),
    ('"weapons heavy"', set()),          # phrases keep word order
    ('"oil for fertiliser"', {2}),
    ('"agreement oil"', {2}),            # punctuation between words does not break a phrase
    ('"oil with"', set()),               # both words there, but not side by side
    ('"الاسلحه الثقيله من تدمر"', {1}),
    ("withdr*", {3}),
    ("oil AND (fertiliser OR fertilizer)", {2}),
    ("withdrawal OR oil", {2, 3}),
    ("* -type:image", {1, 2, 3}),
    ("* type:image", {4}),
    ("* lang:ar", {1}),
    ("* mime:application/*", {1, 2}),
    ("* path:mail/", {2}),                # folder inside an archive
    ("* path:deal.zip/mail", {2}),        # a segment sequence
    ("* path:copies/", {2}),              # any of a document's paths
    ("* path:orders/order*", {1}),
    ("retreat NOT draft", set()),
])
def test_queries_find_the_right_documents(index: SearchIndex, query: str, expected: set[int]) -> None:
    assert ids(index, query) == expected


def test_hits_carry_what_a_results_list_shows(index: SearchIndex) -> None:
    results = index.search("oil")
    assert results.total == 1
    hit = results.hits[0]
    assert (hit.title, hit.kind, hit.language) == ("Agreement", "docx", "en")
    assert hit.path == "/trove/deal.zip!/mail/agreement.docx"
    assert hit.sha256 == "b" * 64


def test_facets_count_every_match_not_just_the_page(index: SearchIndex) -> None:
    results = index.search("*", limit=1)
    assert results.total == 4 and len(results.hits) == 1
    assert results.facets["kind"] == {"pdf": 1, "docx": 1, "html": 1, "image": 1}
    assert results.facets["language"]["en"] == 2


def test_adding_a_document_again_replaces_it(index: SearchIndex) -> None:
    index.add([IndexDoc(3, "c" * 64, "rewritten text", "Thread", "html", "text/html", "en", ["/x"])])
    index.commit()
    assert index.count() == 4
    assert ids(index, "retreat") == set()
    assert ids(index, "rewritten") == {3}


def test_delete_and_reopen(tmp_path: Path, index: SearchIndex) -> None:
    index.delete([1])
    index.close()
    again = open_index(tmp_path / "index")
    assert again.count() == 3
    assert ids(again, "تدمر") == set()
    again.close()


def test_paging(index: SearchIndex) -> None:
    first = [h.doc_id for h in index.search("*", limit=2).hits]
    second = [h.doc_id for h in index.search("*", limit=2, offset=2).hits]
    assert len(set(first + second)) == 4
