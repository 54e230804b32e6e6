"""Spreadsheets (xlsx, xls, ods via calamine) and delimited text (csv, tsv)."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from sleuth.errors import CorruptError, EncryptedError
from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register
from sleuth.read.text import decode_bytes, normalise_newlines

MAX_CELLS = 2_000_000  # per workbook; beyond this the rest is cut off

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def _is_encrypted(path: Path) -> bool:
    """True for an OLE file holding an encrypted workbook (encrypted xlsx, or xls with a password)."""
    with path.open("rb") as fh:
        if fh.read(8) != _OLE_MAGIC:
            return False
    try:
        import msoffcrypto

        with path.open("rb") as fh:
            office = msoffcrypto.OfficeFile(fh)
            return bool(office.is_encrypted())
    except Exception:
        try:
            import olefile

            with olefile.OleFileIO(str(path)) as ole:
                return bool(ole.exists("EncryptedPackage"))
        except Exception:
            return False


@register
class SpreadsheetReader(Reader):
    """Excel and OpenDocument workbooks: one page per sheet, rows as tab-separated lines."""

    name = "spreadsheet"
    kind = "xlsx"
    mime_types = frozenset({
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "application/vnd.ms-excel",
        "application/vnd.ms-excel.sheet.macroEnabled.12",
        "application/vnd.oasis.opendocument.spreadsheet",
    })
    extensions = frozenset({".xlsx", ".xlsm", ".xls", ".ods"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        if _is_encrypted(path):
            raise EncryptedError("the workbook is password-protected; supply a decrypted copy")
        from python_calamine import CalamineWorkbook

        try:
            workbook = CalamineWorkbook.from_path(str(path))
        except Exception as exc:
            raise CorruptError(f"cannot open the workbook: {exc}") from exc
        result = ReadResult()
        cells = 0
        for number, sheet_name in enumerate(workbook.sheet_names, start=1):
            lines = [f"# Sheet: {sheet_name}"]
            result.add_meta("sheet", sheet_name)
            try:
                rows = workbook.get_sheet_by_name(sheet_name).to_python(skip_empty_area=False)
            except Exception as exc:
                lines.append(f"(sheet could not be read: {exc})")
                rows = []
            for row in rows:
                if cells >= MAX_CELLS:
                    lines.append("(cut off: too many cells)")
                    break
                cells += len(row)
                line = "\t".join(_cell_text(v) for v in row).rstrip("\t")
                if line:
                    lines.append(line)
            result.pages.append(Page(number, "\n".join(lines)))
        return result


@register
class CsvReader(Reader):
    """Comma- or tab-separated text, any encoding, dialect sniffed."""

    name = "csv"
    kind = "csv"
    mime_types = frozenset({"text/csv", "text/tab-separated-values", "application/csv"})
    extensions = frozenset({".csv", ".tsv"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        text, encoding = decode_bytes(path.read_bytes())
        text = normalise_newlines(text)
        dialect: type[csv.Dialect] | csv.Dialect
        if path.suffix.lower() == ".tsv":
            dialect = csv.excel_tab
        else:
            try:
                dialect = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|")
            except csv.Error:
                dialect = csv.excel
        lines = []
        try:
            for row in csv.reader(io.StringIO(text), dialect):
                line = "\t".join(c.replace("\t", " ").replace("\n", " ") for c in row).rstrip("\t")
                if line:
                    lines.append(line)
        except csv.Error:
            lines = [line for line in text.split("\n") if line]
        result = ReadResult(pages=[Page(1, "\n".join(lines))])
        result.add_meta("encoding", encoding)
        return result
