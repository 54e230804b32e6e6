"""The default demo trove holds every kind of file the pipeline must handle, each marked."""

from __future__ import annotations

import email
import hashlib
import io
import mailbox
import zipfile
from email import policy
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from sleuth.demo import write_demo_trove
from sleuth.errors import SleuthError
from tests.demo.conftest import DemoTrove, pdftotext

MARK_EN = "SYNTHETIC DEMO DATA"
MARK_AR = "بيانات تجريبية مصطنعة"


def test_size_and_layout(demo_trove: DemoTrove) -> None:
    on_disk = sorted(p for p in (demo_trove.outdir / "trove").rglob("*") if p.is_file())
    assert 300 <= len(on_disk) <= 500
    assert len(on_disk) == demo_trove.summary.files == demo_trove.truth["summary"]["files"]
    assert (demo_trove.outdir / "truth.json").is_file()
    assert not (demo_trove.outdir / "trove" / "truth.json").exists()
    folders = {p.relative_to(demo_trove.outdir / "trove").parts[0] for p in on_disk}
    assert {"letters", "orders", "forms", "mail", "finance", "web", "forum", "misc", "backup"} <= folders
    assert any(any("\u0600" <= ch <= "\u06ff" for ch in p.name) for p in on_disk), "no Arabic file names"


def test_every_kind_of_file_is_there(demo_trove: DemoTrove) -> None:
    formats = demo_trove.truth["summary"]["formats"]
    for fmt in (
        "pdf",
        "pdf-image",
        "docx",
        "png",
        "tif",
        "jpg",
        "eml",
        "mbox",
        "xlsx",
        "csv",
        "html",
        "txt",
        "zip",
    ):
        assert formats.get(fmt, 0) >= 1, fmt
    kinds = demo_trove.truth["summary"]["kinds"]
    for kind in (
        "letter",
        "order",
        "form",
        "email",
        "mailbox",
        "spreadsheet",
        "news",
        "forum",
        "note",
        "archive",
    ):
        assert kinds.get(kind, 0) >= 1, kind
    languages = {f["language"] for f in demo_trove.files}
    assert {"ar", "en"} <= languages
    scans = [f for f in demo_trove.files if f["needs_ocr"]]
    assert len(scans) >= 20
    assert {f["language"] for f in scans if f["kind"] == "form"} == {"ar", "en"}
    assert any(f["kind"] == "form" and f["language"] == "en" for f in demo_trove.files)
    emails_with_attachments = [
        f for f in demo_trove.files if f["format"] == "eml" and f["metadata"].get("attachments")
    ]
    assert len(emails_with_attachments) >= 5


def _texts(demo: DemoTrove, record: dict[str, object]) -> list[str]:
    """Every text a reader gets out of the file (one per message, sheet or page set)."""
    path = demo.path(str(record["path"]))
    fmt = record["format"]
    data = path.read_bytes()
    if fmt in ("txt", "csv"):
        encoding = {"windows-1256": "cp1256", "utf-16": "utf-16"}.get(
            str(record["metadata"].get("encoding", "")), "utf-8-sig"
        )  # type: ignore[union-attr]
        return [data.decode(encoding)]
    if fmt == "html":
        return [data.decode("utf-8")]
    if fmt == "eml":
        msg = email.message_from_bytes(data, policy=policy.default)
        return [msg.get_body(("plain",)).get_content()]  # type: ignore[union-attr]
    if fmt == "mbox":
        box = mailbox.mbox(str(path))
        return [m.get_payload(decode=True).decode("utf-8") for m in box]  # type: ignore[union-attr]
    if fmt in ("pdf",):
        return [pdftotext(path)]
    if fmt == "docx":
        return ["\n".join(p.text for p in Document(str(path)).paragraphs)]
    if fmt == "xlsx":
        wb = load_workbook(io.BytesIO(data), read_only=True)
        return [str(next(ws.iter_rows(values_only=True))[0]) for ws in wb.worksheets]
    if fmt == "zip":
        with zipfile.ZipFile(path) as zf:
            return [zf.read("README.txt").decode("utf-8")]
    raise AssertionError(f"no text reader for {fmt}")


def test_every_text_file_says_it_is_synthetic(demo_trove: DemoTrove) -> None:
    broken = {b["path"] for b in demo_trove.truth["broken"] if b["problem"] != "legacy-encoding"}
    checked = 0
    for record in demo_trove.files:
        if record["path"] in broken or record["needs_ocr"] or record["format"] in ("png", "tif", "jpg"):
            continue
        for text in _texts(demo_trove, record):
            assert MARK_EN in text, record["path"]
            if record["language"] == "ar":
                assert MARK_AR in text, record["path"]
        checked += 1
    assert checked >= 250
    # scanned pages carry the marking in their pixels; their true text says so
    for record in demo_trove.files:
        if record["needs_ocr"] and record["path"] not in broken:
            assert MARK_EN in record["ocr_text"][0], record["path"]


