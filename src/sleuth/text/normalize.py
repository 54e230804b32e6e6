"""Unicode and Arabic normalisation for indexing, querying and matching.

`normalize()` folds the spellings a reader treats as the same word onto one form:

- Arabic: tashkeel (harakat U+064B-065F, superscript alef U+0670, Quranic marks
  U+06D6-06ED, honorifics U+0610-061A, extended marks U+08D3-08FF) and tatweel U+0640 are
  removed; أ إ آ ٱ → ا, ى → ي, ة → ه; Persian-keyboard ک → ك and ی → ي.
- Hamza on a carrier is dropped onto the carrier: ؤ → و, ئ → ي ("tasheel"). This is
  what Unicode decomposition gives once the hamza mark is removed, and it is what OCR
  and hurried typists produce, so both spellings meet. The cost: the two accepted
  spellings مسؤول / مسئول still differ (مسوول / مسيول); search both with OR. A bare ء stays.
- Digits: every decimal digit (Arabic-Indic ٠-٩, Persian ۰-۹, Devanagari, ...) → 0-9.
- Compatibility forms (NFKD): Arabic presentation forms U+FB50-FEFF → base letters,
  ligatures (ﬁ → fi, ﻻ → لا), full-width and super/subscript characters.
- Latin, Greek, Cyrillic: case-folded (ß → ss) and accent-insensitive (é → e, İ → i).
  Marks are only removed where they are optional diacritics (combining diacritical
  blocks, Arabic, Hebrew points); vowel signs of Indic and other scripts are kept.
- Invisible format characters (bidi marks, ZWJ/ZWNJ, soft hyphen, BOM) are removed;
  a zero-width space becomes a space.

Every rule maps one original character to zero or more characters, independently of its
neighbours, so `normalize(a + b) == normalize(a) + normalize(b)` and every character of
the output comes from exactly one input character (`normalize_with_offsets`). That is
also what makes it fast: one `str.translate` over a precomputed table.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Mapping for every BMP code point (None = delete). Characters above U+FFFF are beyond
# the table and pass through unchanged (str.translate treats IndexError as "keep").
_TABLE_SIZE = 0x10000

_ARABIC_LETTERS = {
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ٲ": "ا", "ٳ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",
    "ة": "ه", "ؤ": "و", "ک": "ك",
}
_DELETE_RANGES = (
    (0x0610, 0x061A),  # Arabic honorific signs and small high letters
    (0x064B, 0x065F),  # harakat, tanwin, shadda, sukun, hamza above/below, ...
    (0x0670, 0x0670),  # superscript alef
    (0x0640, 0x0640),  # tatweel
    (0x06D6, 0x06ED),  # Quranic annotation marks
    (0x08D3, 0x08FF),  # Arabic extended-A marks
    (0x0591, 0x05C7),  # Hebrew cantillation and points (letters start at U+05D0)
)
_OPTIONAL_MARK_RANGES = (
    (0x0300, 0x036F),  # combining diacritical marks (Latin, Greek, Cyrillic accents)
    (0x1AB0, 0x1AFF),
    (0x1DC0, 0x1DFF),
    (0x20D0, 0x20FF),
    (0xFE20, 0xFE2F),
)
_SPACE_LIKE = {"\u200b"}
# Categories whose characters keep their identity unless they decompose or case-fold.
_PLAIN_CATEGORIES = frozenset({"Lo", "Ll", "Lm", "Mc", "Me", "Nl", "No", "Pc", "Pd", "Ps", "Pe", "Pi",
                               "Pf", "Po", "Sm", "Sc", "Sk", "So", "Zs", "Zl", "Zp", "Cc", "Co", "Cn",
                               "Cs", "Lt", "Lu"})  # zero-width space separates words: keep the separation


def _in_ranges(cp: int, ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(lo <= cp <= hi for lo, hi in ranges)


def _drop(ch: str) -> bool:
    """True for characters that normalisation removes outright."""
    cp = ord(ch)
    if _in_ranges(cp, _DELETE_RANGES) or _in_ranges(cp, _OPTIONAL_MARK_RANGES):
        return True
    return unicodedata.category(ch) == "Cf" and ch not in _SPACE_LIKE


def _fold_char(ch: str) -> str:
    """The slow, exact rule for one character (used to build the table)."""
    if ch in _SPACE_LIKE:
        return " "
    if _drop(ch):
        return ""
    if ch in _ARABIC_LETTERS:
        return _ARABIC_LETTERS[ch]
    if unicodedata.category(ch) == "Nd":
        return str(unicodedata.decimal(ch))
    s = unicodedata.normalize("NFKD", ch).casefold()
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not _drop(c))
    s = unicodedata.normalize("NFC", s)
    out = []
    for c in s:
        if c in _ARABIC_LETTERS:
            out.append(_ARABIC_LETTERS[c])
        elif unicodedata.category(c) == "Nd":
            out.append(str(unicodedata.decimal(c)))
        else:
            out.append(c)
    return "".join(out)


@lru_cache(maxsize=1)
def _tables() -> tuple[list[str | None], re.Pattern[str]]:
    """The translate table and a pattern matching characters that do not map 1:1.

    Built on first use (~0.1 s), not at import, so commands that never normalise
    non-ASCII text do not pay for it.
    """
    table: list[str | None] = []
    uneven: list[int] = []
    category, decomposition = unicodedata.category, unicodedata.decomposition
    for cp in range(_TABLE_SIZE):
        ch = chr(cp)
        if cp < 0x80:
            table.append(ch.lower())
            continue
        cat = category(ch)
        if (cat in _PLAIN_CATEGORIES and not decomposition(ch) and ch.casefold() == ch
                and ch not in _ARABIC_LETTERS and not _in_ranges(cp, _DELETE_RANGES)
                and not _in_ranges(cp, _OPTIONAL_MARK_RANGES)):
            table.append(ch)  # the common case, decided without the slow rule
            continue
        out = _fold_char(ch)
        table.append(out if out else None)
        if len(out) != 1:
            uneven.append(cp)
    return table, re.compile(_char_class(uneven))


def _char_class(code_points: list[int]) -> str:
    """A regex character class for sorted code points, written as ranges."""
    parts: list[str] = []
    i = 0
    while i < len(code_points):
        j = i
        while j + 1 < len(code_points) and code_points[j + 1] == code_points[j] + 1:
            j += 1
        lo, hi = code_points[i], code_points[j]
        parts.append(f"\\u{lo:04x}" if lo == hi else f"\\u{lo:04x}-\\u{hi:04x}")
        i = j + 1
    return "[" + "".join(parts) + "]" if parts else "[^\\s\\S]"


def normalize(text: str) -> str:
    """Fold `text` for indexing and matching (see the module docstring for the rules).

    >>> normalize("تَدْمُر") == normalize("تدمر")
    True
    >>> normalize("Éléphant RAQQA")
    'elephant raqqa'
    """
    if text.isascii():
        return text.lower()
    return text.translate(_tables()[0])


def normalize_with_offsets(text: str) -> tuple[str, list[int]]:
    """`normalize(text)` and, for each of its characters, the index in `text` it came from.

    Use it to map a match in normalised text back onto the original: a match spanning
    normalised characters [s, e) covers original characters [offsets[s], offsets[e-1] + 1).
    """
    if text.isascii():
        return text.lower(), list(range(len(text)))
    table, uneven = _tables()
    parts: list[str] = []
    offsets: list[int] = []
    pos = 0
    for m in uneven.finditer(text):
        i = m.start()
        if i > pos:
            parts.append(text[pos:i].translate(table))
            offsets.extend(range(pos, i))
        out = table[ord(text[i])]
        if out:
            parts.append(out)
            offsets.extend([i] * len(out))
        pos = i + 1
    if pos < len(text):
        parts.append(text[pos:].translate(table))
        offsets.extend(range(pos, len(text)))
    return "".join(parts), offsets


def removed_by_normalize(ch: str) -> bool:
    """True when normalisation deletes `ch` (a diacritic, tatweel or invisible mark)."""
    if ch.isascii():
        return False
    cp = ord(ch)
    return cp < _TABLE_SIZE and _tables()[0][cp] is None
