"""The whole ingest-file fixture corpus (a peer tool's hostile and odd files) through ingest."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sleuth.case import Case
from sleuth.ingest import ingest
from tests.conftest import FIXTURES_CORPUS

pytestmark = pytest.mark.skipif(not FIXTURES_CORPUS.is_dir(),
                                reason=f"shared corpus not found at {FIXTURES_CORPUS}")

ENCRYPTED = ["password-hunter2.pdf", "password_protected.xls", "password_protected.xlsx",
             "encypted_by_libreoffice.odt", "7z_password.7z"]
HAS_TEXT = {
    "readme.pdf": "",
    "udhr_ger.pdf": "Menschenrechte",
    "hello world word.docx": "Hello",
    "countries.csv": "",
    "countries_nonutf.csv": "ü",
    "non_utf.txt": "",
    "udhr_ger.txt": "Menschenrechte",
    "doc.html": "",
    "email_base64.eml": "",
}


@pytest.fixture(scope="module")
def corpus_case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    case = Case.init(tmp_path_factory.mktemp("fixtures") / "case")
    ingest(case, [FIXTURES_CORPUS], workers=2)
    return case


def _state(case: Case) -> dict[str, dict[str, str]]:
    """Top-level file name -> {status, reason} from the case, for documents and failures."""
    problems = {p["path"]: p for p in case.store.problems()}
    out: dict[str, dict[str, str]] = {}
    for name in os.listdir(FIXTURES_CORPUS):
        path = str(FIXTURES_CORPUS.resolve() / name)
        if (FIXTURES_CORPUS / name).is_dir():
            continue
        if path in problems:
            out[name] = {"status": problems[path]["status"], "reason": problems[path]["reason"] or ""}
        elif case.store.find_document(path) is not None:
            out[name] = {"status": "ok", "reason": ""}
    return out


def test_every_file_is_accounted_for(corpus_case: Case) -> None:
    state = _state(corpus_case)
    files = [n for n in os.listdir(FIXTURES_CORPUS) if (FIXTURES_CORPUS / n).is_file()]
    assert sorted(state) == sorted(files)
    nested = corpus_case.store.find_document(str(FIXTURES_CORPUS.resolve() / "testdir" / "test.txt"))
    assert nested is not None


def test_encrypted_files_are_reported_as_encrypted(corpus_case: Case) -> None:
    state = _state(corpus_case)
    for name in ENCRYPTED:
        assert state[name]["reason"].startswith("encrypted"), (name, state[name])


def test_text_is_found_where_there_is_text(corpus_case: Case) -> None:
    for name, needle in HAS_TEXT.items():
        doc = corpus_case.store.find_document(str(FIXTURES_CORPUS.resolve() / name))
        assert doc is not None, name
        text = corpus_case.store.texts([doc["id"]])[doc["id"]]
        assert len(text.strip()) > 5, name
        assert needle in text, (name, needle)


def test_symlinks_inside_archives_are_not_followed(corpus_case: Case) -> None:
    problems = corpus_case.store.problems()
    for archive in ["badzip.zip", "badtar.tar"]:
        member = [p for p in problems if p["path"].startswith(str(FIXTURES_CORPUS.resolve() / archive))
                  and "secret" in p["path"]]
        assert member and member[0]["reason"].startswith("unsafe"), (archive, member)


def test_500_pages_pdf_has_500_pages(corpus_case: Case) -> None:
    doc = corpus_case.store.find_document(str(FIXTURES_CORPUS.resolve() / "500 pages.pdf"))
    assert doc is not None and doc["page_count"] == 500


def test_empty_pdf_is_not_typed_as_pdf(corpus_case: Case) -> None:
    doc = corpus_case.store.find_document(str(FIXTURES_CORPUS.resolve() / "empty.pdf"))
    assert doc is not None
    assert doc["mime"] == "application/x-empty" and doc["kind"] == "empty"


def test_search_finds_text_from_the_corpus(corpus_case: Case) -> None:
    results = corpus_case.index.search("Menschenrechte", limit=10)
    paths = {h.path for h in results.hits}
    assert any(p.endswith("udhr_ger.txt") for p in paths)
    assert any(p.endswith("udhr_ger.pdf") for p in paths)


def test_archive_members_become_child_documents(corpus_case: Case) -> None:
    zip_doc = corpus_case.store.find_document(str(FIXTURES_CORPUS.resolve() / "test-documents.zip"))
    assert zip_doc is not None
    children = corpus_case.store.document_detail(zip_doc["id"])["children"]
    assert len(children) >= 9
    assert all(Path(c["path"].split("!/")[0]).name == "test-documents.zip" for c in children)


# What OCR must find in the corpus's scanned and image files (the README names the Greek
# company; the rest is what the images visibly say). Page 0 means any page.
OCR_TEXT = {
    "greek.pdf": (1, "IRIDECEA HOLDINGS LIMITED"),
    "jbig2.pdf": (1, "JBIG2"),
    "example.pdf": (0, "SAMENV"),  # Type3 fonts: the text layer is garbage, the page is OCR'd
    "hello_world_tiff.tif": (1, "HELLO WORLD"),
    "multipage_tiff_example.tif": (2, "Page 2"),
    "regression_gif.gif": (1, "text inside a GIF image"),
    "regression_jpg.jpg": (1, "libjpeg"),
    "regression_tiff.tiff": (1, "libjpeg"),
    "regression_webp.webp": (1, "libjpeg"),
    "regression_openjpeg.jp2": (1, "libjpeg"),
    "image.svg": (1, "TEST"),  # text elements read from the markup
}


def test_scanned_and_image_files_come_out_readable(corpus_case: Case) -> None:
    from tests.ocr.drawing import tesseract_or_skip

    tesseract_or_skip()
    for name, (number, needle) in OCR_TEXT.items():
        doc = corpus_case.store.find_document(str(FIXTURES_CORPUS.resolve() / name))
        assert doc is not None, name
        pages = corpus_case.store.document_detail(doc["id"])["pages"]
        texts = [p["text"] for p in pages] if number == 0 else [pages[number - 1]["text"]]
        assert any(needle in " ".join(t.split()) for t in texts), (name, needle, texts[:1])
    example = corpus_case.store.find_document(str(FIXTURES_CORPUS.resolve() / "example.pdf"))
    assert example is not None
    methods = {p["method"] for p in corpus_case.store.document_detail(example["id"])["pages"]}
    assert methods == {"ocr"}
    results = corpus_case.index.search('"IRIDECEA HOLDINGS"', limit=5)
    # the corpus README quotes the phrase too; the scanned PDF must be among the hits
    assert "greek.pdf" in [Path(h.path).name for h in results.hits]
