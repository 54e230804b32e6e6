"""Language identification for the lang: filter."""

from __future__ import annotations

import pytest

from sleuth.text import detect_language


@pytest.mark.parametrize(("text", "expected"), [
    ("أمر بسحب الأسلحة الثقيلة من المدينة قبل وصول الجيش", "ar"),
    ("Order to withdraw heavy weapons from the city before the army arrives", "en"),
    ("Die Menschenrechte sind universell und unteilbar für alle Menschen", "de"),
    ("Les droits de l'homme sont universels et indivisibles pour tous", "fr"),
])
def test_common_languages_are_identified(text: str, expected: str) -> None:
    assert detect_language(text) == expected


def test_arabic_document_with_some_english_is_arabic() -> None:
    text = "تقرير عن الوضع الأمني في المدينة وانسحاب القوات " * 5 + "Ref: ISW-2015 report"
    assert detect_language(text) == "ar"


@pytest.mark.parametrize("text", ["", "   ", "12 34 56", "!!! ---"])
def test_no_words_means_undetermined(text: str) -> None:
    assert detect_language(text) == "und"
