"""Gazetteer aliases found in text the way a reader recognises them."""

from __future__ import annotations

from sleuth.extract.gazetteer import Entry
from sleuth.extract.matcher import build_matcher

ENTRIES = [
    Entry(id="is", name="Islamic State", type="ORG", name_ar="الدولة الإسلامية", countries=("SY", "IQ"),
          aliases=("ISIS", "IS", "Daesh", "Islamic State of Iraq and al-Sham", "داعش", "تنظيم الدولة")),
    Entry(id="raqqa", name="Raqqa", type="GPE", name_ar="الرقة", countries=("SY",),
          aliases=("al-Raqqa", "Rakka")),
    Entry(id="bab", name="al-Bab", type="GPE", name_ar="الباب", countries=("SY",)),
    Entry(id="tr", name="Turkey", type="GPE", name_ar="تركيا", countries=("TR",)),
    Entry(id="hts", name="Hay'at Tahrir al-Sham", type="ORG", countries=("SY",), aliases=("HTS",)),
    Entry(id="deir", name="Deir ez-Zor", type="GPE", countries=("SY",), aliases=("Deir al-Zor",)),
]
MATCHER = build_matcher(ENTRIES)


def found(text: str) -> list[tuple[str, str]]:
    return [(text[m.start:m.end], m.entries[0]) for m in MATCHER.find(text)]


def test_articles_and_transliterations_line_up() -> None:
    text = "Fighters left ar-Raqqa, then Rakka and Raqqa; Deir el-Zor and Deir ez-Zor held."
    assert found(text) == [("ar-Raqqa", "raqqa"), ("Rakka", "raqqa"), ("Raqqa", "raqqa"),
                           ("Deir el-Zor", "deir"), ("Deir ez-Zor", "deir")]


def test_longest_alias_is_offered_and_apostrophes_do_not_matter() -> None:
    assert ("Islamic State of Iraq and al-Sham", "is") in found("the Islamic State of Iraq and al-Sham left")
    assert found("Hayat Tahrir al-Sham and Hay'at Tahrir al-Sham") == [
        ("Hayat Tahrir al-Sham", "hts"), ("Hay'at Tahrir al-Sham", "hts")]


def test_arabic_clitics_are_peeled_off() -> None:
    assert found("وبالرقة انسحب تنظيم الدولة ولداعش مقر") == [
        ("الرقة", "raqqa"), ("تنظيم الدولة", "is"), ("داعش", "is")]


def test_case_matters_where_a_reader_would_use_it() -> None:
    assert found("we ate turkey in Turkey") == [("Turkey", "tr")]
    assert found("this is what IS said") == [("IS", "is")]
    assert found("THIS IS A HEADLINE") == []
    assert found("ISIS's fighters") == [("ISIS", "is")]


def test_a_leading_article_in_the_alias_is_required() -> None:
    assert found("Bab Tuma gate; al-Bab and Al Bab") == [("al-Bab", "bab"), ("Al Bab", "bab")]
