"""Reading one page image: the whole OCR procedure for a page, engine calls included.

1. `preprocess.prepare`: grey, speckle removed (200+ dpi), tilt undone; a page
   without ink stops here (empty text, confidence 0, no tesseract run).
2. `script`: the ink says whether the page is Arabic or Latin; with `languages="auto"` an
   Arabic page is read with the fast `ara` model, a Latin one with `eng`.
3. One full-page tesseract pass.
4. One small extra pass over a composite of crops (`layout.read_crops`): runs of suspect
   words (Latin runs and Arabic-Indic digits that `ara` garbles, low confidence) are
   read again with the `Arabic` script model, which reads both well, and bands of ink that no
   recognised line covers (dropped lines) are read for the first time. A second reading
   replaces the words it covers only when its confidence is higher.
5. On Arabic pages, words that look like numbers are read again glyph by glyph from the
   ink (`numbers`, `digits`): tesseract garbles Arabic-Indic digits.
6. `repair`: bidi marks dropped; on Arabic pages Persian letter and digit forms folded.

Word boxes are mapped back to the pixels of the image given. The text is in logical order.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from PIL import Image

from sleuth.ocr import repair
from sleuth.ocr.engine import Tesseract, Word
from sleuth.ocr.layout import Crop, read_crops, uncovered_bands
from sleuth.ocr.numbers import reread_numbers
from sleuth.ocr.preprocess import Prepared, prepare
from sleuth.ocr.result import OcrPage
from sleuth.ocr.script import Band, arabic_share, text_bands

AUTO = "auto"
ARABIC_SHARE = 0.35  # of the line ink, for a page to count as Arabic
RETRY_MARGIN = 2.0  # a second reading must beat the first by this much confidence
_MAX_RETRY_RUNS = 40
LATIN_CHECK_CONFIDENCE = 50  # an `ara` page reading below this is tried as English too


def recognize(image: Image.Image, engine: Tesseract, *, tmpdir: Path, timeout: float,
              languages: str = AUTO, dpi: int | None = None) -> OcrPage:
    """The text of one page image, with confidence and word boxes in `image`'s pixels.

    `languages` is "auto" (chosen per page from the ink) or a tesseract language string
    such as "ara+eng", which is then used for every reading of the page.
    """
    if languages != AUTO:
        engine.check_languages(languages)
    prepared = prepare(image, dpi)
    if prepared is None:
        return OcrPage(text="", confidence=0.0, words=[], languages="" if languages == AUTO else languages,
                       width=image.width, height=image.height)
    bands = text_bands(prepared.ink)
    main, retry = _models(engine, languages, bands)
    arabic = "ara" in main.split("+") or "Arabic" in main.split("+")
    page_dpi = dpi or 300
    words = _read(engine, prepared.image, main, arabic, tmpdir=tmpdir, timeout=timeout, dpi=page_dpi)
    if languages == AUTO and not arabic and mean_confidence(words) < 30 and "Arabic" in engine.languages:
        # the ink looked Latin but `eng` could make nothing of it (a lone line of Arabic-Indic
        # digits, say): rare, so a second full reading with the script model is affordable
        main, retry, arabic = "Arabic", "Arabic", True
        words = _read(engine, prepared.image, main, arabic, tmpdir=tmpdir, timeout=timeout, dpi=page_dpi)
    elif (languages == AUTO and arabic and mean_confidence(words) < LATIN_CHECK_CONFIDENCE
          and "eng" in engine.languages):
        # the ink looked Arabic (ruled tables give line profiles sharp peaks too) but `ara`
        # made little of it: read the page as English and keep the reading that found more
        # confidently read words of its script
        latin = _read(engine, prepared.image, "eng", False, tmpdir=tmpdir, timeout=timeout, dpi=page_dpi)
        if (_confident_letters(latin, repair.LATIN_LETTERS)
                > _confident_letters(words, repair.ARABIC_LETTERS)):
            main, retry, arabic, words = "eng", "eng", False, latin
    lines = _lines(words)
    crops, spans = _retry_crops(prepared, lines, bands, arabic, retry, main)
    if crops:
        readings = read_crops(engine, prepared.image, crops, retry, tmpdir=tmpdir, timeout=timeout,
                              dpi=page_dpi)
        lines = _merge(lines, crops, spans, readings, arabic)
    if arabic:
        lines = reread_numbers(lines, prepared.ink)
    used = main if not crops or retry == main else f"{main},{retry}"
    out = _to_original(lines, prepared)
    return OcrPage(text=words_to_text(out), confidence=mean_confidence(out), words=out,
                   languages=used, width=image.width, height=image.height)


def _models(engine: Tesseract, languages: str, bands: list[Band]) -> tuple[str, str]:
    """(model for the page, model for second readings)."""
    if languages != AUTO:
        return languages, languages
    have = engine.languages
    if arabic_share(bands) >= ARABIC_SHARE:
        main = "ara" if "ara" in have else "Arabic" if "Arabic" in have else "eng"
        retry = "Arabic" if "Arabic" in have else "ara+eng" if {"ara", "eng"} <= have else main
    else:
        main = "eng" if "eng" in have else "Arabic" if "Arabic" in have else "ara"
        # a stray Arabic-looking band is usually noise; real Arabic lines carry real ink
        mixed = arabic_share(bands) >= 0.1
        retry = "Arabic" if mixed and "Arabic" in have else main
    engine.check_languages(main)
    engine.check_languages(retry)
    return main, retry


def _confident_letters(words: list[Word], letters: re.Pattern[str]) -> int:
    """Letters of one script in words read with confidence: how much real text a reading found."""
    total = 0
    for w in words:
        n = len(letters.findall(w.text))
        if w.conf >= 60 and n >= 3:
            total += n
    return total


def _read(engine: Tesseract, image: Image.Image, languages: str, arabic: bool, *, tmpdir: Path,
          timeout: float, dpi: int) -> list[Word]:
    """One full-page reading, words cleaned, empty ones dropped."""
    words = _run(engine, image, languages, tmpdir=tmpdir, timeout=timeout, dpi=dpi, psm=3)
    words = [Word(repair.clean_text(w.text, arabic), w.conf, w.left, w.top, w.width, w.height, w.line)
             for w in words]
    return [w for w in words if w.text]


def _run(engine: Tesseract, image: Image.Image, languages: str, *, tmpdir: Path, timeout: float,
         dpi: int, psm: int) -> list[Word]:
    return engine.read_image(image, languages, tmpdir=tmpdir, timeout=timeout, psm=psm, dpi=dpi)


def _lines(words: list[Word]) -> list[list[Word]]:
    """Words grouped by line, lines in tesseract's reading order."""
    by_line: dict[int, list[Word]] = {}
    for w in words:
        by_line.setdefault(w.line, []).append(w)
    return [by_line[k] for k in sorted(by_line)]