def test_duplicates(demo_trove: DemoTrove) -> None:
    groups = demo_trove.truth["duplicates"]
    exact = [g for g in groups if g["kind"] == "exact"]
    near = [g for g in groups if g["kind"] == "near"]
    assert len(exact) >= 10 and len(near) >= 8
    for group in exact:
        digests = {hashlib.sha256(demo_trove.path(p).read_bytes()).hexdigest() for p in group["paths"]}
        assert len(digests) == 1, group
        assert (
            len({Path(p).name for p in group["paths"]}) > 1
            or len({str(Path(p).parent) for p in group["paths"]}) > 1
        )
    for group in near:
        digests = {hashlib.sha256(demo_trove.path(p).read_bytes()).hexdigest() for p in group["paths"]}
        assert len(digests) == len(group["paths"]), group
        assert group["changes"]
    changes = " ".join(c for g in near for c in g["changes"])
    assert "OCR" in changes and "wording" in changes and "diacritics" in changes


def test_broken_files_are_really_broken(demo_trove: DemoTrove) -> None:
    broken = {b["problem"]: b["path"] for b in demo_trove.truth["broken"]}
    assert {"empty", "truncated", "corrupt", "wrong-extension", "encrypted", "legacy-encoding"} <= set(broken)
    assert demo_trove.path(broken["empty"]).stat().st_size == 0
    assert b"%%EOF" not in demo_trove.path(broken["truncated"]).read_bytes()
    with pytest.raises(zipfile.BadZipFile):
        zipfile.ZipFile(demo_trove.path(broken["corrupt"]))
    wrong = demo_trove.path(broken["wrong-extension"])
    assert wrong.suffix == ".pdf" and wrong.read_bytes().startswith(b"\x89PNG")
    assert b"/Encrypt" in demo_trove.path(broken["encrypted"]).read_bytes()
    encodings = [
        demo_trove.path(b["path"]).read_bytes()
        for b in demo_trove.truth["broken"]
        if b["problem"] == "legacy-encoding"
    ]
    assert any(data.startswith(b"\xff\xfe") for data in encodings)  # UTF-16 LE
    cp1256 = next(data for data in encodings if not data.startswith(b"\xff\xfe"))
    with pytest.raises(UnicodeDecodeError):
        cp1256.decode("utf-8")
    assert MARK_AR in cp1256.decode("cp1256")


def test_zip_inside_a_zip(demo_trove: DemoTrove) -> None:
    archive = next(f for f in demo_trove.files if f["format"] == "zip")
    with zipfile.ZipFile(demo_trove.path(archive["path"])) as outer:
        inner_names = [n for n in outer.namelist() if n.endswith(".zip")]
        assert inner_names
        with zipfile.ZipFile(io.BytesIO(outer.read(inner_names[0]))) as inner:
            assert len(inner.namelist()) >= 2


def test_forgeries_have_reasons_and_tells(demo_trove: DemoTrove) -> None:
    forgeries = demo_trove.truth["forgeries"]
    assert len(forgeries) >= 5
    assert {"metadata", "template", "calendar", "headers"} <= {f["signal"] for f in forgeries}
    by_signal = {f["signal"]: f["path"] for f in forgeries}
    files = {f["path"]: f for f in demo_trove.files}
    for forgery in forgeries:
        assert forgery["reason"] and files[forgery["path"]]["notes"].startswith("FORGED")
        path = demo_trove.path(forgery["path"])
        if forgery["signal"] == "metadata" and path.suffix == ".pdf":
            assert b"/CreationDate (D:2019" in path.read_bytes()
        elif forgery["signal"] == "metadata":
            assert Document(str(path)).core_properties.created.year == 2017  # type: ignore[union-attr]
    form = files[by_signal["template"]]
    assert form["template"] == "form-v2" and form["date"] < "2016-01-01"
    eml = email.message_from_bytes(demo_trove.path(by_signal["headers"]).read_bytes(), policy=policy.default)
    sent = eml["Date"].datetime
    received = [h.split(";")[-1].strip() for h in eml.get_all("Received")]
    assert all(str(sent.year) not in r for r in received)


def test_a_folder_that_is_not_a_demo_trove_is_left_alone(tmp_path: Path) -> None:
    (tmp_path / "trove").mkdir()
    (tmp_path / "trove" / "precious.txt").write_text("keep me")
    with pytest.raises(SleuthError, match="not a demo trove"):
        write_demo_trove(tmp_path)
    assert (tmp_path / "trove" / "precious.txt").read_text() == "keep me"
