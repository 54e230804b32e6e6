"""Names the gazetteer cannot know, found by their structure."""

from __future__ import annotations

from sleuth.extract.matcher import text_words
from sleuth.extract.mention import resolve_overlaps
from sleuth.extract.names import find_names


def names(text: str) -> list[tuple[str, str]]:
    return [(m.type, m.text) for m in resolve_overlaps(find_names(text, text_words(text)))]


def test_kunya_with_nisba_and_nasab_in_english() -> None:
    text = "Abu Yaqub al-Iraqi orders Faisal bin Ziad al-Hamed to withdraw. Greetings, may God reward you."
    assert names(text) == [("PERSON", "Abu Yaqub al-Iraqi"), ("PERSON", "Faisal bin Ziad al-Hamed")]


def test_kunya_and_nasab_in_arabic() -> None:
    text = "أمر أبو يعقوب العراقي الأخ فيصل بن زياد الحمد بسحب السلاح، وحضر أبو حمزة."
    assert names(text) == [("PERSON", "أبو يعقوب العراقي"), ("PERSON", "فيصل بن زياد الحمد"),
                           ("PERSON", "أبو حمزة")]


def test_form_labels_name_people() -> None:
    text = "الاسم: ياسر بن حسن القاسم\nالكنية: أبو أسامة الليبي\nالتزكية: أبو عمار الديري\nالجنسية: ليبي"
    assert names(text) == [("PERSON", "ياسر بن حسن القاسم"), ("PERSON", "أبو أسامة الليبي"),
                           ("PERSON", "أبو عمار الديري")]
    assert names("Name: Majed Khalid al-Jasim\nKunya: Abu Mu'adh al-Adhari") == [
        ("PERSON", "Majed Khalid al-Jasim"), ("PERSON", "Abu Mu'adh al-Adhari")]


def test_titles_and_ranks_open_a_name_but_are_not_part_of_it() -> None:
    assert names("General Suheil al-Hassan said nothing.") == [("PERSON", "Suheil al-Hassan")]
    assert names("قال اللواء علي مملوك إن") == [("PERSON", "علي مملوك")]
    assert names("قال رئيس الوزراء إن") == []  # a role, not a name


def test_organisations_by_their_head_or_tail_word() -> None:
    assert names("The Badia Trading and Transport Company signed.") == [
        ("ORG", "Badia Trading and Transport Company")]
    assert names("Payment to the Badia company was late.") == [("ORG", "Badia company")]
    assert names("وقعت شركة البادية للتجارة والنقل مع ديوان الركاز في الرقة") == [
        ("ORG", "شركة البادية للتجارة والنقل"), ("ORG", "ديوان الركاز")]


def test_sentence_starts_and_ordinary_capitals_are_not_names() -> None:
    assert names("Greetings, and may God reward you. The situation is calm. Subject: Report") == []
