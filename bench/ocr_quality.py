"""OCR quality: character error rate of raw tesseract and of `sleuth.ocr.recognize()`.

    python bench/ocr_quality.py                  # all conditions, raw + ours
    python bench/ocr_quality.py --conditions clean,rotated --readers ours

Pages come from the demo generator (Arabic and English registration forms and letters;
every other Arabic form has its dates and numbers in Arabic-Indic digits),
rendered clean (300 dpi, no tilt, no blur, light speckle) and with one kind of damage at a
time (tilt, heavy speckle, blur, low resolution). CER = Levenshtein(ocr, truth) / len(truth)
after normalising both sides (bidi marks stripped, Persian letter forms folded, whitespace
collapsed per line, empty lines dropped). Pages are read two at a time, each tesseract
single-threaded, as the ingest pipeline does.

Two more figures per reader, for what raw tesseract is known to get wrong:
- numbers read exactly: the share of the truth's number tokens (dates, registration and
  phone numbers, in Western or Arabic-Indic digits) found in the reading with every digit
  right (digit systems folded, since search folds them too);
- lines kept: the share of the truth's lines that some line of the reading matches with at
  most 25% character errors (a dropped line scores 0).
"""

from __future__ import annotations

import argparse
import io
import random
import re
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from PIL import Image
from rapidfuzz.distance import Levenshtein

from sleuth.ocr.engine import require_tesseract
from sleuth.ocr.recognize import recognize, words_to_text

RAW = ("ara", "Arabic", "ara+eng", "Arabic+eng", "eng")
CLEAN = {"dpi": 300, "angle": 0.0, "speckle": 0.002, "blur": 0.0}
CONDITIONS: dict[str, dict[str, float]] = {
    "clean": {},
    "rotated": {"angle": 2.0},
    "speckle": {"speckle": 0.012},
    "blur": {"blur": 1.0},
    "low-dpi": {"dpi": 100},
}
_FOLD = str.maketrans({"ی": "ي", "ک": "ك", "ھ": "ه", "ۀ": "ة",
                       **{chr(0x06F0 + i): chr(0x0660 + i) for i in range(10)}})
_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class Page:
    """One synthetic scan: PNG bytes, its true text, language and resolution."""

    name: str
    lang: str
    condition: str
    png: bytes
    truth: str
    dpi: int


def normalise(text: str) -> str:
    """The comparison form of an OCR text or a truth text."""
    text = unicodedata.normalize("NFC", _MARKS.sub("", text).translate(_FOLD))
    return "\n".join(" ".join(line.split()) for line in text.splitlines() if line.strip())


def cer(ocr: str, truth: str) -> tuple[int, int]:
    """(edit distance, truth length) after normalisation."""
    a, b = normalise(ocr), normalise(truth)
    return Levenshtein.distance(a, b), len(b)


_DIGITS = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)},
                         **{chr(0x06F0 + i): str(i) for i in range(10)}})
_NUMBER = re.compile(r"\d+(?:[/.:-]\d+)*")


def numbers(text: str) -> list[str]:
    """Number tokens (digits joined by / . : -) with digit systems folded to 0-9."""
    return _NUMBER.findall(normalise(text).translate(_DIGITS))


def numbers_found(ocr: str, truth: str) -> tuple[int, int]:
    """(truth numbers found digit for digit in the reading, truth numbers)."""
    want = numbers(truth)
    have: dict[str, int] = {}
    for token in numbers(ocr):
        have[token] = have.get(token, 0) + 1
    found = 0
    for token in want:
        if have.get(token, 0) > 0:
            have[token] -= 1
            found += 1
    return found, len(want)


def lines_kept(ocr: str, truth: str, max_error: float = 0.25) -> tuple[int, int]:
    """(truth lines matched by some reading line within `max_error` CER, truth lines)."""
    read = normalise(ocr).splitlines()
    want = normalise(truth).splitlines()
    kept = sum(1 for line in want
               if any(Levenshtein.normalized_distance(line, got) <= max_error for got in read))
    return kept, len(want)


