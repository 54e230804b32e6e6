"""PdfReader: text per page via pdftotext, pdfinfo metadata, OCR marking, encrypted and damaged files."""

from __future__ import annotations

from pathlib import Path

import pytest
from fpdf import FPDF

from sleuth.errors import CorruptError, EncryptedError
from sleuth.read.base import choose_reader
from sleuth.read.pdf import PdfReader, parse_pdfinfo

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "ingest-file-fixtures"


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path


def make_pdf(path: Path, pages: list[str], **encryption: str) -> Path:
    pdf = FPDF()
    pdf.set_title("Quarterly Report")
    pdf.set_author("Jane Doe")
    if encryption:
        pdf.set_encryption(**encryption)
    for text in pages:
        pdf.add_page()
        pdf.set_font("Helvetica", size=12)
        if text:
            pdf.multi_cell(0, 10, text)
    pdf.output(str(path))
    return path


def test_pages_text_and_metadata(tmp_path: Path, ctx) -> None:
    path = make_pdf(tmp_path / "report.pdf", [
        "The shipment left Rotterdam on Monday with forty containers.",
        "",
        "Payment was routed through Limassol before reaching Riga.",
    ])
    result = PdfReader().read(path, ctx)
    assert [p.number for p in result.pages] == [1, 2, 3]
    assert "Rotterdam" in result.pages[0].text
    assert result.pages[1].text.strip() == ""
    assert "Limassol" in result.pages[2].text
    assert [p.needs_ocr for p in result.pages] == [False, True, False]
    assert result.metadata["title"] == ["Quarterly Report"]
    assert result.metadata["author"] == ["Jane Doe"]
    assert result.metadata["created"][0].startswith("20")
    assert "\f" not in result.pages[0].text


def test_min_chars_setting_controls_needs_ocr(tmp_path: Path, ctx) -> None:
    path = make_pdf(tmp_path / "short.pdf", ["Short note."])  # 11 characters
    assert PdfReader().read(path, ctx).pages[0].needs_ocr is True  # default threshold: 20
    ctx.settings = ctx.settings.replace(pdf_min_chars_per_page=5)
    assert PdfReader().read(path, ctx).pages[0].needs_ocr is False


def test_user_password_pdf_is_encrypted(tmp_path: Path, ctx) -> None:
    path = make_pdf(tmp_path / "locked.pdf", ["Top secret plans"], owner_password="own", user_password="pw")
    with pytest.raises(EncryptedError) as info:
        PdfReader().read(path, ctx)
    assert "password-protected" in info.value.message
    assert info.value.reason.startswith("encrypted: ")


def test_owner_password_only_pdf_is_still_read(tmp_path: Path, ctx) -> None:
    path = make_pdf(tmp_path / "restricted.pdf", ["Printing is restricted but reading is fine"],
                    owner_password="own")
    result = PdfReader().read(path, ctx)
    assert "reading is fine" in result.text


def test_garbage_is_corrupt_with_reason(tmp_path: Path, ctx) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(b"%PDF-1.4\n" + bytes(range(256)) * 20)
    with pytest.raises(CorruptError) as info:
        PdfReader().read(path, ctx)
    assert "damaged" in info.value.message
    assert "(" in info.value.message  # poppler's own reason is included


def test_truncated_pdf_is_corrupt(tmp_path: Path, ctx) -> None:
    good = make_pdf(tmp_path / "good.pdf", ["Some text"])
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(good.read_bytes()[:200])
    with pytest.raises(CorruptError):
        PdfReader().read(bad, ctx)


def test_empty_file_is_corrupt(tmp_path: Path, ctx) -> None:
    path = tmp_path / "empty.pdf"
    path.write_bytes(b"")
    with pytest.raises(CorruptError, match="empty"):
        PdfReader().read(path, ctx)


def test_parse_pdfinfo() -> None:
    info = parse_pdfinfo("Title:          A: B\nPages:          3\nEncrypted:      no\n")
    assert info == {"Title": "A: B", "Pages": "3", "Encrypted": "no"}


def test_registered_for_pdf() -> None:
    reader = choose_reader("application/pdf", ".pdf")
    assert reader is not None and reader.kind == "pdf"


# --- real-world files -------------------------------------------------------------------------------


def test_fixture_readme(ctx) -> None:
    result = PdfReader().read(fixture("readme.pdf"), ctx)
    assert len(result.pages) == 1
    assert "Welcome to Ingestors" in result.text
    assert result.metadata["producer"] == ["Skia/PDF m56"]
    assert result.metadata["created"] == ["2017-03-28T10:14:29Z"]


def test_fixture_500_pages(ctx) -> None:
    result = PdfReader().read(fixture("500 pages.pdf"), ctx)
    assert len(result.pages) == 500
    assert result.pages[-1].number == 500
    assert all("Hello, World!" in p.text for p in result.pages)


def test_fixture_german_unicode(ctx) -> None:
    result = PdfReader().read(fixture("udhr_ger.pdf"), ctx)
    assert len(result.pages) == 6
    assert "Allgemeine Erklärung der Menschenrechte" in result.pages[0].text
    assert all(p.text.strip() for p in result.pages)
    assert result.metadata["author"] == ["OHCHR"]


def test_fixture_scanned_pages_need_ocr(ctx) -> None:
    result = PdfReader().read(fixture("greek.pdf"), ctx)
    assert result.pages
    assert all(p.needs_ocr for p in result.pages)


def test_fixture_password_protected(ctx) -> None:
    with pytest.raises(EncryptedError):
        PdfReader().read(fixture("password-hunter2.pdf"), ctx)


def test_fixture_two_pages(ctx) -> None:
    result = PdfReader().read(fixture("twopage.pdf"), ctx)
    assert len(result.pages) == 2
    assert "Page one" in result.pages[0].text
    assert "Page two" in result.pages[1].text
