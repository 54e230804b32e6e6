"""Scans for OCR scoring: each records how it was scanned; clean and noisy ones in both languages;
a share of the Arabic forms write Arabic-Indic digits, in the file and in its truth."""

from __future__ import annotations

import datetime as dt
import io
import random
import re
from collections import Counter
from typing import Any

import pytest
from PIL import Image

from sleuth.demo.compose import Doc
from sleuth.demo.forms import compose_form
from sleuth.demo.render.image import ScanOptions, render_scan
from sleuth.demo.story import build_story
from tests.demo.conftest import DemoTrove, pdftotext

INDIC = re.compile("[٠-٩]")
ASCII_DIGIT = re.compile("[0-9]")
SCAN_KEYS = {"dpi", "angle", "speckle", "blur", "bilevel", "format", "clean"}
IMAGE_FORMAT = {"png": "PNG", "tif": "TIFF", "jpg": "JPEG", "pdf-image": "PDF"}


def _originals(demo: DemoTrove) -> list[dict[str, Any]]:
    """Scanned files on disk, exact copies left out (they repeat an original's pages)."""
    return [f for f in demo.files if f["needs_ocr"] and not f["notes"].startswith("exact copy of")]


def _is_clean(scan: dict[str, Any]) -> bool:
    return (
        scan["dpi"] >= 300
        and scan["angle"] == 0
        and scan["blur"] == 0
        and scan["speckle"] <= 0.002
        and not scan["bilevel"]
    )


def test_every_scan_records_its_conditions(demo_trove: DemoTrove) -> None:
    for record in demo_trove.truth["files"]:
        if not record["needs_ocr"]:
            assert record["scan"] is None, record["path"]
            continue
        scan = record["scan"]
        assert isinstance(scan, dict) and set(scan) == SCAN_KEYS, record["path"]
        assert scan["clean"] is _is_clean(scan), record["path"]
        assert scan["format"] == IMAGE_FORMAT[record["format"]], record["path"]
        assert isinstance(scan["dpi"], int) and 0 <= scan["speckle"] < 0.05 and abs(scan["angle"]) <= 2
        assert record["ocr_text"] and all(isinstance(page, str) and page for page in record["ocr_text"])
        if "dpi" in record["metadata"]:
            assert record["metadata"]["dpi"] == scan["dpi"]


def test_clean_and_noisy_scans_in_both_languages(demo_trove: DemoTrove) -> None:
    pages: Counter[tuple[str, bool]] = Counter()
    for record in _originals(demo_trove):
        pages[record["language"], record["scan"]["clean"]] += len(record["ocr_text"])
    assert pages["ar", True] >= 8 and pages["ar", False] >= 8, pages
    assert pages["en", True] >= 3 and pages["en", False] >= 3, pages
    assert pages["en", True] + pages["en", False] >= 6, pages
    english = [f for f in _originals(demo_trove) if f["language"] == "en"]
    assert {f["format"] for f in english} == {"png", "pdf-image"}
    assert {f["kind"] for f in english} == {"form"}
    noisy = [f["scan"] for f in _originals(demo_trove) if not f["scan"]["clean"]]
    assert any(s["angle"] for s in noisy) and any(s["dpi"] < 200 for s in noisy)
    assert any(s["bilevel"] for s in noisy) and any(s["blur"] for s in noisy)


def test_clean_scans_are_clean_in_their_pixels(demo_trove: DemoTrove) -> None:
    """A clean PNG is upright and unblurred: its speckle dots keep their exact grey, and the share
    of them in the empty top margin is the recorded speckle."""
    clean = [f for f in _originals(demo_trove) if f["format"] == "png" and f["scan"]["clean"]]
    assert len(clean) >= 4
    for record in clean[:4]:
        with Image.open(demo_trove.path(record["path"])) as img:
            dpi = record["scan"]["dpi"]
            band = img.convert("L").crop((0, 0, img.size[0], round(0.3 * dpi)))
            histogram = band.histogram()
            share = histogram[60] / (band.size[0] * band.size[1])
            assert share == pytest.approx(record["scan"]["speckle"], rel=0.25), record["path"]
            assert sum(histogram[61:230]) == 0, record["path"]  # no blur, no rotation: two greys only


