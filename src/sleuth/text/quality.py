"""Is this text, or the garbage of a broken text layer? Cheap character statistics."""

from __future__ import annotations

import re

_WORD = re.compile(r"[^\W\d_]{2,}")
_ORDINARY_PUNCTUATION = frozenset(".,:;/-()%+'\"")


def letters_share(text: str) -> float:
    """Share of non-space characters that belong to words of two or more letters: near 1
    for prose in any script, low for numbers and for garbage."""
    chars = sum(1 for c in text if not c.isspace())
    if not chars:
        return 0.0
    return sum(len(m.group()) for m in _WORD.finditer(text)) / chars


def looks_garbled(text: str) -> bool:
    """True for text layers that are not text: fonts with no Unicode mapping give private-use
    characters, control codes or runs of symbols and digits instead of words.

    A table of numbers is not garbled: digits with ordinary punctuation pass."""
    chars = [c for c in text if not c.isspace()]
    if not chars:
        return False
    strange = sum(1 for c in chars if "\ue000" <= c <= "\uf8ff" or c == "\ufffd" or (c < " ") or
                  "\x7f" <= c <= "\x9f")
    if strange / len(chars) > 0.05:
        return True
    odd = sum(1 for c in chars if not c.isalnum() and c not in _ORDINARY_PUNCTUATION)
    return letters_share(text) < 0.3 and odd / len(chars) > 0.1
