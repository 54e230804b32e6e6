"""recognize(): one page image in, text in logical order, confidence and word boxes out."""

from __future__ import annotations

import random
import time
from pathlib import Path
from typing import Any

import pytest
from PIL import Image, ImageDraw, ImageFont
from rapidfuzz.distance import Levenshtein

from sleuth.ocr.engine import find_tesseract
from sleuth.ocr.recognize import recognize
from sleuth.ocr.repair import BIDI_MARKS, PERSIAN_TO_ARABIC
from sleuth.ocr.result import OcrPage

ENGINE = find_tesseract()
needs_tesseract = pytest.mark.skipif(
    ENGINE is None or not {"ara", "eng", "Arabic"} <= ENGINE.languages,
    reason="tesseract with the ara, eng and Arabic models is not installed "
           "(apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-script-arab)")
DEJAVU = "/usr/share/fonts/truetype/dejavu/"


def _norm(text: str) -> str:
    text = BIDI_MARKS.sub("", text).translate(PERSIAN_TO_ARABIC)
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def _cer(ocr: str, truth: str) -> float:
    a, b = _norm(ocr), _norm(truth)
    return Levenshtein.distance(a, b) / len(b)


def _read(image: Image.Image, tmp: Path, **kwargs: object) -> OcrPage:
    assert ENGINE is not None
    return recognize(image, ENGINE, tmpdir=tmp, timeout=60, **kwargs)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def form_pages(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Image.Image, str, OcrPage, Any]]:
    """A clean 300 dpi Arabic and English registration form from the demo generator, read once."""
    if ENGINE is None:
        pytest.skip("tesseract is not installed")
    import io

    from sleuth.demo.forms import compose_form
    from sleuth.demo.render.image import ScanOptions, page_texts, render_scan
    from sleuth.demo.story import build_story

    story = build_story(3)
    tmp = tmp_path_factory.mktemp("ocr")
    out = {}
    for lang, n in (("ar", 0), ("en", 31)):
        doc, _ = compose_form(story, story.recruits[n], lang, random.Random(n))
        image = Image.open(io.BytesIO(render_scan(doc, ScanOptions(seed=n, speckle=0.002, paper=240))))
        image.load()
        out[lang] = (image, page_texts(doc, 300)[0], _read(image, tmp, dpi=300), doc)
    return out


@needs_tesseract
def test_clean_arabic_form_is_read_within_8_percent(form_pages):  # type: ignore[no-untyped-def]
    _, truth, page, _ = form_pages["ar"]
    assert _cer(page.text, truth) <= 0.08
    assert 50 < page.confidence <= 100


@needs_tesseract
def test_clean_english_form_is_read_within_3_percent(form_pages):  # type: ignore[no-untyped-def]
    _, truth, page, _ = form_pages["en"]
    assert _cer(page.text, truth) <= 0.03
    assert page.languages.startswith("eng")


@needs_tesseract
def test_arabic_comes_out_in_logical_order_without_bidi_marks(form_pages):  # type: ignore[no-untyped-def]
    _, _, page, _ = form_pages["ar"]
    assert "الجنسية" in page.text  # as typed, not visually reversed
    assert "ةيسنجلا" not in page.text
    assert not BIDI_MARKS.search(page.text)
    assert not any("\u06f0" <= c <= "\u06f9" or c in "یکھ" for c in page.text)


@needs_tesseract
def test_english_phrase_inside_arabic_line_keeps_both(form_pages):  # type: ignore[no-untyped-def]
    _, _, page, _ = form_pages["ar"]
    first = _norm(page.text).splitlines()[0]
    assert "SYNTHETIC DEMO DATA" in first
    assert "تجريبية" in first


@needs_tesseract
def test_word_boxes_lie_inside_the_image_and_cover_the_drawn_word(form_pages):  # type: ignore[no-untyped-def]
    from sleuth.demo.render.image import layout_pages

    image, _, page, doc = form_pages["en"]
    assert page.width == image.width and page.height == image.height
    for w in page.words:
        assert w.left >= 0 and w.right <= image.width and w.top >= 0 and w.bottom <= image.height
    line = next(entry for entry in layout_pages(doc, 300)[0] if entry[0].startswith("Nationality:"))
    _, _, px, y, _ = line
    word = next(w for w in page.words if w.text.startswith("Nationality"))
    margin = round(0.8 * 300)
    assert abs(word.left - margin) < px  # drawn left-aligned at the margin
    assert word.top < y + px and word.bottom > y  # and on the line it was drawn on


def _date_line(font: str, text: str) -> Image.Image:
    image = Image.new("L", (1500, 140), 245)
    draw = ImageDraw.Draw(image)
    face = ImageFont.truetype(DEJAVU + font, 50, layout_engine=ImageFont.Layout.RAQM)
    draw.text((1450, 40), text, font=face, fill=20, anchor="ra", direction="rtl", language="ar")
    return image


