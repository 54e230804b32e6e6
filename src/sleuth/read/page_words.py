"""Word boxes of a page, and which of them a search query matches.

Boxes are fractions (0..1) of the page's width and height, so they lie over the page image
whatever size it is shown at. They come from the stored OCR result for a page whose text
is OCR (boxes in the pixels of the image OCR read), and from `pdftotext -bbox-layout` on
that one page for a born-digital PDF page (boxes in points). Words are listed in reading
order, so a phrase is matched across neighbouring words.

Matching is the search index's: `sleuth.text.normalize` then the index's tokens, so a
query for تدمر marks تَدْمُر, each word of a phrase is marked where the phrase occurs, and
withdraw* marks "withdrawal".
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple

from sqlalchemy import select

from sleuth.read.page_image import CACHE_DIR, StoredDocument
from sleuth.read.pdf import strip_bidi_controls
from sleuth.search.query import ParsedQuery, Words, parse_query
from sleuth.store.schema import pages
from sleuth.text.normalize import normalize
from sleuth.text.tokens import tokenize

if TYPE_CHECKING:
    from sleuth.case import Case

#: Seconds `pdftotext` may take for one page.
PDFTOTEXT_TIMEOUT = 60.0
_PAGE_RE = re.compile(r'<page width="([\d.]+)" height="([\d.]+)">')
_LINE_RE = re.compile(r"<line\b[^>]*>(.*?)</line>", re.S)
_WORD_RE = re.compile(
    r'<word xMin="([-\d.]+)" yMin="([-\d.]+)" xMax="([-\d.]+)" yMax="([-\d.]+)">(.*?)</word>', re.S)
_RTL_RE = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_LTR_RE = re.compile(r"[A-Za-z0-9\u00c0-\u024f]")


class _Raw(NamedTuple):
    """A word of pdftotext's output: text and box corners in points."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float


@dataclass(frozen=True)
class WordBox:
    """One word: its text and box [x, y, w, h] as fractions of the page, and its line."""

    text: str
    box: tuple[float, float, float, float]
    line: int = 0


@dataclass
class PageWords:
    """A page's words in reading order; `width` x `height` is the page in the units the boxes
    were measured in (image pixels for OCR, points for a PDF text layer)."""

    width: float
    height: float
    source: str  #: "ocr" or "pdf"
    words: list[WordBox] = field(default_factory=list)

    def as_dict(self, matches: Sequence[int] = ()) -> dict[str, Any]:
        """JSON-ready form: width, height, source, words [{text, box}], matches [indices]."""
        return {"width": self.width, "height": self.height, "source": self.source,
                "words": [{"text": w.text, "box": list(w.box)} for w in self.words],
                "matches": list(matches)}


def _fraction(value: float, whole: float) -> float:
    return round(min(1.0, max(0.0, value / whole)), 5)


def _box(left: float, top: float, width: float, height: float, page_w: float, page_h: float,
         ) -> tuple[float, float, float, float]:
    x, y = _fraction(left, page_w), _fraction(top, page_h)
    w, h = _fraction(width, page_w), _fraction(height, page_h)
    return x, y, round(min(1.0 - x, w), 5), round(min(1.0 - y, h), 5)


def ocr_words(result: dict[str, Any]) -> PageWords | None:
    """Word boxes of a stored OCR result (a row of `OcrStore.page_results`), or None when
    the page's OCR did not succeed."""
    width, height = result.get("width") or 0, result.get("height") or 0
    if result.get("status") != "ok" or width <= 0 or height <= 0:
        return None
    words = [WordBox(str(w[0]), _box(float(w[2]), float(w[3]), float(w[4]), float(w[5]), width, height),
                     int(w[6])) for w in result.get("words") or [] if str(w[0]).strip()]
    return PageWords(float(width), float(height), "ocr", words)


def pdf_words(path: Path, number: int, page_text: str = "") -> PageWords | None:
    """Word boxes of page `number` of a PDF's text layer (`pdftotext -bbox-layout`), or None
    when poppler is missing or cannot read the page. `page_text` is the page's stored text
    (logical order): when the boxes' Arabic words come out in visual order, as they do from
    PDFs that draw glyphs left to right, the words are turned back to match it."""
    tool = shutil.which("pdftotext")
    if tool is None:
        return None
    try:
        proc = subprocess.run([tool, "-bbox-layout", "-enc", "UTF-8", "-f", str(number), "-l", str(number),
                               str(path), "-"], capture_output=True, timeout=PDFTOTEXT_TIMEOUT, check=False)
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        return None
    return parse_bbox_layout(proc.stdout.decode("utf-8", errors="replace"), page_text)


def parse_bbox_layout(output: str, page_text: str = "") -> PageWords | None:
    """The words of the first page in `pdftotext -bbox-layout` output (see `pdf_words`)."""
    page = _PAGE_RE.search(output)
    if page is None:
        return None
    page_w, page_h = float(page.group(1)), float(page.group(2))
    if page_w <= 0 or page_h <= 0:
        return None
    lines: list[list[_Raw]] = []
    for line in _LINE_RE.finditer(output, page.end()):
        words = []
        for m in _WORD_RE.finditer(line.group(1)):
            text = strip_bidi_controls(html.unescape(m.group(5))).strip()
            x0, y0, x1, y1 = (float(m.group(i)) for i in range(1, 5))
            if text:
                words.append(_Raw(text, x0, y0, x1, y1))
        if words:
            lines.append(words)
    if _visual_order(lines, page_text):
        lines = [_logical_line(line) for line in lines]
    out = [WordBox(w.text, _box(w.x0, w.y0, w.x1 - w.x0, w.y1 - w.y0, page_w, page_h), n)
           for n, line in enumerate(lines) for w in line]
    return PageWords(page_w, page_h, "pdf", out)


