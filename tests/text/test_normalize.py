"""Normalisation: spellings an investigator types must meet the spellings in the documents."""

from __future__ import annotations

import pytest

from sleuth.text import normalize, normalize_with_offsets, tokenize


@pytest.mark.parametrize(("typed", "in_document"), [
    ("تدمر", "تَدْمُر"),            # diacritics (tashkeel)
    ("الرقة", "الـــرقـة"),          # tatweel
    ("اسلام", "إسلام"),             # hamza on alef
    ("مستشفي", "مستشفى"),           # alef maqsura
    ("مدرسه", "مدرسة"),             # ta marbuta
    ("2015", "٢٠١٥"),               # Arabic-Indic digits
    ("2015", "۲۰۱۵"),               # Persian digits
    ("eleve", "Élève"),             # Latin accents and case
    ("strasse", "STRASSE"),
    ("لا", "ﻻ"),                    # presentation forms (NFKC)
])
def test_variants_normalise_to_the_same_form(typed: str, in_document: str) -> None:
    assert normalize(typed) == normalize(in_document)


def test_offsets_map_back_to_the_original() -> None:
    original = "أمرٌ بسحب الأسلحةِ من تَدْمُر"
    folded, offsets = normalize_with_offsets(original)
    assert folded == normalize(original)
    start = folded.index("تدمر")
    # The match starts at the same letter in the original text.
    assert original[offsets[start]] == "ت"


def test_tokens_split_on_punctuation_and_keep_arabic_words_whole() -> None:
    words = [t.text for t in tokenize(normalize("al-Raqqa, 12/03/2015: سحبُ الأسلحة"))]
    assert words == ["al", "raqqa", "12", "03", "2015", "سحب", "الاسلحه"]


def test_very_long_tokens_are_dropped_but_keep_their_position() -> None:
    tokens = tokenize("start " + "A" * 200 + " end")
    assert [t.text for t in tokens] == ["start", "end"]
    assert [t.position for t in tokens] == [0, 2]
