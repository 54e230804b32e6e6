"""Born-digital PDFs with a real text layer (fpdf2 + DejaVu Sans, HarfBuzz shaping for Arabic).

The OpenType ligature features `liga` and `rlig` are switched off for Arabic: with them on,
fpdf2 maps the lam-alef ligature glyph back to the two letters in visual order, so
`pdftotext` reads "الأخ" as "األخ". Without them the letters are drawn joined but separately
and the text layer comes out in logical order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from fpdf import FPDF

from sleuth.demo.compose import Doc
from sleuth.demo.render import fonts

ARABIC_FEATURES = {"liga": False, "rlig": False}

# style -> (bold, size pt, line height mm, centred)
_LAYOUT: dict[str, tuple[bool, float, float, bool]] = {
    "marking": (False, 7.5, 4.0, True),
    "letterhead": (True, 13.0, 6.5, True),
    "meta": (False, 10.0, 5.5, False),
    "title": (True, 12.5, 8.0, True),
    "para": (False, 11.0, 6.2, False),
    "field": (False, 11.5, 8.0, False),
    "signature": (True, 11.0, 6.5, False),
    "small": (False, 8.0, 4.5, False),
}


@dataclass(frozen=True)
class PdfOptions:
    """How a document is written to PDF: metadata overrides, encryption."""

    user_password: str | None = None
    owner_password: str | None = None
    creation_date: dt.datetime | None = None


def _wrap(pdf: FPDF, text: str, width: float) -> list[str]:
    """Greedy word wrap measured with the shaped width (one shaping per candidate line)."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and pdf.get_string_width(candidate) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def new_pdf(doc: Doc, options: PdfOptions | None = None) -> FPDF:
    """An FPDF with the document's metadata set from the story, fonts loaded."""
    options = options or PdfOptions()
    pdf = FPDF(format="A4")
    pdf.set_creation_date(options.creation_date or doc.when)
    pdf.set_title(doc.title)
    pdf.set_author(doc.author)
    pdf.set_creator(doc.creator)
    pdf.set_producer(doc.producer)
    pdf.set_lang("ar" if doc.lang == "ar" else "en")
    if options.user_password is not None or options.owner_password is not None:
        pdf.set_encryption(
            owner_password=options.owner_password or "owner", user_password=options.user_password or ""
        )
    pdf.add_font("dejavu", "", fonts.font("regular"))
    pdf.add_font("dejavu", "B", fonts.font("bold"))
    if doc.lang == "ar":
        pdf.set_text_shaping(use_shaping_engine=True, features=ARABIC_FEATURES)
    pdf.set_margins(20, 18, 20)
    pdf.set_auto_page_break(True, margin=18)
    return pdf


def render_pdf(doc: Doc, options: PdfOptions | None = None) -> bytes:
    """The document as a PDF with a text layer."""
    pdf = new_pdf(doc, options)
    pdf.add_page()
    width = pdf.w - pdf.l_margin - pdf.r_margin
    align_body = "R" if doc.lang == "ar" else "L"
    previous = ""
    for block in doc.blocks:
        bold, size, height, centred = _LAYOUT.get(block.style, _LAYOUT["para"])
        pdf.set_font("dejavu", "B" if bold else "", size)
        pdf.set_text_color(110 if block.style in ("marking", "small") else 0)
        if block.style == "title" or (block.style == "para" and previous not in ("para", "")):
            pdf.ln(2.5)
        for line in _wrap(pdf, block.text, width - 2):
            pdf.cell(
                w=width,
                h=height,
                text=line,
                align="C" if centred else align_body,
                new_x="LMARGIN",
                new_y="NEXT",
            )
        if block.style == "para":
            pdf.ln(1.5)
        previous = block.style
    return bytes(pdf.output())
