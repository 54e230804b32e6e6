"""Office readers: DOCX (python-docx), ODT and PPTX (zip + XML), legacy DOC/PPT refused."""

from __future__ import annotations

import datetime as dt
import shutil
import zipfile
from pathlib import Path

import docx
import pytest

from sleuth.errors import CorruptError, EncryptedError, UnsupportedError
from sleuth.read.base import choose_reader
from sleuth.read.office import DocxReader, LegacyDocReader, LegacyPptReader, OdtReader, PptxReader

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "ingest-file-fixtures"

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
ODT_MIME = "application/vnd.oasis.opendocument.text"


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path


# --- DOCX -----------------------------------------------------------------------------------------


def make_docx(path: Path) -> Path:
    document = docx.Document()
    document.add_heading("Board minutes", level=1)
    document.add_paragraph("Before the table: the loan to Vantage Holdings.")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Payee"
    table.cell(0, 1).text = "Amount"
    table.cell(1, 0).text = "Vantage Holdings"
    table.cell(1, 1).text = "1,250,000 EUR"
    document.add_paragraph("After the table: approved unanimously.")
    section = document.sections[0]
    section.header.paragraphs[0].text = "CONFIDENTIAL header"
    section.footer.paragraphs[0].text = "Page footer text"
    props = document.core_properties
    props.author = "Oskar Berg"
    props.title = "Minutes 2020-03"
    props.last_modified_by = "Lena Holm"
    props.revision = 7
    props.created = dt.datetime(2020, 3, 1, 9, 30, tzinfo=dt.UTC)
    props.modified = dt.datetime(2020, 3, 2, 17, 0, tzinfo=dt.UTC)
    document.save(str(path))
    return path


def test_docx_text_in_document_order(tmp_path: Path, ctx) -> None:
    result = DocxReader().read(make_docx(tmp_path / "minutes.docx"), ctx)
    assert len(result.pages) == 1
    text = result.pages[0].text
    order = ["CONFIDENTIAL header", "Board minutes", "Before the table", "Vantage Holdings | 1,250,000 EUR",
             "After the table", "Page footer text"]
    positions = [text.index(part) for part in order]
    assert positions == sorted(positions), text
    assert "Payee | Amount" in text


def test_docx_core_properties(tmp_path: Path, ctx) -> None:
    meta = DocxReader().read(make_docx(tmp_path / "minutes.docx"), ctx).metadata
    assert meta["author"] == ["Oskar Berg"]
    assert meta["title"] == ["Minutes 2020-03"]
    assert meta["last_modified_by"] == ["Lena Holm"]
    assert meta["revision"] == ["7"]
    assert meta["created"][0].startswith("2020-03-01T09:30")
    assert meta["modified"][0].startswith("2020-03-02T17:00")


def test_docx_merged_cells_not_repeated(tmp_path: Path, ctx) -> None:
    document = docx.Document()
    table = document.add_table(rows=1, cols=3)
    merged = table.cell(0, 0).merge(table.cell(0, 1))
    merged.text = "wide cell"
    table.cell(0, 2).text = "narrow"
    path = tmp_path / "merged.docx"
    document.save(str(path))
    text = DocxReader().read(path, ctx).text
    assert text.count("wide cell") == 1
    assert "wide cell | narrow" in text


def test_docx_encrypted(tmp_path: Path, ctx) -> None:
    from msoffcrypto.format.ooxml import OOXMLFile

    plain = make_docx(tmp_path / "plain.docx")
    locked = tmp_path / "locked.docx"
    with plain.open("rb") as src, locked.open("wb") as out:
        OOXMLFile(src).encrypt("hunter2", out)
    with pytest.raises(EncryptedError, match="password-protected"):
        DocxReader().read(locked, ctx)


def test_docx_not_a_zip_is_corrupt(tmp_path: Path, ctx) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 this is not really a zip file at all")
    with pytest.raises(CorruptError, match="zip"):
        DocxReader().read(path, ctx)


def test_docx_zip_without_document_is_corrupt(tmp_path: Path, ctx) -> None:
    path = tmp_path / "other.docx"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("hello.txt", "not a word document")
    with pytest.raises(CorruptError):
        DocxReader().read(path, ctx)


