"""Same-length folding for regex matching: spans found in folded text are original spans.

`sleuth.text.normalize` removes and expands characters (it is for indexing and keys); the
regex finders of dates and identifiers need a fold that keeps every character's place.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_TABLE_SIZE = 0x2216  # through U+2215 DIVISION SLASH; characters above pass through
_FOLD_CHARS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا", "ى": "ي", "ی": "ي", "ئ": "ي",
    "ؤ": "و", "ة": "ه", "ھ": "ه", "ہ": "ه", "ک": "ك",
    "؍": "/", "⁄": "/", "∕": "/", "٫": ".", "٬": ",", "٪": "%", "−": "-",
}
_MARK = "\u0640"  # tashkeel folds onto tatweel, so a word matches with or without its marks
_APOSTROPHES = "’‘‛′´ʹʻʼʽʾʿˈ"
_DASHES = "‐‑‒–—―"
_INVISIBLE_RANGES = ((0x200B, 0x200F), (0x202A, 0x202E), (0x2060, 0x2069), (0x061C, 0x061C),
                     (0x00AD, 0x00AD), (0x2000, 0x200A), (0x202F, 0x202F), (0x205F, 0x205F),
                     (0x00A0, 0x00A0))
_MARK_RANGES = ((0x0610, 0x061A), (0x064B, 0x065F), (0x0670, 0x0670), (0x06D6, 0x06ED))


@lru_cache(maxsize=1)
def _fold_table() -> list[int]:
    """One code point for one code point: digits → 0-9, Arabic letter variants → one form,
    Arabic marks → tatweel, Latin accents dropped, apostrophes, dashes, invisible and
    odd spaces unified. Length-preserving, so folded offsets are original offsets."""
    table = list(range(_TABLE_SIZE))
    for cp in range(0x80, _TABLE_SIZE):
        ch = chr(cp)
        if unicodedata.category(ch) == "Nd":
            table[cp] = ord("0") + unicodedata.decimal(ch)
        elif ch in _FOLD_CHARS:
            table[cp] = ord(_FOLD_CHARS[ch])
        elif ch in _APOSTROPHES:
            table[cp] = ord("'")
        elif ch in _DASHES:
            table[cp] = ord("-")
        elif any(lo <= cp <= hi for lo, hi in _INVISIBLE_RANGES):
            table[cp] = ord(" ")
        elif any(lo <= cp <= hi for lo, hi in _MARK_RANGES):
            table[cp] = ord(_MARK)
        elif ch.isalpha() and not ch.isascii():
            base = unicodedata.normalize("NFD", ch)[0]
            if base.isascii():  # ā → a, Ḥ → H, ş → s
                table[cp] = ord(base)
    return table


def fold_same_length(text: str) -> str:
    """`text` folded character for character for pattern matching (see `_fold_table`).

    Unlike `sleuth.text.normalize`, no character is removed or expanded, so a match found in
    the folded text has the same span in `text`. Arabic marks and tatweel become tatweel:
    a pattern built by `arabic_word_pattern` allows them after every letter."""
    return text if text.isascii() else text.translate(_fold_table())


def arabic_word_pattern(word: str) -> str:
    """Regex source matching an Arabic word (or words) in folded text, in any spelling:
    with or without hamza, diacritics or tatweel, ة/ه and ى/ي alike, any spacing."""
    out = []
    for ch in fold_same_length(word):
        out.append(r"\s*" if ch == " " else re.escape(ch) + _MARK + "*")
    return "".join(out)