def _tokens(text: str) -> list[str]:
    return [t.text for t in tokenize(normalize(text))]


def _visual_order(lines: list[list[_Raw]], page_text: str) -> bool:
    """Whether the page's right-to-left words are spelled backwards (visual order): more of
    them appear reversed than as they are in the page's stored, logical text."""
    known = set(_tokens(page_text))
    if not known:
        return False
    as_is = backwards = 0
    for line in lines:
        for word in line:
            if _RTL_RE.search(word.text):
                as_is += sum(t in known for t in _tokens(word.text))
                backwards += sum(t in known for t in _tokens(word.text[::-1]))
    return backwards > as_is


def _is_rtl(word: _Raw) -> bool:
    return bool(_RTL_RE.search(word.text))


def _is_ltr(word: _Raw) -> bool:
    return bool(_LTR_RE.search(word.text)) and not _is_rtl(word)


def _logical_line(line: list[_Raw]) -> list[_Raw]:
    """A visual-order line (left to right) in reading order: right-to-left words spelled
    forwards; in a right-to-left line the words reversed, runs of left-to-right words (Latin,
    numbers) kept in their own order."""
    words = [w._replace(text=w.text[::-1]) if _is_rtl(w) else w for w in sorted(line, key=lambda w: w.x0)]
    if sum(map(_is_rtl, words)) <= sum(map(_is_ltr, words)):
        return words
    out: list[_Raw] = []
    run: list[_Raw] = []
    for word in reversed(words):
        if _is_ltr(word):
            run.append(word)
            continue
        out.extend(reversed(run))
        run = []
        out.append(word)
    out.extend(reversed(run))
    return out


def matching_words(words: Sequence[str], query: ParsedQuery | str) -> list[int]:
    """Indices of the words (in reading order) that the query's words and phrases match,
    as the search index matches them: normalised, whole tokens, a prefix for `word*`, a
    phrase's tokens in a row (across words, or inside one such as "al-Raqqa"). Excluded
    terms (NOT, -) and filters mark nothing."""
    parsed = parse_query(query) if isinstance(query, str) else query
    stream = [(token, i) for i, word in enumerate(words) for token in _tokens(word)]
    found: set[int] = set()
    for term in parsed.terms():
        found.update(_occurrences(stream, term))
    return sorted(found)


def _occurrences(stream: list[tuple[str, int]], term: Words) -> set[int]:
    """Word indices covered by each place the term's tokens occur in a row in the stream."""
    wanted = term.tokens
    k = len(wanted)
    hits: set[int] = set()
    for start in range(len(stream) - k + 1):
        for j, token in enumerate(wanted):
            seen = stream[start + j][0]
            last_prefix = term.prefix and j == k - 1
            if not (seen.startswith(token) if last_prefix else seen == token):
                break
        else:
            hits.update(stream[start + j][1] for j in range(k))
    return hits


def page_words(case: Case, doc: StoredDocument, number: int) -> PageWords | None:
    """The word boxes of one page: OCR boxes when the page's text is OCR (or the document
    is an image), the PDF text layer's otherwise; None for pages without either (other
    kinds, failed OCR, a damaged PDF). PDF boxes are cached in the case folder."""
    with case.store.engine.connect() as conn:
        row = conn.execute(select(pages.c.text, pages.c.method).where(
            pages.c.document_id == doc.id, pages.c.number == number)).first()
    if row is None:
        return None
    text, method = str(row.text), str(row.method)
    if method == "ocr" or doc.kind == "image":
        result = case.store.ocr.page_results(doc.id).get(number)
        return ocr_words(result) if result else None
    if doc.kind != "pdf":
        return None
    cached = case.root / CACHE_DIR / doc.sha256 / f"{number}.words.json"
    if cached.is_file():
        try:
            data = json.loads(cached.read_text(encoding="utf-8"))
            boxes = [WordBox(str(w[0]), (float(w[1][0]), float(w[1][1]), float(w[1][2]), float(w[1][3])),
                             int(w[2])) for w in data["words"]]
            return PageWords(float(data["width"]), float(data["height"]), "pdf", boxes)
        except (ValueError, KeyError, IndexError, TypeError):
            pass  # a damaged cache entry: read the page again
    blob = case.blobs.path(doc.sha256)
    found = pdf_words(blob, number, text) if blob.is_file() else None
    if found is not None:
        _write_json(cached, {"width": found.width, "height": found.height,
                             "words": [[w.text, list(w.box), w.line] for w in found.words]})
    return found


def _write_json(target: Path, data: dict[str, Any]) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".words-", suffix=".json")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            json.dump(data, out, ensure_ascii=False, separators=(",", ":"))
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
