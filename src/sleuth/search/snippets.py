"""Snippets: excerpts of a document's original text with the query's words marked.

The index does not keep the original text (it lives in the case store), so the caller
fetches each hit's text and calls `make_snippets`. Matching runs on normalised text and
is mapped back, so a query for تدمر marks تَدْمُر, and "eleve" marks "Élève".
"""

from __future__ import annotations

import bisect
import html
import re
from dataclasses import dataclass, field
from functools import lru_cache

from sleuth.search.query import ParsedQuery, Words, parse_query
from sleuth.text.normalize import normalize_with_offsets
from sleuth.text.tokens import word_char

#: Only this much of a document is searched for snippets (the rest is summarised by the hit).
MAX_SCAN_CHARS = 2_000_000
#: Most matches considered when choosing fragments.
MAX_MATCHES = 2000
#: How far a fragment edge may move to avoid cutting a word.
_SNAP = 24
_SPACE_RE = re.compile(r"\s+")
_STYLES = {"plain": ("«", "»"), "ansi": ("\x1b[1m", "\x1b[0m"), "html": ("<mark>", "</mark>")}


@dataclass
class Snippet:
    """An excerpt of the original text; `highlights` are (start, end) spans in `text`."""

    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    page: int = 1  #: 1-based page ("\f"-separated) the excerpt starts on
    start: int = 0  #: offset of the excerpt in the document text
    cut_before: bool = False  #: the page goes on before the excerpt
    cut_after: bool = False  #: the page goes on after the excerpt

    def render(self, style: str = "plain") -> str:
        """One line for display, whitespace collapsed, matches marked and "…" where cut.

        style: "plain" marks «like this», "ansi" in bold for terminals, "html" escapes the
        text and wraps matches in <mark>.
        """
        if style not in _STYLES:
            raise ValueError(f"unknown snippet style {style!r}; use one of {', '.join(_STYLES)}")
        opening, closing = _STYLES[style]
        escape = html.escape if style == "html" else (lambda s: s)
        parts: list[str] = []
        pos = 0
        for start, end in self.highlights:
            parts.append(escape(_SPACE_RE.sub(" ", self.text[pos:start])))
            parts.append(opening + escape(_SPACE_RE.sub(" ", self.text[start:end])) + closing)
            pos = end
        parts.append(escape(_SPACE_RE.sub(" ", self.text[pos:])))
        body = "".join(parts).strip()
        return ("…" if self.cut_before else "") + body + ("…" if self.cut_after else "")


def make_snippets(text: str, query: ParsedQuery | str, max_chars: int = 240,
                  max_fragments: int = 2) -> list[Snippet]:
    """Up to `max_fragments` excerpts of about `max_chars` characters where the query's
    words and phrases occur, in document order; the start of the document when none
    occur (e.g. a filter-only query). Empty text gives no snippets."""
    parsed = parse_query(query) if isinstance(query, str) else query
    if not text.strip():
        return []
    pages = _Pages(text)
    matches = find_matches(text, parsed)
    if not matches:
        return [_lead(text, pages, max_chars)]
    chosen: list[tuple[int, int]] = []
    remaining = matches
    while remaining and len(chosen) < max_fragments:
        window = _best_window(text, remaining, pages, max_chars)
        chosen.append(window)
        remaining = [m for m in remaining if m[1] <= window[0] or m[0] >= window[1]]
    snippets = []
    for start, end in sorted(chosen):
        marks = [(s - start, e - start) for s, e, _ in matches if s >= start and e <= end]
        page_start, page_end = pages.bounds(start)
        snippets.append(Snippet(text[start:end], marks, pages.number(start), start,
                                cut_before=bool(text[page_start:start].strip()),
                                cut_after=bool(text[end:page_end].strip())))
    return snippets


def find_matches(text: str, query: ParsedQuery) -> list[tuple[int, int, int]]:
    """Spans (start, end, term number) in the original `text` where the query's terms
    occur, matched as the index matches them (normalised, whole tokens, prefixes)."""
    terms = query.terms()
    if not terms:
        return []
    pattern = _pattern(tuple(terms))
    norm, offsets = normalize_with_offsets(text[:MAX_SCAN_CHARS])
    found: list[tuple[int, int, int]] = []
    for m in pattern.finditer(norm):
        if m.end() == m.start():
            continue
        start = offsets[m.start()]
        # Take the diacritics after the last letter along: they are not in `norm`, so they
        # lie between this match's last character and the next normalised one.
        limit = offsets[m.end()] if m.end() < len(offsets) else min(len(text), MAX_SCAN_CHARS)
        end = _extend(text, offsets[m.end() - 1] + 1, limit)
        found.append((start, end, int((m.lastgroup or "t0")[1:])))
        if len(found) >= MAX_MATCHES:
            break
    return found


