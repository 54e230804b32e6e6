"""Word tokenisation shared by the search index, the query parser and snippet matching.

A token is a maximal run of letters, digits and combining marks (Unicode categories
L*, N*, M*); everything else separates tokens. Run it on *normalised* text
(`sleuth.text.normalize`): there the Arabic diacritics are gone, so an Arabic word is one
token whatever its vocalisation.

The search index tokenises with the equivalent Rust pattern `WORD_PATTERN_RUST`, and
drops tokens of `MAX_TOKEN_BYTES` UTF-8 bytes or more (base64 blobs, hex dumps) while
still counting their position; `tokenize` does the same, so a phrase typed in a query
lines up with the index.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import NamedTuple

#: The same token definition in Rust regex syntax (for tantivy's regex tokenizer).
WORD_PATTERN_RUST = r"[\p{L}\p{N}\p{M}]+"
#: Tokens this long (in UTF-8 bytes) or longer are not indexed.
MAX_TOKEN_BYTES = 100


class Token(NamedTuple):
    """One token: its text, its [start, end) span in the tokenised string and position."""

    text: str
    start: int
    end: int
    position: int


@lru_cache(maxsize=1)
def _mark_class() -> str:
    """Character class of combining marks (categories Mn, Mc, Me), as ranges."""
    ranges: list[tuple[int, int]] = []
    # Planes 0-2 and the variation-selector block hold every assigned mark.
    for cp in (*range(0xD800), *range(0xE000, 0x32000), *range(0xE0000, 0xE1000)):
        if unicodedata.category(chr(cp))[0] == "M":
            if ranges and ranges[-1][1] == cp - 1:
                ranges[-1] = (ranges[-1][0], cp)
            else:
                ranges.append((cp, cp))
    parts = (f"\\U{lo:08x}" if lo == hi else f"\\U{lo:08x}-\\U{hi:08x}" for lo, hi in ranges)
    return "[" + "".join(parts) + "]"


@lru_cache(maxsize=1)
def word_char() -> str:
    """A regex (Python syntax) matching one token character."""
    return rf"(?:[^\W_]|{_mark_class()})"


@lru_cache(maxsize=1)
def _word_re() -> re.Pattern[str]:
    return re.compile(word_char() + "+")


def tokenize(text: str) -> list[Token]:
    """Split (normalised) text into tokens, as the search index does."""
    tokens: list[Token] = []
    for position, m in enumerate(_word_re().finditer(text)):
        word = m.group()
        if len(word) * 4 < MAX_TOKEN_BYTES or len(word.encode("utf-8")) < MAX_TOKEN_BYTES:
            tokens.append(Token(word, m.start(), m.end(), position))
    return tokens
