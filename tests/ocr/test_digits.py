"""Numbers read glyph by glyph: Arabic-Indic and Western dates, and refusals."""

from __future__ import annotations

import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from sleuth.ocr.digits import CLASSES, INDIC, WESTERN, _templates, read_number
from sleuth.ocr.engine import Word
from sleuth.ocr.numbers import number_like, reread_numbers

DEJAVU = "/usr/share/fonts/truetype/dejavu/"
FACES = ["DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansCondensed.ttf"]


def _ink(text: str, face: str, size: int, blur: float, seed: int) -> np.ndarray:
    """`text` drawn left to right as a scanner would see it: blurred, noisy, thresholded."""
    font = ImageFont.truetype(DEJAVU + face, size, layout_engine=ImageFont.Layout.RAQM)
    image = Image.new("L", (size * (len(text) + 2), size * 3), 240)
    ImageDraw.Draw(image).text((size, size), text, font=font, fill=20, direction="ltr")
    pixels = np.asarray(image.filter(ImageFilter.GaussianBlur(blur)), dtype=np.float64)
    pixels = pixels + np.random.default_rng(seed).normal(0, 12, pixels.shape)
    ink = pixels < 130
    rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
    return ink[rows[0] - 3:rows[-1] + 4, cols[0] - 3:cols[-1] + 4]


def _dates(system: str, n: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    table = str.maketrans("0123456789", system)
    return [f"{rng.randint(1, 28)}/{rng.randint(1, 12):02d}/{rng.randint(1940, 2017)}".translate(table)
            for _ in range(n)]


@pytest.mark.parametrize("system", [INDIC, WESTERN], ids=["arabic-indic", "western"])
def test_scanned_dates_are_read_exactly_or_left_alone(system: str) -> None:
    rng = random.Random(5)
    exact = wrong = total = 0
    for i, date in enumerate(_dates(system, 60, seed=len(system) + ord(system[0]))):
        got = read_number(_ink(date, rng.choice(FACES), rng.choice([36, 44, 56]), rng.choice([0.6, 1.0]), i))
        total += 1
        exact += got == date
        wrong += got is not None and got != date
    assert exact / total >= 0.8, (exact, wrong, total)
    assert wrong / total <= 0.05, (exact, wrong, total)


def test_arabic_words_are_not_made_into_numbers() -> None:
    for i, word in enumerate(["الدخول", "جرابلس", "ديوان", "الجند", "منفذ"]):
        assert read_number(_ink(word, "DejaVuSans.ttf", 48, 0.6, i)) is None, word


def test_shipped_templates_cover_every_class() -> None:
    _, labels = _templates()
    counts = np.bincount(labels, minlength=len(CLASSES))
    assert counts.min() >= 50, dict(zip(CLASSES, counts, strict=True))


def test_number_like_words() -> None:
    assert number_like("٢٠١٤/٠٤/٢٣") and number_like("7١15/٠0/76") and number_like("١٩AE")
    assert not number_like("جرابلس") and not number_like("SYNTHETIC") and not number_like("/")
    assert not number_like("الاسم:1")  # mostly letters


def test_a_number_split_in_two_words_is_read_as_one() -> None:
    date = "٢٠١٤/٠٤/٢٣"
    ink = _ink(date, "DejaVuSans.ttf", 48, 0.6, 1)
    h, w = ink.shape
    half = w // 2
    # tesseract's two words, in right-to-left order as it gives them on an Arabic line
    line = [Word("٠٤/٢٣", 40, half, 0, w - half, h, 0), Word("٢٠١", 35, 0, 0, half - 2, h, 0)]
    (word,) = reread_numbers([line], ink)[0]
    assert word.text == date
    assert (word.left, word.width) == (0, w)