def _extend(text: str, end: int, limit: int) -> int:
    """Extend `end` over removed characters (tashkeel, tatweel) up to `limit`, never over
    whitespace."""
    while end < limit and not text[end].isspace():
        end += 1
    return end


@lru_cache(maxsize=64)
def _pattern(terms: tuple[Words, ...]) -> re.Pattern[str]:
    wc = word_char()
    sep = f"(?:(?!{wc}).)+"
    alternatives = []
    for n, term in sorted(enumerate(terms), key=lambda nt: -sum(map(len, nt[1].tokens))):
        body = sep.join(re.escape(t) for t in term.tokens)
        tail = f"{wc}*" if term.prefix else ""
        alternatives.append(f"(?P<t{n}>(?<!{wc}){body}{tail}(?!{wc}))")
    return re.compile("|".join(alternatives), re.S)


class _Pages:
    """Page boundaries ("\f") of a text."""

    def __init__(self, text: str) -> None:
        self.length = len(text)
        self.breaks = [m.start() for m in re.finditer("\f", text)]

    def number(self, offset: int) -> int:
        return bisect.bisect_right(self.breaks, offset - 1) + 1 if self.breaks else 1

    def bounds(self, offset: int) -> tuple[int, int]:
        i = bisect.bisect_right(self.breaks, offset - 1)
        start = self.breaks[i - 1] + 1 if i > 0 else 0
        end = self.breaks[i] if i < len(self.breaks) else self.length
        return start, end


def _best_window(text: str, matches: list[tuple[int, int, int]], pages: _Pages,
                 max_chars: int) -> tuple[int, int]:
    """The window around one match that holds the most distinct terms, then most matches."""
    best = (0, 0)
    best_score = (-1, -1)
    starts = [m[0] for m in matches]
    for start, end, _ in matches:
        page_start, page_end = pages.bounds(start)
        lead = max(0, (max_chars - (end - start)) // 4)
        w_start = max(page_start, start - lead)
        w_end = min(page_end, max(w_start + max_chars, end))
        if w_end - w_start < max_chars:  # near the end of a page: use the room before
            w_start = max(page_start, min(start, w_end - max_chars))
        lo, hi = bisect.bisect_left(starts, w_start), bisect.bisect_left(starts, w_end)
        inside = [m for m in matches[lo:hi] if m[1] <= w_end]
        score = (len({m[2] for m in inside}), len(inside))
        if score > best_score:
            best, best_score = (w_start, w_end), score
    lo, hi = bisect.bisect_left(starts, best[0]), bisect.bisect_left(starts, best[1])
    inside = [m for m in matches[lo:hi] if m[1] <= best[1]]
    return _snap(text, best, pages, inside[0][0], max(m[1] for m in inside))


def _snap(text: str, window: tuple[int, int], pages: _Pages, first: int, last: int) -> tuple[int, int]:
    """Move the window's edges to whitespace so no word is cut, never past a match."""
    start, end = window
    page_start, page_end = pages.bounds(start)
    if start > page_start and not text[start - 1].isspace():
        m = _SPACE_RE.search(text, start, min(first, start + _SNAP))
        if m:
            start = m.end()
    if end < page_end and not text[end].isspace():
        cut = max(text.rfind(" ", max(last, end - _SNAP), end), text.rfind("\n", max(last, end - _SNAP), end))
        if cut > 0:
            end = cut
    return start, end


def _lead(text: str, pages: _Pages, max_chars: int) -> Snippet:
    """The first `max_chars` of the first page with text (no match to centre on)."""
    start = len(text) - len(text.lstrip())
    _, page_end = pages.bounds(start)
    end = min(page_end, start + max_chars)
    cut = text.rfind(" ", start, end) if end < page_end else -1
    if cut > start + max_chars // 2:
        end = cut
    return Snippet(text[start:end], [], pages.number(start), start,
                   cut_before=False, cut_after=bool(text[end:page_end].strip()))
