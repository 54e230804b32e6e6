"""Numbers of an Arabic page's reading checked glyph by glyph (`digits.read_number`).

Tesseract's words that look like numbers (mostly digits of any system and `/`, with the
letters its Arabic models put in place of Arabic-Indic digits: E for ٤, A for ٨, Y for ٢) are
re-read from the page's ink. Neighbouring number words of one line that stand close
together are one number split by tesseract (often with its parts in the wrong order), and
are re-read as one. A re-reading replaces tesseract's only when every glyph is clear.
"""

from __future__ import annotations

import re

import numpy as np

from sleuth.ocr.digits import read_number
from sleuth.ocr.engine import Word

# digits, separators, and what the Arabic models write for digits they cannot read: Latin
# look-alikes (E ٤, A ٨, Y ٢, V ٧) and the letters alef, lam and heh (١, ٧, ٥)
_NUMBER_LIKE = re.compile(r"^[0-9\u0660-\u0669\u06f0-\u06f9/\\.:|€A-Za-z\u0627\u0644\u0647-]+$")
_DIGIT = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]")
_DIGIT_OR_SEPARATOR = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9/.:-]")
JOIN_GAP = 0.6  # of the word height: closer number words are one number


def number_like(text: str) -> bool:
    """A word tesseract may have made of a number: digits, separators, digit look-alikes,
    with at least one digit."""
    if not _NUMBER_LIKE.match(text) or _DIGIT.search(text) is None:
        return False
    return len(_DIGIT_OR_SEPARATOR.findall(text)) >= 0.5 * len(text)


def reread_numbers(lines: list[list[Word]], ink: np.ndarray) -> list[list[Word]]:
    """`lines` with number words replaced by their glyph-by-glyph reading where it is clear."""
    return [_line(line, ink) for line in lines]


def _line(line: list[Word], ink: np.ndarray) -> list[Word]:
    out: list[Word] = []
    i = 0
    while i < len(line):
        if not number_like(line[i].text):
            out.append(line[i])
            i += 1
            continue
        j = i + 1
        while j < len(line) and number_like(line[j].text) and _close(line[j - 1], line[j]):
            j += 1
        run = line[i:j]
        word = _reread(run, ink)
        if word is not None:
            out.append(word)
        else:
            out.extend(run)
        i = j
    return out


def _close(a: Word, b: Word) -> bool:
    height = max(a.height, b.height)
    gap = max(a.left, b.left) - min(a.right, b.right)
    overlap = min(a.bottom, b.bottom) - max(a.top, b.top)
    return gap < JOIN_GAP * height and overlap > 0.5 * min(a.height, b.height)


def _reread(run: list[Word], ink: np.ndarray) -> Word | None:
    left = min(w.left for w in run)
    top = min(w.top for w in run)
    right = max(w.right for w in run)
    bottom = max(w.bottom for w in run)
    pad = 2
    crop = ink[max(0, top - pad):bottom + pad, max(0, left - pad):right + pad]
    text = read_number(crop)
    if text is None:
        return None
    conf = min(w.conf for w in run)
    return Word(text, conf, left, top, right - left, bottom - top, run[0].line)