def test_speckle_is_the_share_of_dark_pixels() -> None:
    doc = Doc(lang="en", title="", date=dt.date(2015, 1, 1))
    for speckle in (0.001, 0.006):
        opts = ScanOptions(seed=5, dpi=100, speckle=speckle, paper=240)
        with Image.open(io.BytesIO(render_scan(doc, opts))) as img:
            share = img.histogram()[60] / (img.size[0] * img.size[1])
        assert share == pytest.approx(speckle, rel=0.02)


def test_scan_options_clean_flag() -> None:
    assert ScanOptions(seed=1, speckle=0.002).clean
    assert ScanOptions(seed=1, speckle=0.0).record()["clean"] is True
    assert not ScanOptions(seed=1, speckle=0.0021).clean
    assert not ScanOptions(seed=1, speckle=0.001, angle=0.5).clean
    assert not ScanOptions(seed=1, speckle=0.001, blur=0.6).clean
    assert not ScanOptions(seed=1, speckle=0.001, dpi=200).clean
    assert not ScanOptions(seed=1, speckle=0.001, bilevel=True, fmt="TIFF").clean
    record = ScanOptions(seed=1, dpi=300, angle=-1.5, speckle=0.004, blur=0.9, fmt="PDF").record()
    assert record == {
        "dpi": 300,
        "angle": -1.5,
        "speckle": 0.004,
        "blur": 0.9,
        "bilevel": False,
        "format": "PDF",
        "clean": False,
    }


def test_arabic_indic_digits_in_some_forms_and_their_truth(demo_trove: DemoTrove) -> None:
    forms = [
        f
        for f in demo_trove.files
        if f["kind"] == "form" and f["language"] == "ar" and not f["notes"].startswith(("exact", "FORGED"))
    ]
    indic = [f for f in forms if "Arabic-Indic" in f["notes"]]
    assert 0.25 <= len(indic) / len(forms) <= 0.45, (len(indic), len(forms))
    scanned: Counter[tuple[bool, bool]] = Counter()
    for record in forms:
        if not record["needs_ocr"] or "named .pdf" in record["notes"]:
            continue
        text = "\n".join(record["ocr_text"])
        uses_indic = record in indic
        scanned[uses_indic, record["scan"]["clean"]] += 1
        # one kind of digit per form, in the page text as in the notes
        assert bool(INDIC.search(text)) is uses_indic, record["path"]
        assert bool(ASCII_DIGIT.search(text)) is not uses_indic, record["path"]
        dt.date.fromisoformat(record["date"])  # the ISO date stays as it is
    assert all(scanned[k] >= 2 for k in [(True, True), (True, False), (False, True), (False, False)]), scanned
    # text PDFs carry the same digits in their text layer
    text_pdfs = [f for f in indic if f["format"] == "pdf"]
    assert text_pdfs
    for record in text_pdfs[:3]:
        text = pdftotext(demo_trove.path(record["path"]))
        assert INDIC.search(text) and "تاريخ الميلاد" in text, record["path"]
        assert not ASCII_DIGIT.search(text.split("SYNTHETIC DEMO DATA", 1)[1]), record["path"]


@pytest.mark.parametrize("template", [None, "form-v2"])
def test_indic_digits_change_only_the_digits(template: str | None) -> None:
    story = build_story(7)
    back = str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789")
    for recruit in story.recruits[:12]:
        plain, _ = compose_form(story, recruit, "ar", random.Random(3), template=template)
        indic, c = compose_form(story, recruit, "ar", random.Random(3), template=template, indic=True)
        assert not ASCII_DIGIT.search(indic.text()) and INDIC.search(indic.text())
        assert indic.text().translate(back) == plain.text()
        assert not INDIC.search(plain.text())
        assert all(not INDIC.search(e["text"]) for e in c.entities())  # names hold no digits
    english, _ = compose_form(story, story.recruits[0], "en", random.Random(3), indic=True)
    assert not INDIC.search(english.text())  # English forms keep Western digits


@pytest.mark.parametrize("seed", [1, 2024])
def test_other_seeds_have_both_looks(seed: int) -> None:
    from sleuth.demo.trove import plan_trove

    plan = plan_trove(seed)
    looks = Counter(
        (f.language, f.scan["clean"])
        for f in plan.truth.files.values()
        if f.needs_ocr and f.scan is not None and not f.notes.startswith("exact copy")
    )
    assert looks["ar", True] >= 8 and looks["ar", False] >= 8 and looks["en", True] >= 3, looks
    assert looks["en", False] >= 3, looks
    assert all(f.scan is not None for f in plan.truth.files.values() if f.needs_ocr)