def _box(words: list[Word]) -> tuple[int, int, int, int]:
    return (min(w.left for w in words), min(w.top for w in words),
            max(w.right for w in words), max(w.bottom for w in words))


Span = tuple[int, int, int]  # line index, first word, word after the last


def _retry_crops(prepared: Prepared, lines: list[list[Word]], bands: list[Band], arabic: bool,
                 retry: str, main: str) -> tuple[list[Crop], dict[int, Span]]:
    """Crops worth a second reading: runs of suspect words (their key maps to the words they
    would replace) and bands of ink no line covers (keys not in the map).

    A run is read on its own, not with its whole line: in an Arabic line the script model
    reads a Latin run as digits, alone it reads it right.
    """
    img_w, img_h = prepared.image.size
    crops: list[Crop] = []
    spans: dict[int, Span] = {}

    def add(left: int, top: int, right: int, bottom: int) -> int:
        pad = max(4, (bottom - top) // 4)
        crops.append(Crop(len(crops), max(0, left - pad), max(0, top - pad), min(img_w, right + pad),
                          min(img_h, bottom + pad)))
        return len(crops) - 1

    if retry != main:
        suspect = repair.suspect_on_arabic_page if arabic else repair.suspect_on_latin_page
        for i, line in enumerate(lines):
            flags = [suspect(w.text, w.conf, not prepared.large_text) for w in line]
            _widen(flags, line)
            j = 0
            while j < len(line) and len(spans) < _MAX_RETRY_RUNS:
                if not flags[j]:
                    j += 1
                    continue
                k = j
                while k < len(line) and flags[k]:
                    k += 1
                spans[add(*_box(line[j:k]))] = (i, j, k)
                j = k
    words = [w for line in lines for w in line]
    typical = float(np.median([b.height for b in bands])) if bands else 0.0
    for band in uncovered_bands(bands, words):
        if band.height < 0.5 * typical or band.height > 3 * typical:
            continue
        cols = np.flatnonzero(prepared.ink[band.top:band.bottom].any(axis=0))
        if cols.size == 0 or cols[-1] - cols[0] < band.height:
            continue  # a blot or a stray mark, not a line of text
        add(int(cols[0]), band.top, int(cols[-1]) + 1, band.bottom)
    return crops, spans


def _widen(flags: list[bool], line: list[Word]) -> None:
    """Digit or Latin words next to a suspect run join it: a Latin run in an Arabic line
    comes out of `ara` word by word in right-to-left order, and must be read as one."""
    changed = True
    while changed:
        changed = False
        for j, w in enumerate(line):
            if flags[j] or not (repair.has_digit(w.text) or repair.has_latin(w.text)):
                continue
            if (j > 0 and flags[j - 1]) or (j + 1 < len(flags) and flags[j + 1]):
                flags[j] = changed = True


def _merge(lines: list[list[Word]], crops: list[Crop], spans: dict[int, Span],
           readings: dict[int, list[Word]], arabic: bool) -> list[list[Word]]:
    """Runs with better second readings swapped in and dropped lines inserted by position."""
    replace: dict[int, list[tuple[int, int, list[Word]]]] = {}
    added: list[list[Word]] = []
    for crop in crops:
        got = [Word(repair.clean_text(w.text, arabic), w.conf, w.left, w.top, w.width, w.height, 0)
               for w in readings.get(crop.key, [])]
        got = [w for w in got if w.text]
        if not got:
            continue
        if crop.key in spans:
            i, j, k = spans[crop.key]
            if mean_confidence(got) > mean_confidence(lines[i][j:k]) + RETRY_MARGIN:
                replace.setdefault(i, []).append((j, k, got))
        elif mean_confidence(got) >= 40:
            added.append(got)
    out = []
    for i, line in enumerate(lines):
        new = list(line)
        for j, k, got in sorted(replace.get(i, []), key=lambda r: r[0], reverse=True):
            new[j:k] = got
        out.append(new)
    for line in sorted(added, key=lambda ws: _box(ws)[1]):
        centre = (_box(line)[1] + _box(line)[3]) / 2
        at = len(out)
        for i, other in enumerate(out):
            _, top, _, bottom = _box(other)
            if (top + bottom) / 2 > centre:
                at = i
                break
        out.insert(at, line)
    return out


def _to_original(lines: list[list[Word]], prepared: Prepared) -> list[Word]:
    """Words numbered by line in reading order, boxes in the original image's pixels."""
    out = []
    for n, line in enumerate(lines):
        for w in line:
            left, top, width, height = prepared.to_original(w.left, w.top, w.width, w.height)
            out.append(Word(w.text, w.conf, left, top, width, height, n))
    return out


def words_to_text(words: list[Word]) -> str:
    """Lines of words joined by spaces, lines by newlines, in reading order."""
    lines: dict[int, list[str]] = {}
    for word in words:
        lines.setdefault(word.line, []).append(word.text)
    return "\n".join(" ".join(parts) for _, parts in sorted(lines.items()))


def mean_confidence(words: list[Word]) -> float:
    """Mean word confidence weighted by word length (0 for no words)."""
    total = sum(len(w.text) for w in words)
    if not total:
        return 0.0
    return sum(w.conf * len(w.text) for w in words) / total
