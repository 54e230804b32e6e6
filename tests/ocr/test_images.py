"""Page images of PDFs: a page that is one scan gives the scan's pixels; others are rendered."""

from __future__ import annotations

import io
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw

from sleuth.ocr.images import pdf_page

A4 = (210, 297)  # mm


def _scan(width: int, height: int) -> Image.Image:
    image = Image.new("L", (width, height), 235)
    ImageDraw.Draw(image).rectangle((width // 4, height // 4, width // 2, height // 3), fill=20)
    return image


def _pdf(path: Path, image: Image.Image, *, text: str = "", rotate: int = 0) -> Path:
    pdf = FPDF(unit="mm", format=A4)
    pdf.add_page()
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    pdf.image(buffer, x=0, y=0, w=A4[0], h=A4[1])
    if text:
        pdf.set_font("helvetica", size=12)
        pdf.text(20, 20, text)
    pdf.output(str(path))
    if rotate:
        import pypdfium2 as pdfium

        doc = pdfium.PdfDocument(str(path))
        doc[0].set_rotation(rotate)
        doc.save(str(path))
        doc.close()
    return path


def test_a_page_that_is_one_300_dpi_scan_gives_the_scans_own_pixels(tmp_path: Path) -> None:
    scan = _scan(2480, 3508)
    page = pdf_page(_pdf(tmp_path / "scan.pdf", scan), 1, 300, 100_000_000)
    assert page.image.size == scan.size
    assert page.dpi == 300
    assert page.image.tobytes() == scan.tobytes()


def test_pages_with_more_than_the_scan_are_rendered(tmp_path: Path) -> None:
    scan = _scan(2480, 3508)
    stamped = pdf_page(_pdf(tmp_path / "text.pdf", scan, text="Received 2014-03-01"), 1, 300, 100_000_000)
    assert stamped.image.tobytes() != scan.tobytes()  # the text is drawn on the page image
    turned = pdf_page(_pdf(tmp_path / "turned.pdf", scan, rotate=90), 1, 300, 100_000_000)
    assert turned.image.width > turned.image.height  # rendered the way a reader shows it


def test_a_low_resolution_scan_is_rendered_at_the_asked_resolution(tmp_path: Path) -> None:
    page = pdf_page(_pdf(tmp_path / "low.pdf", _scan(595, 842)), 1, 300, 100_000_000)
    assert page.dpi == 300
    assert abs(page.image.width - 2480) <= 2