def test_docx_truncated_is_corrupt(tmp_path: Path, ctx) -> None:
    good = make_docx(tmp_path / "good.docx")
    bad = tmp_path / "bad.docx"
    bad.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    with pytest.raises(CorruptError):
        DocxReader().read(bad, ctx)


# --- ODT ------------------------------------------------------------------------------------------

ODT_CONTENT = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
  xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0">
<office:body><office:text>
<text:h text:outline-level="1">Field report</text:h>
<text:p>Met the <text:span>courier</text:span> at<text:s text:c="3"/>the docks.<text:tab/>Noted.</text:p>
<table:table><table:table-row><table:table-cell><text:p>Crate 17</text:p></table:table-cell></table:table-row>
</table:table>
<text:p>Second line<text:line-break/>continued.</text:p>
</office:text></office:body></office:document-content>
"""

ODT_META = """<?xml version="1.0" encoding="UTF-8"?>
<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
  xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0">
<office:meta><meta:initial-creator>Ana Silva</meta:initial-creator><dc:creator>Rui Costa</dc:creator>
<dc:title>Field report</dc:title><meta:creation-date>2019-05-04T10:00:00</meta:creation-date>
<dc:date>2019-05-05T11:00:00</dc:date></office:meta></office:document-meta>
"""


def make_odt(path: Path, manifest: str = "<manifest:manifest/>") -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("mimetype", ODT_MIME)
        zf.writestr("content.xml", ODT_CONTENT)
        zf.writestr("meta.xml", ODT_META)
        zf.writestr("META-INF/manifest.xml", manifest)
    return path


def test_odt_text_and_meta(tmp_path: Path, ctx) -> None:
    result = OdtReader().read(make_odt(tmp_path / "report.odt"), ctx)
    text = result.pages[0].text
    assert text.splitlines()[0] == "Field report"
    assert "Met the courier at   the docks.\tNoted." in text
    assert "Crate 17" in text
    assert "Second line\ncontinued." in text
    assert result.metadata["author"] == ["Ana Silva"]
    assert result.metadata["last_modified_by"] == ["Rui Costa"]
    assert result.metadata["title"] == ["Field report"]
    assert result.metadata["created"] == ["2019-05-04T10:00:00"]
    assert result.metadata["modified"] == ["2019-05-05T11:00:00"]


def test_odt_encrypted(tmp_path: Path, ctx) -> None:
    manifest = ('<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
                '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data/>'
                "</manifest:file-entry></manifest:manifest>")
    with pytest.raises(EncryptedError):
        OdtReader().read(make_odt(tmp_path / "locked.odt", manifest), ctx)


def test_odt_bad_zip(tmp_path: Path, ctx) -> None:
    path = tmp_path / "bad.odt"
    path.write_bytes(b"garbage" * 100)
    with pytest.raises(CorruptError, match="not a valid zip"):
        OdtReader().read(path, ctx)


def test_odt_bad_xml(tmp_path: Path, ctx) -> None:
    path = tmp_path / "badxml.odt"
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("content.xml", "<office:document-content><unclosed>")
    with pytest.raises(CorruptError, match=r"content\.xml"):
        OdtReader().read(path, ctx)


# --- PPTX -----------------------------------------------------------------------------------------

A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
P_NS = "http://schemas.openxmlformats.org/presentationml/2006/main"


def slide_xml(*paragraphs: list[str]) -> str:
    paras = "".join("<a:p>" + "".join(f"<a:r><a:t>{run}</a:t></a:r>" for run in runs) + "</a:p>"
                    for runs in paragraphs)
    return (f'<p:sld xmlns:a="{A_NS}" xmlns:p="{P_NS}"><p:cSld><p:spTree><p:sp><p:txBody>{paras}'
            "</p:txBody></p:sp></p:spTree></p:cSld></p:sld>")


def make_pptx(path: Path) -> Path:
    core = ('<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/'
            'core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:dcterms="http://purl.org/dc/terms/"><dc:creator>Mia Wong</dc:creator>'
            "<dc:title>Pitch deck</dc:title><dcterms:created>2018-01-02T03:04:05Z</dcterms:created>"
            "</cp:coreProperties>")
    with zipfile.ZipFile(path, "w") as zf:
        zf.writestr("ppt/presentation.xml", f'<p:presentation xmlns:p="{P_NS}"/>')
        zf.writestr("ppt/slides/slide1.xml", slide_xml(["Project ", "Falcon"], ["Confidential"]))
        zf.writestr("ppt/slides/slide2.xml", slide_xml(["Budget: 4M"]))
        zf.writestr("ppt/slides/slide10.xml", slide_xml(["Questions?"]))
        zf.writestr("docProps/core.xml", core)
    return path


def test_pptx_one_page_per_slide_in_order(tmp_path: Path, ctx) -> None:
    result = PptxReader().read(make_pptx(tmp_path / "deck.pptx"), ctx)
    assert [p.number for p in result.pages] == [1, 2, 3]
    assert result.pages[0].text == "Project Falcon\nConfidential"
    assert result.pages[1].text == "Budget: 4M"
    assert result.pages[2].text == "Questions?"  # slide10 sorts after slide2
    assert result.metadata["author"] == ["Mia Wong"]
    assert result.metadata["title"] == ["Pitch deck"]
    assert result.metadata["created"] == ["2018-01-02T03:04:05Z"]


def test_pptx_bad_zip(tmp_path: Path, ctx) -> None:
    path = tmp_path / "bad.pptx"
    path.write_bytes(b"\x00" * 300)
    with pytest.raises(CorruptError):
        PptxReader().read(path, ctx)


# --- legacy and registration ----------------------------------------------------------------------


def test_legacy_doc_and_ppt_are_unsupported(tmp_path: Path, ctx) -> None:
    path = tmp_path / "old.doc"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 100)
    with pytest.raises(UnsupportedError, match=r"convert to \.docx"):
        LegacyDocReader().read(path, ctx)
    with pytest.raises(UnsupportedError, match=r"convert to \.pptx"):
        LegacyPptReader().read(path, ctx)


@pytest.mark.parametrize(("mime", "ext", "kind"), [
    (DOCX_MIME, ".docx", "docx"),
    (ODT_MIME, ".odt", "odt"),
    (PPTX_MIME, ".pptx", "pptx"),
    ("application/msword", ".doc", "doc"),
    ("application/vnd.ms-powerpoint", ".ppt", "ppt"),
    ("application/encrypted", ".docx", "docx"),  # libmagic's name for encrypted OOXML
])
def test_registration(mime: str, ext: str, kind: str) -> None:
    reader = choose_reader(mime, ext)
    assert reader is not None and reader.kind == kind


# --- real-world files -------------------------------------------------------------------------------


def test_fixture_docx(ctx) -> None:
    result = DocxReader().read(fixture("hello world word.docx"), ctx)
    assert result.text == "Hello world, Word!"
    assert result.metadata["author"] == ["Dzmitry Lahoda"]
    assert result.metadata["created"] == ["2015-09-07T10:57:00+00:00"]
    assert result.metadata["modified"] == ["2015-10-05T08:57:00+00:00"]
    assert result.metadata["revision"] == ["3"]


def test_fixture_odt(ctx) -> None:
    result = OdtReader().read(fixture("Plan.odt"), ctx)
    assert "paint graffiti on all corners of Trump tower" in result.text
    assert result.metadata["created"] == ["2017-02-21T01:31:21.535000000"]


def test_fixture_pandoc_odt(ctx) -> None:
    result = OdtReader().read(fixture("rand-1670433101.440986000.odt"), ctx)
    assert result.text.startswith("graphomaniac Talpa Deuteronomical")


def test_fixture_encrypted_odt(ctx) -> None:
    with pytest.raises(EncryptedError):
        OdtReader().read(fixture("encypted_by_libreoffice.odt"), ctx)


def test_fixture_encrypted_ooxml_named_docx(tmp_path: Path, ctx) -> None:
    locked = tmp_path / "locked.docx"
    shutil.copy(fixture("password_protected.xlsx"), locked)
    with pytest.raises(EncryptedError):
        DocxReader().read(locked, ctx)


def test_fixture_word97_named_docx_is_not_mistaken(tmp_path: Path, ctx) -> None:
    path = tmp_path / "renamed.docx"
    shutil.copy(fixture("doc.doc"), path)
    with pytest.raises(CorruptError, match="OLE"):
        DocxReader().read(path, ctx)


def test_fixture_legacy_doc(ctx) -> None:
    reader = choose_reader("application/msword", ".doc")
    assert reader is not None
    with pytest.raises(UnsupportedError):
        reader.read(fixture("doc.doc"), ctx)
