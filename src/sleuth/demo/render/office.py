"""Word and Excel files (python-docx, openpyxl) with properties taken from the story.

Both libraries stamp files with the clock (core properties, ZIP member dates); every such
value is overwritten here so the same spec gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass, field
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.writer.excel import ExcelWriter

from sleuth.demo.compose import Doc
from sleuth.demo.render.archive import normalise_zip

_SIZES = {
    "marking": 7.5,
    "letterhead": 13,
    "meta": 10,
    "title": 13,
    "para": 11,
    "field": 12,
    "signature": 11,
    "small": 8,
}


@dataclass(frozen=True)
class DocxOptions:
    """Overrides of the Word core properties (used by forgeries)."""

    created: dt.datetime | None = None
    modified: dt.datetime | None = None
    author: str | None = None
    last_modified_by: str | None = None
    revision: int = 1


def _rtl(paragraph: Any) -> None:
    ppr = paragraph._p.get_or_add_pPr()
    bidi = OxmlElement("w:bidi")
    ppr.insert(0, bidi)
    for run in paragraph.runs:
        rpr = run._r.get_or_add_rPr()
        rpr.append(OxmlElement("w:rtl"))


def _naive(when: dt.datetime) -> dt.datetime:
    return when.astimezone(dt.UTC).replace(tzinfo=None) if when.tzinfo else when


def render_docx(doc: Doc, options: DocxOptions | None = None) -> bytes:
    """The document as a .docx; Arabic paragraphs right-to-left."""
    options = options or DocxOptions()
    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "Arial"
    rfonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    rfonts.set(qn("w:cs"), "Arial")
    for block in doc.blocks:
        paragraph = document.add_paragraph()
        run = paragraph.add_run(block.text)
        run.font.size = Pt(_SIZES.get(block.style, 11))
        run.font.bold = block.style in ("letterhead", "title", "signature")
        if block.style in ("letterhead", "title", "marking"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif doc.lang == "ar":
            paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        if doc.lang == "ar":
            _rtl(paragraph)
    created = _naive(options.created or doc.when)
    props = document.core_properties
    props.author = options.author if options.author is not None else doc.author
    props.last_modified_by = options.last_modified_by or props.author
    props.title = doc.title
    props.created = created
    props.modified = _naive(options.modified) if options.modified else created + dt.timedelta(minutes=17)
    props.last_printed = created + dt.timedelta(minutes=20)
    props.revision = options.revision
    props.language = "ar-SY" if doc.lang == "ar" else "en-GB"
    props.comments = ""
    out = io.BytesIO()
    document.save(out)
    return normalise_zip(out.getvalue(), props.modified)


@dataclass
class SheetSpec:
    """One worksheet: a title row (the marking), a header row and data rows."""

    title: str
    header: list[str]
    rows: list[list[Any]]
    rtl: bool = False
    note: str = ""
    widths: list[int] = field(default_factory=list)


@dataclass
class WorkbookSpec:
    """A workbook and its core properties."""

    sheets: list[SheetSpec]
    author: str
    title: str
    created: dt.datetime
    modified: dt.datetime


def render_xlsx(spec: WorkbookSpec) -> bytes:
    """The workbook as .xlsx with fixed properties and member dates."""
    wb = Workbook()
    wb.remove(wb.active)
    for sheet in spec.sheets:
        ws = wb.create_sheet(sheet.title)
        ws.sheet_view.rightToLeft = sheet.rtl
        ws.append([sheet.note])
        ws.append(sheet.header)
        for cell in ws[2]:
            cell.font = Font(bold=True)
        for row in sheet.rows:
            ws.append(row)
        for i, width in enumerate(sheet.widths):
            ws.column_dimensions[chr(ord("A") + i)].width = width
    wb.properties.creator = spec.author
    wb.properties.lastModifiedBy = spec.author
    wb.properties.title = spec.title
    wb.properties.created = _naive(spec.created)
    wb.properties.modified = _naive(spec.modified)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()  # not save_workbook(): that stamps `modified` with now()
    return normalise_zip(out.getvalue(), spec.modified)
