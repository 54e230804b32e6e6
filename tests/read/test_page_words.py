"""Word boxes of a page and the words a query marks on it; page images for display."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from sleuth.case import Case
from sleuth.read.page_image import StoredDocument, page_image
from sleuth.read.page_words import matching_words, ocr_words, parse_bbox_layout


def texts(words: list[str], query: str) -> list[str]:
    return [words[i] for i in matching_words(words, query)]


def test_arabic_query_marks_vocalised_word() -> None:
    words = ["وصلت", "القافلة", "إلى", "تَدْمُر،", "صباحاً"]
    assert texts(words, "تدمر") == ["تَدْمُر،"]
    assert texts(words, "الى") == ["إلى"]  # hamza forms fold as in the index


def test_phrase_marks_each_of_its_words_only_where_it_occurs() -> None:
    words = ["Heavy", "weapons", "left;", "no", "heavy", "trucks", "or", "weapons."]
    assert texts(words, '"heavy weapons"') == ["Heavy", "weapons"]


def test_phrase_inside_one_word_and_prefix() -> None:
    words = ["Convoy", "from", "al-Raqqa", "withdrawal", "withdrew"]
    assert texts(words, "al-Raqqa") == ["al-Raqqa"]
    assert texts(words, "withdraw*") == ["withdrawal"]
    assert texts(words, "raqqa") == ["al-Raqqa"]


def test_excluded_terms_and_filters_mark_nothing() -> None:
    words = ["oil", "draft", "deal"]
    assert texts(words, "oil -draft type:pdf") == ["oil"]
    assert matching_words(words, "type:image") == []


def test_ocr_words_are_fractions_of_the_image() -> None:
    page = ocr_words({"status": "ok", "width": 1000, "height": 2000,
                      "words": [["Palmyra", 91.0, 100, 400, 250, 50, 1], ["  ", 10, 0, 0, 5, 5, 1]]})
    assert page is not None
    assert [(w.text, w.box) for w in page.words] == [("Palmyra", (0.1, 0.2, 0.25, 0.025))]
    assert ocr_words({"status": "failed", "width": 0, "height": 0, "words": []}) is None


BBOX = """<doc><page width="600.0" height="800.0"><flow><block><line>
<word xMin="100.0" yMin="80.0" xMax="160.0" yMax="92.0">رمدت</word>
<word xMin="170.0" yMin="80.0" xMax="220.0" yMax="92.0">SYNTHETIC</word>
<word xMin="230.0" yMin="80.0" xMax="260.0" yMax="92.0">DATA</word>
<word xMin="270.0" yMin="80.0" xMax="330.0" yMax="92.0">ةلفاقلا</word>
<word xMin="340.0" yMin="80.0" xMax="390.0" yMax="92.0">&amp;تلصو</word>
</line></block></flow></page></doc>"""


def test_visual_order_arabic_from_pdftotext_is_turned_to_reading_order() -> None:
    page = parse_bbox_layout(BBOX, page_text="وصلت& القافلة SYNTHETIC DATA تدمر")
    assert page is not None and page.source == "pdf"
    assert [w.text for w in page.words] == ["وصلت&", "القافلة", "SYNTHETIC", "DATA", "تدمر"]
    assert texts([w.text for w in page.words], '"synthetic data" تدمر') == ["SYNTHETIC", "DATA", "تدمر"]
    first = page.words[-1].box
    assert first == pytest.approx((100 / 600, 80 / 800, 60 / 600, 12 / 800), abs=1e-4)


def test_logical_order_pdf_words_are_kept() -> None:
    logical = BBOX.replace("رمدت", "تدمر").replace("ةلفاقلا", "القافلة").replace("&amp;تلصو", "وصلت")
    page = parse_bbox_layout(logical, page_text="وصلت القافلة SYNTHETIC DATA تدمر")
    assert page is not None
    assert [w.text for w in page.words] == ["تدمر", "SYNTHETIC", "DATA", "القافلة", "وصلت"]


def _stored(case: Case, path: Path, kind: str, pages: int) -> StoredDocument:
    sha, _ = case.blobs.put_file(path)
    return StoredDocument(1, sha, kind, pages)


def test_tiff_page_two_is_its_second_frame_as_png(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "scan.tif"
    first, second = Image.new("L", (300, 400), 255), Image.new("RGB", (500, 200), (200, 0, 0))
    first.save(path, save_all=True, append_images=[second])
    doc = _stored(case, path, "image", 2)
    png = page_image(case, doc, 2)
    assert png is not None and png.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")
    with Image.open(png) as shown:
        assert shown.size == (500, 200) and shown.convert("RGB").getpixel((10, 10)) == (200, 0, 0)
    assert png == page_image(case, doc, 2)  # cached
    assert page_image(case, doc, 3) is None


def test_cmyk_jpeg_becomes_rgb_png_and_text_kinds_have_no_image(case: Case, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    Image.new("CMYK", (64, 48), (0, 255, 255, 0)).save(path)
    png = page_image(case, _stored(case, path, "image", 1), 1)
    assert png is not None
    with Image.open(png) as shown:
        assert shown.format == "PNG" and shown.mode == "RGB" and shown.size == (64, 48)
    note = tmp_path / "note.html"
    note.write_text("<script>alert(1)</script>", encoding="utf-8")
    assert page_image(case, _stored(case, note, "html", 1), 1) is None
