"""The OCR stage in `sleuth ingest`: scanned pages become searchable, page by page, once."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from fpdf import FPDF
from PIL import Image

from sleuth.case import Case
from sleuth.ingest import ingest
from sleuth.ocr import stage
from sleuth.search.case_search import search
from tests.conftest import run_cli
from tests.ocr.drawing import draw_page, png_bytes, save, tesseract_or_skip

ARABIC = ["الدولة الإسلامية ديوان الجند", "الاسم: محمد بن فراس الرجب"]
ENGLISH = ["Registration form of the border office", "Name: Fadel Mansour"]


@pytest.fixture(autouse=True)
def _tesseract() -> None:
    tesseract_or_skip()


def _hits(case: Case, query: str) -> list[str]:
    _, hits = search(case, query)
    return [h.hit.path for h in hits]


def _ocr_rows(case: Case) -> list[tuple[Any, ...]]:
    with sqlite3.connect(case.root / "case.db") as conn:
        return conn.execute("SELECT document_id, number, status, error FROM ocr_pages "
                            "ORDER BY document_id, number").fetchall()


def test_scanned_pages_become_searchable_in_both_scripts(case: Case, tmp_path: Path) -> None:
    src = tmp_path / "src"
    save(draw_page(ARABIC), src / "form.png")
    save(draw_page(ENGLISH), src / "letter.pdf", "PDF")
    frames = [draw_page(["Page one of the order"]), draw_page(["Second page: withdraw the artillery"])]
    frames[0].save(src / "order.tif", save_all=True, append_images=frames[1:], dpi=(300, 300))

    summary = ingest(case, [src], workers=2)

    assert summary.ok, summary.problems
    assert summary.ocr.read == 4 and summary.ocr.left == 0
    assert _hits(case, "الرجب") == [str(src / "form.png")]
    assert _hits(case, "Mansour") == [str(src / "letter.pdf")]
    assert _hits(case, '"withdraw the artillery"') == [str(src / "order.tif")]
    doc = case.store.find_document(str(src / "order.tif"))
    assert doc is not None
    detail = case.store.document_detail(doc["id"])
    assert [p["method"] for p in detail["pages"]] == ["ocr", "ocr"]
    assert "artillery" in detail["pages"][1]["text"] and "artillery" not in detail["pages"][0]["text"]
    assert all(p["confidence"] > 70 for p in detail["pages"])
    words = detail["pages"][1]["ocr"]["words"]
    assert any(w[0] == "artillery" for w in words)
    assert detail["language"] == "en"


def test_a_page_with_a_text_layer_is_not_ocrd_again(case: Case, tmp_path: Path) -> None:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.multi_cell(0, 10, "Born-digital page: the convoy left Raqqa at dawn. " * 3)
    pdf.add_page()
    scan = tmp_path / "scan.png"
    scan.write_bytes(png_bytes(draw_page(["A scanned page about fertiliser"])))
    pdf.image(str(scan), x=0, y=0, w=210)
    path = tmp_path / "src" / "mixed.pdf"
    path.parent.mkdir()
    pdf.output(str(path))

    summary = ingest(case, [path.parent], workers=1)

    assert summary.ocr.read == 1
    doc = case.store.find_document(str(path))
    assert doc is not None
    pages = case.store.document_detail(doc["id"])["pages"]
    assert [p["method"] for p in pages] == ["text", "ocr"]
    assert pages[0]["ocr"] is None  # never sent to OCR
    assert pages[0]["text"].count("convoy") == 3
    assert "fertiliser" in pages[1]["text"]
    assert len(_ocr_rows(case)) == 1


def test_the_same_page_in_two_files_is_read_once(case: Case, tmp_path: Path) -> None:
    src = tmp_path / "src"
    page = draw_page(ENGLISH)
    save(page, src / "copy.png")
    save(page, src / "copy.tif", "TIFF")  # other bytes, same pixels

    # one worker: two workers could read both copies at the same moment, before either is cached
    summary = ingest(case, [src], workers=1)

    assert summary.ocr.read + summary.ocr.cached == 2
    assert summary.ocr.cached == 1
    assert sorted(_hits(case, "Mansour")) == [str(src / "copy.png"), str(src / "copy.tif")]


def test_without_tesseract_pages_wait_and_a_later_run_reads_only_them(tmp_path: Path) -> None:
    src = tmp_path / "src"
    save(draw_page(ARABIC), src / "a.png")
    save(draw_page(ENGLISH), src / "b.png")
    (src / "note.txt").write_text("a born-digital note about fertiliser")
    case_dir = tmp_path / "case"
    run_cli("init", str(case_dir), check=True)
    empty_bin = tmp_path / "bin"
    empty_bin.mkdir()

    first = run_cli("ingest", str(src), "--case", str(case_dir), env={"PATH": str(empty_bin)})

    assert first.returncode == 0, first.stderr
    assert "tesseract" in first.stderr and "apt-get install tesseract-ocr" in first.stderr
    status = json.loads(run_cli("status", "--case", str(case_dir), "--json",
                                env={"PATH": str(empty_bin)}).stdout)
    assert status["ocr"]["waiting"] == 2 and "apt-get install" in status["ocr"]["unavailable"]
    assert "fertiliser" in run_cli("search", "fertiliser", "--case", str(case_dir)).stdout

    second = run_cli("ingest", str(src), "--case", str(case_dir), "--json")

    result = json.loads(second.stdout)
    assert second.returncode == 0, second.stderr
    assert result["files_skipped"] == 3 and result["documents_new"] == 0
    assert result["ocr"]["pages_read"] == 2 and result["ocr"]["pages_left"] == 0
    assert "b.png" in run_cli("search", "Mansour", "--case", str(case_dir)).stdout


def test_an_interrupted_ocr_run_resumes_without_loss_or_repeat(case: Case, tmp_path: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    for i in range(4):
        save(draw_page([f"Document number {i} of the batch"]), src / f"p{i}.png")
    ingest(case, [src], workers=1, ocr=False)
    monkeypatch.setattr(stage, "WRITE_EVERY", 1)
    calls = 0

    def crash_on_second_page(_n: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        stage.run_ocr(case, progress=crash_on_second_page, workers=1)
    assert len(_ocr_rows(case)) == 2  # the pages read before the interruption are kept

    again = stage.run_ocr(case, workers=1)

    assert again.waiting == 2 and again.read + again.cached == 2
    rows = _ocr_rows(case)
    assert len(rows) == 4 and {r[2] for r in rows} == {"ok"}


def _crash_on_page_two(job: Any, *args: Any, **kwargs: Any) -> Any:
    if job.number == 2:
        os._exit(3)  # what a segfault in a renderer looks like to the pool
    return _REAL_READ_PAGE(job, *args, **kwargs)


_REAL_READ_PAGE = stage.read_page


def test_a_page_that_kills_its_worker_is_recorded_and_the_rest_are_read(
        case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "src"
    frames = [draw_page([f"Page {word} of three"]) for word in ("alpha", "bravo", "charlie")]
    src.mkdir()
    frames[0].save(src / "three.tif", save_all=True, append_images=frames[1:], dpi=(300, 300))
    monkeypatch.setattr(stage, "read_page", _crash_on_page_two)

    summary = ingest(case, [src], workers=2)

    rows = _ocr_rows(case)
    assert [(r[1], r[2]) for r in rows] == [(1, "ok"), (2, "failed"), (3, "ok")]
    assert "crashed its worker process" in rows[1][3]
    assert not summary.ok and any("crash" in p["reason"] for p in summary.problems)
    assert _hits(case, "charlie") == [str(src / "three.tif")]


def test_odd_and_hostile_images_are_read_or_recorded(case: Case, tmp_path: Path) -> None:
    src = tmp_path / "src"
    src.mkdir()
    page = draw_page(["Odd colour modes still read"])
    page.convert("CMYK").save(src / "cmyk.jpg", "JPEG", dpi=(300, 300))
    page.point(lambda v: v * 256).convert("I;16").save(src / "deep.png")  # 16-bit greyscale
    page.convert("P").save(src / "palette.gif")
    page.convert("1").save(src / "bilevel.tif", compression="group4", dpi=(300, 300))
    page.save(src / "plain.bmp", dpi=(300, 300))
    page.save(src / "lossless.webp", lossless=True)
    Image.new("L", (1, 1), 0).save(src / "dot.png")
    Image.new("L", (3000, 2000), 255).save(src / "large.png")
    whole = png_bytes(page)
    (src / "truncated.png").write_bytes(whole[: len(whole) // 2])
    (src / "empty.jpg").write_bytes(b"")
    case.settings = case.settings.replace(ocr_max_pixels=5_000_000)

    summary = ingest(case, [src], workers=2)

    found = set(_hits(case, "colour modes"))
    assert {str(src / n) for n in ("cmyk.jpg", "deep.png", "palette.gif", "bilevel.tif",
                                      "plain.bmp", "lossless.webp")} <= found
    problems = {Path(p["path"]).name: p["reason"] for p in summary.problems}
    assert "ocr_max_pixels" in problems["large.png"]
    assert problems["truncated.png"].startswith("corrupt")
    assert problems["empty.jpg"].startswith("empty")
    assert "dot.png" not in problems  # a 1-pixel image is read (and holds no text)
    assert summary.ocr.left == 0


def test_a_pdf_with_a_broken_image_stream_is_recorded_not_fatal(case: Case, tmp_path: Path) -> None:
    src = tmp_path / "src"
    good = save(draw_page(ENGLISH), src / "good.pdf", "PDF")
    data = bytearray(good.read_bytes())
    start = data.index(b"stream") + 200
    data[start:start + 4000] = os.urandom(4000)  # damage the page image's compressed data
    (src / "broken.pdf").write_bytes(bytes(data))

    summary = ingest(case, [src], workers=2)

    assert summary.ocr.left == 0
    assert _hits(case, "Mansour") == [str(good)]
    rows = _ocr_rows(case)
    assert len(rows) == 2  # both pages accounted for: read (perhaps empty) or failed with a reason
    assert all(r[2] == "ok" or r[3] for r in rows)


def test_a_page_over_the_time_limit_is_recorded(case: Case, tmp_path: Path) -> None:
    src = tmp_path / "src"
    save(draw_page(ARABIC + ENGLISH), src / "slow.png")
    case.settings = case.settings.replace(ocr_page_timeout=0.01)

    summary = ingest(case, [src], workers=1)

    assert summary.ocr.failed == 1
    assert "ocr_page_timeout" in _ocr_rows(case)[0][3]


def test_show_prints_each_page_with_its_confidence(tmp_path: Path) -> None:
    src = tmp_path / "src"
    save(draw_page(ARABIC), src / "form.png")
    case_dir = tmp_path / "case"
    run_cli("init", str(case_dir), check=True)
    run_cli("ingest", str(src), "--case", str(case_dir), check=True)

    out = run_cli("show", "form.png", "--case", str(case_dir), check=True).stdout

    assert "--- page 1 [ocr, confidence" in out
    assert "محمد" in out and "الجند" in out
    status = run_cli("status", "--case", str(case_dir), check=True).stdout
    assert "1 read, 0 failed, 0 waiting" in status


def test_kill_9_during_ocr_then_resume(tmp_path: Path) -> None:
    import signal
    import subprocess
    import time

    from tests.conftest import SLEUTH

    src = tmp_path / "src"
    n_pages = 40
    for i in range(n_pages):
        page = draw_page([f"Scanned page number {i} about the convoy"], width=1400, height=300)
        save(page, src / f"s{i}.png")
    case_dir = tmp_path / "case"
    run_cli("init", str(case_dir), check=True)
    db = case_dir / "case.db"

    def ocr_rows() -> int:
        try:
            with sqlite3.connect(db, timeout=30) as conn:
                return int(conn.execute("SELECT count(*) FROM ocr_pages").fetchone()[0])
        except sqlite3.OperationalError:
            return 0

    proc = subprocess.Popen([*SLEUTH, "ingest", str(src), "--case", str(case_dir), "--silent"],
                            start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while ocr_rows() == 0 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert proc.poll() is None, "OCR finished before it could be killed: add pages"
    os.killpg(proc.pid, signal.SIGKILL)  # parent, workers and tesseracts
    proc.wait()
    done_before = ocr_rows()
    assert 0 < done_before < n_pages

    resumed = run_cli("ingest", str(src), "--case", str(case_dir), "--json", "--silent")

    result = json.loads(resumed.stdout)
    assert resumed.returncode == 0, resumed.stderr
    assert result["ocr"]["pages_waiting"] == n_pages - done_before
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT document_id, number, status FROM ocr_pages").fetchall()
        methods = conn.execute("SELECT count(*) FROM pages WHERE method = 'ocr'").fetchone()[0]
    assert len(rows) == n_pages and {r[2] for r in rows} == {"ok"}
    assert methods == n_pages
    hits = run_cli("search", '"page number 7"', "--case", str(case_dir), "--json", check=True)
    assert [json.loads(line)["path"] for line in hits.stdout.splitlines()] == [str(src / "s7.png")]
