"""Text repairs after recognition: Persian letter and digit forms folded to Arabic ones, bidi
marks dropped, and the tests that flag a word as worth a second reading.

The `Arabic` script model writes Persian-block digits and letters (۱۹۸۸, ی, ک, ھ) where an
Arabic page shows Arabic ones; search would still match them after normalisation, but the
stored text should say what the page says. Arabic-Indic digits stay Arabic-Indic (٢٠١٤):
the page shows them, and search folds digits anyway.
"""

from __future__ import annotations

import re

PERSIAN_TO_ARABIC = str.maketrans({
    "ی": "ي", "ک": "ك", "ھ": "ه", "ۀ": "ة", "ې": "ي",
    **{chr(0x06F0 + i): chr(0x0660 + i) for i in range(10)},
})
WESTERN_TO_INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")
ARABIC_LETTERS = re.compile("[\u0621-\u064a\u0671-\u06d3\u06fa-\u06ff]")
_DIGIT = re.compile("[0-9\u0660-\u0669\u06f0-\u06f9]")
LATIN_LETTERS = re.compile("[A-Za-z]")
# what an Arabic-model reading of Latin text or of Arabic-Indic digits tends to look like
_JUNK = re.compile(r"[|#*”“\"'`~^_\\<>{}\[\]@$%&=]")


def clean_text(text: str, arabic: bool) -> str:
    """A word's text without bidi marks; on Arabic pages, Persian forms folded to Arabic."""
    text = BIDI_MARKS.sub("", text)
    if not arabic:
        return text
    text = text.translate(PERSIAN_TO_ARABIC)
    indic = sum("\u0660" <= c <= "\u0669" for c in text)
    western = sum("0" <= c <= "9" for c in text)
    if western and indic >= western:  # one number uses one digit system: ١٤٣٥/1/٢٣ -> ١٤٣٥/١/٢٣
        text = text.translate(WESTERN_TO_INDIC)
    return text


def has_digit(text: str) -> bool:
    """Any Western, Arabic-Indic or Persian digit."""
    return _DIGIT.search(text) is not None


def has_latin(text: str) -> bool:
    """Any Latin letter."""
    return LATIN_LETTERS.search(text) is not None


def has_arabic(text: str) -> bool:
    """Any Arabic letter."""
    return ARABIC_LETTERS.search(text) is not None


def suspect_on_arabic_page(text: str, conf: float, low_res: bool = False) -> bool:
    """A word the fast `ara` model probably got wrong on an Arabic page.

    `ara` reads Latin runs as digit-and-letter junk ("SYNTHETIC" -> "570/11151125110") and
    garbles Arabic-Indic digits ("٣٤٥٦٧" -> "60171"); both come out with digits, Latin or
    stray symbols, often mixed with Arabic letters, and at middling confidence.
    """
    if conf < 70 and not low_res:  # at 100-150 dpi the script model reads speckle as vowel marks
        return True
    if _JUNK.search(text):
        return True
    digits = has_digit(text)
    if digits and (has_arabic(text) or has_latin(text)):
        return True
    if digits and re.search("[\u0660-\u0669\u06f0-\u06f9]", text):
        return True
    return has_latin(text) and conf < 90


def suspect_on_latin_page(text: str, conf: float, low_res: bool = False) -> bool:
    """A word the `eng` model probably got wrong."""
    return conf < 60 or has_arabic(text)
