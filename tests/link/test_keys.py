"""Name keys meet across scripts and transliterations."""

from __future__ import annotations

import pytest

from sleuth.link.keys import name_key

SAME = [
    ["Mohammed", "Muhammad", "Mohamad", "Mohamed", "محمد", "مُحَمَّد"],
    ["Hussein", "Husayn", "Hussain", "حسين"],
    ["Abu Hamza al-Raqqawi", "Abu Hamzah ar-Raqqawi", "أبو حمزة الرقاوي", "ابو حمزه الرقاوي"],
    ["Abd al-Rahman", "Abdulrahman", "Abdurrahman", "عبد الرحمن", "عبدالرحمن"],
    ["Faisal bin Ziad al-Hamed", "Faisal Ziad al-Hamed", "فيصل بن زياد الحمد", "al-Hamed Faisal Ziad"],
    ["Walid", "وليد"], ["Yusuf", "Youssef", "يوسف"], ["Qasim", "Kassem", "قاسم"], ["Jamal", "Gamal", "جمال"],
    ["Abu al-Baraa al-Jazrawi", "أبؤ البراء الجزراوئ"],  # OCR's hamza noise
]
DIFFERENT = [("Omar", "Amer"), ("Abu Hamza", "Hamza"), ("Khalid", "Walid"), ("Hassan", "Hussein")]


@pytest.mark.parametrize("names", SAME, ids=lambda n: n[0])
def test_spellings_of_one_name_share_a_key(names: list[str]) -> None:
    assert len({name_key(n) for n in names}) == 1, {n: name_key(n) for n in names}


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_names_keep_different_keys(a: str, b: str) -> None:
    assert name_key(a) != name_key(b)