def make_pages(per_lang: int, conditions: list[str], seed: int = 7) -> list[Page]:
    """Forms and letters in Arabic and English, each rendered under every condition."""
    from sleuth.demo.forms import compose_form
    from sleuth.demo.letters import compose_letter
    from sleuth.demo.render.image import ScanOptions, page_texts, render_scan
    from sleuth.demo.story import build_story

    story = build_story(seed)
    rng = random.Random(seed)
    docs = []
    for lang in ("ar", "en"):
        for i in range(per_lang):
            if i % 3 == 2:
                doc, _ = compose_letter(story, [story.events[(i * 7) % len(story.events)]], lang, rng)
            else:
                # every other Arabic form writes its dates and numbers in Arabic-Indic digits
                doc, _ = compose_form(story, story.recruits[i + (0 if lang == "ar" else 30)], lang, rng,
                                      indic=lang == "ar" and i % 2 == 1)
            docs.append((f"{lang}-{i}", lang, doc))
    pages = []
    for condition in conditions:
        for n, (name, lang, doc) in enumerate(docs):
            look = {**CLEAN, **CONDITIONS[condition]}
            if look["angle"]:
                look["angle"] *= -1 if n % 2 else 1
            opts = ScanOptions(seed=seed * 1000 + n, dpi=int(look["dpi"]), angle=look["angle"],
                               speckle=look["speckle"], blur=look["blur"], paper=240)
            truth = page_texts(doc, opts.dpi)[0]
            pages.append(Page(name, lang, condition, render_scan(doc, opts), truth, opts.dpi))
    return pages


def _read(job: tuple[Page, str]) -> tuple[str, float]:
    page, reader = job
    engine = require_tesseract()
    image = Image.open(io.BytesIO(page.png))
    image.load()
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        if reader == "ours":
            text = recognize(image, engine, tmpdir=Path(tmp), timeout=120, dpi=page.dpi).text
        else:
            path = Path(tmp) / "page.png"
            image.save(path)
            start = time.perf_counter()  # raw tesseract reads the file as it is
            text = words_to_text(engine.recognize(path, reader, timeout=120, dpi=page.dpi))
        return text, time.perf_counter() - start


Figures = dict[tuple[str, str, str], tuple[float, float, float, float]]


def run(pages: list[Page], readers: list[str], workers: int = 2,
        progress: Callable[[str], None] | None = None) -> Figures:
    """(reader, lang, condition) -> (CER, seconds per page, numbers exact, lines kept)."""
    results: dict[tuple[str, str, str], list[float]] = {}
    with ProcessPoolExecutor(workers) as pool:
        for reader in readers:
            jobs = [(p, reader) for p in pages]
            for page, (text, secs) in zip(pages, pool.map(_read, jobs), strict=True):
                acc = results.setdefault((reader, page.lang, page.condition), [0.0] * 8)
                for i, (got, of) in enumerate((cer(text, page.truth), numbers_found(text, page.truth),
                                               lines_kept(text, page.truth))):
                    acc[2 * i] += got
                    acc[2 * i + 1] += of
                acc[6] += secs
                acc[7] += 1
            if progress:
                progress(reader)
    return {k: (v[0] / v[1], v[6] / v[7], v[2] / max(1.0, v[3]), v[4] / max(1.0, v[5]))
            for k, v in results.items()}


def table(figures: Figures, readers: list[str], conditions: list[str], column: int = 0) -> str:
    """Markdown: one row per reader and language, a figure (`column` of the figures: 0 CER,
    2 numbers read exactly, 3 lines kept) per condition, then s/page."""
    head = "| reader | lang | " + " | ".join(conditions) + " | s/page |"
    rows = [head, "|" + "---|" * (len(conditions) + 3)]
    for lang in ("ar", "en"):
        for reader in readers:
            cells = [figures.get((reader, lang, c)) for c in conditions]
            if not any(cells):
                continue
            secs = [c[1] for c in cells if c]
            name = "**recognize(auto)**" if reader == "ours" else f"tesseract -l {reader}"
            rows.append(f"| {name} | {lang} | " + " | ".join(
                f"{c[column] * 100:.1f}%" if c else "" for c in cells) + f" | {sum(secs) / len(secs):.2f} |")
    return "\n".join(rows)


def main(argv: list[str] | None = None) -> int:
    """Render the pages, read them with every reader, print the table."""
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--per-lang", type=int, default=6, help="documents per language (default 6)")
    parser.add_argument("--conditions", default=",".join(CONDITIONS))
    parser.add_argument("--readers", default=",".join([*RAW, "ours"]))
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args(argv)
    conditions = args.conditions.split(",")
    readers = args.readers.split(",")
    pages = make_pages(args.per_lang, conditions)
    print(f"{len(pages)} pages", file=sys.stderr)
    figures = run(pages, readers, args.workers, progress=lambda r: print(f"  {r} done", file=sys.stderr))
    for title, column in (("character error rate", 0), ("numbers read exactly", 2), ("lines kept", 3)):
        print(f"\n{title}\n")
        print(table(figures, readers, conditions, column))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