@needs_tesseract
@pytest.mark.parametrize("font", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansCondensed.ttf"])
def test_arabic_indic_date_is_read_right(font: str, tmp_path: Path) -> None:
    # raw `tesseract -l ara` reads this as "التاريخ: ١870/1/7 ه الموافق 7#/ع 7١16/٠ م"
    page = _read(_date_line(font, "التاريخ: ١٤٣٥/٦/٢٣ هـ الموافق ٢٠١٤/٠٤/٢٣ م"), tmp_path, dpi=300)
    assert "التاريخ" in page.text
    assert "١٤٣٥/" in page.text and "/٢٣" in page.text and "/٠٤/" in page.text, page.text
    assert not any(c in page.text for c in "0123456789۰۱۲۳۴۵۶۷۸۹"), page.text


@needs_tesseract
@pytest.mark.parametrize("font", ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansCondensed.ttf"])
def test_arabic_indic_date_is_read_digit_for_digit(font: str, tmp_path: Path) -> None:
    line = _date_line(font, "التاريخ: ١٤٣٥/٦/٢٣ هـ الموافق ٢٠١٤/٠٤/٢٣ م")
    page = _read(line, tmp_path, dpi=300)
    assert "١٤٣٥/٦/٢٣" in page.text and "٢٠١٤/٠٤/٢٣" in page.text, page.text


@needs_tesseract
def test_forced_language_is_honoured(form_pages, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    image, _, _, _ = form_pages["en"]
    page = _read(image.crop((0, 0, image.width, 700)), tmp_path, languages="eng", dpi=300)
    assert page.languages == "eng"
    assert "SYNTHETIC" in page.text


@needs_tesseract
def test_blank_page_is_empty_and_quick(tmp_path: Path) -> None:
    start = time.perf_counter()
    page = _read(Image.new("L", (2480, 3508), 240), tmp_path, dpi=300)
    assert (page.text, page.confidence, page.words) == ("", 0.0, [])
    assert time.perf_counter() - start < 1.0


@needs_tesseract
@pytest.mark.parametrize("size", [(1, 1), (3, 3), (2, 40)])
def test_tiny_images_do_not_crash(size: tuple[int, int], tmp_path: Path) -> None:
    image = Image.new("L", size, 255)
    image.putpixel((0, 0), 0)
    page = _read(image, tmp_path)
    assert page.width == size[0] and page.height == size[1]


@needs_tesseract
@pytest.mark.parametrize("mode", ["CMYK", "I;16", "P", "1", "RGBA", "LA", "I", "F"])
def test_odd_image_modes_are_read(mode: str, tmp_path: Path) -> None:
    image = Image.new("L", (700, 120), 250)
    face = ImageFont.truetype(DEJAVU + "DejaVuSans.ttf", 48)
    ImageDraw.Draw(image).text((20, 30), "Border crossing", font=face, fill=10)
    if mode == "I;16":
        converted = Image.frombytes("I;16", image.size, bytes(b for v in image.tobytes() for b in (0, v)))
    else:
        converted = image.convert(mode)
    page = _read(converted, tmp_path, dpi=300)
    assert "crossing" in page.text, (mode, page.text)


@needs_tesseract
def test_light_text_on_a_dark_background_is_read(tmp_path: Path) -> None:
    image = Image.new("L", (900, 160), 30)
    face = ImageFont.truetype(DEJAVU + "DejaVuSans.ttf", 48)
    ImageDraw.Draw(image).text((20, 50), "Evacuation ordered", font=face, fill=220)
    page = _read(image, tmp_path, dpi=300)
    assert "Evacuation ordered" in page.text


@needs_tesseract
def test_ruled_english_table_is_read_as_english(tmp_path: Path) -> None:
    """Table rules give line profiles the sharp peak of Arabic script: the page must still
    come out as English, not as `ara` junk."""
    rows = [("Convoy", "Trucks", "Route"), ("Northern", "12", "Raqqa road"), ("Eastern", "7", "Deir ez-Zor"),
            ("Southern", "4", "Palmyra"), ("Western", "9", "Aleppo gate"), ("Reserve", "3", "Tabqa dam")]
    image = Image.new("L", (2000, 120 + 110 * len(rows)), 255)
    draw = ImageDraw.Draw(image)
    face = ImageFont.truetype(DEJAVU + "DejaVuSans.ttf", 44)
    for i, row in enumerate(rows):
        top = 60 + 110 * i
        for x, cell in zip((80, 700, 1200), row, strict=True):
            draw.text((x + 20, top + 30), cell, font=face, fill=0)
        draw.rectangle((60, top, 1940, top + 6), fill=0)
        draw.rectangle((60, top + 104, 1940, top + 110), fill=0)
    for x in (60, 680, 1180, 1934):
        draw.rectangle((x, 60, x + 6, 60 + 110 * len(rows)), fill=0)
    page = _read(image, tmp_path, dpi=300)
    assert page.languages.split(",")[0] == "eng", page.languages
    for word in ("Convoy", "Northern", "Palmyra", "Aleppo"):
        assert word in page.text, (word, page.text)
