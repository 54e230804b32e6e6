"""Spreadsheet (xlsx/xls/ods) and CSV readers."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from sleuth.errors import EncryptedError
from sleuth.read.spreadsheet import CsvReader, SpreadsheetReader

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "ingest-file-fixtures"


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path


def test_xlsx_one_page_per_sheet(tmp_path: Path, ctx) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "People"
    ws.append(["name", "city", "amount"])
    ws.append(["Alice", "Tunis", 12])
    ws2 = wb.create_sheet("Money")
    ws2.append(["account", 1.5])
    path = tmp_path / "book.xlsx"
    wb.save(path)

    result = SpreadsheetReader().read(path, ctx)

    assert [p.number for p in result.pages] == [1, 2]
    assert result.pages[0].text.splitlines() == ["# Sheet: People", "name\tcity\tamount", "Alice\tTunis\t12"]
    assert result.pages[1].text.splitlines() == ["# Sheet: Money", "account\t1.5"]
    assert result.metadata["sheet"] == ["People", "Money"]


def test_real_xlsx_three_sheets(ctx) -> None:
    result = SpreadsheetReader().read(fixture("staff_list.xlsx"), ctx)
    assert result.metadata["sheet"] == ["list_01", "list_02", "list_03"]
    assert "Karina\tShedrofsky\tOCCRP" in result.pages[0].text


@pytest.mark.parametrize("name", ["rom.xls", "rom.ods"])
def test_real_xls_and_ods_keep_diacritics(name: str, ctx) -> None:
    result = SpreadsheetReader().read(fixture(name), ctx)
    assert "Tip procedură" in result.pages[0].text
    assert result.pages[0].text.startswith("# Sheet: Лист1")


@pytest.mark.parametrize("name", ["password_protected.xlsx", "password_protected.xls"])
def test_encrypted_workbooks(name: str, ctx) -> None:
    with pytest.raises(EncryptedError):
        SpreadsheetReader().read(fixture(name), ctx)


def test_csv_semicolon_dialect(tmp_path: Path, ctx) -> None:
    path = tmp_path / "data.csv"
    path.write_text('name;note\nAlice;"hello; world"\nBob;x\n', encoding="utf-8")
    result = CsvReader().read(path, ctx)
    assert result.text.splitlines() == ["name\tnote", "Alice\thello; world", "Bob\tx"]


def test_csv_single_column_falls_back(tmp_path: Path, ctx) -> None:
    path = tmp_path / "one.csv"
    path.write_text("x\n", encoding="utf-8")
    assert CsvReader().read(path, ctx).text == "x"


def test_csv_cp1252(tmp_path: Path, ctx) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("ville,pays\nMontréal,Canada\nGenève,Suisse\n".encode("cp1252"))
    result = CsvReader().read(path, ctx)
    assert "Genève\tSuisse" in result.text


def test_real_csv(ctx) -> None:
    result = CsvReader().read(fixture("countries.csv"), ctx)
    lines = result.text.splitlines()
    assert lines[0].split("\t")[:3] == ["euname", "modified", "linked_country"]
    assert any("Åland Islands" in line for line in lines)
    assert result.metadata["encoding"] == ["utf-8"]


@pytest.mark.parametrize("name", ["file.xlsx", "rom.xls", "rom.ods"])
def test_blob_without_suffix(name: str, tmp_path: Path, ctx) -> None:
    blob = tmp_path / "0123abcd"  # the pipeline hands readers content-addressed blobs
    blob.write_bytes(fixture(name).read_bytes())
    assert SpreadsheetReader().read(blob, ctx).metadata["sheet"]
