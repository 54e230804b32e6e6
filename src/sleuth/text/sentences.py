"""Sentence boundaries, for quoting the sentence a mention stands in.

A sentence ends at . ! ? ؟ ؛ or a line break (forms and lists put one item per line), except
after an abbreviation or initial (Dr., Gen., U.S., a single capital letter) or inside a
number (3.5).
"""

from __future__ import annotations

import re

_END = re.compile(r"[.!?؟؛]+[\"'”’»)\]]*(?=\s|$)|\n")
_ABBREVIATIONS = frozenset({"dr", "mr", "mrs", "ms", "prof", "gen", "col", "maj", "capt", "lt", "sgt", "st",
                            "no", "vs", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
                            "sept", "oct", "nov", "dec", "co", "inc", "ltd", "corp", "u.s", "u.k", "u.n"})
MAX_SENTENCE = 400


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of every sentence, leading and trailing space excluded."""
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _END.finditer(text):
        if m.group() != "\n" and _abbreviation_before(text, m.start()):
            continue
        _add(spans, text, start, m.end())
        start = m.end()
    _add(spans, text, start, len(text))
    return spans


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span of the sentence that holds [start, end), cut to at most MAX_SENTENCE
    characters around it."""
    for s, e in sentence_spans(text):
        if s <= start < e or (s < end <= e):
            if e - s > MAX_SENTENCE:
                half = (MAX_SENTENCE - (end - start)) // 2
                s, e = max(s, start - half), min(e, end + half)
            return s, max(e, end)
    return start, end


def _abbreviation_before(text: str, dot: int) -> bool:
    j = dot
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] == "."):
        j -= 1
    word = text[j:dot].lower()
    return (len(word) == 1 and word.isalpha() and text[j:dot].isupper()) or word in _ABBREVIATIONS \
        or (dot + 1 < len(text) and text[dot + 1].isdigit())


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))


# A line this long that ends without punctuation runs on into the next line (a PDF's
# wrapped paragraph); a shorter one stands alone (a form's "Name: ..." line, a heading).
WRAPPED_LINE = 55


def prose_sentence_spans(text: str) -> list[tuple[int, int]]:
    """Like `sentence_spans`, but a line break inside a wrapped paragraph does not end a
    sentence: a long line that ends without punctuation continues on the next line, as
    text layers of PDFs and scans are written. Blank lines still end one."""
    spans = sentence_spans(text)
    out: list[tuple[int, int]] = []
    for start, end in spans:
        if out:
            prev_start, prev_end = out[-1]
            gap = text[prev_end:start]
            line_start = text.rfind("\n", 0, prev_end) + 1
            last_line = text[max(line_start, prev_start):prev_end]
            if ("\n" in gap and gap.count("\n") == 1 and gap.strip() == "" and len(last_line) >= WRAPPED_LINE
                    and not _END_PUNCTUATION.search(last_line) and ":" not in last_line[-3:]):
                out[-1] = (prev_start, end)
                continue
        out.append((start, end))
    return out


_END_PUNCTUATION = re.compile(r"[.!?؟؛:;]['\"”’»)\]]*\s*$")
