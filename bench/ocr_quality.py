"""OCR quality: character error rate of raw tesseract and of `sleuth.ocr.recognize()`.

    python bench/ocr_quality.py                  # all conditions, raw + ours
    python bench/ocr_quality.py --conditions clean,rotated --readers ours

Pages come from the demo generator (Arabic and English registration forms and letters),
rendered clean (300 dpi, no tilt, no blur, light speckle) and with one kind of damage at a
time (tilt, heavy speckle, blur, low resolution). CER = Levenshtein(ocr, truth) / len(truth)
after normalising both sides (bidi marks stripped, Persian letter forms folded, whitespace
collapsed per line, empty lines dropped). Pages are read two at a time, each tesseract
single-threaded, as the ingest pipeline does.
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
                doc, _ = compose_form(story, story.recruits[i + (0 if lang == "ar" else 30)], lang, rng)
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


def run(pages: list[Page], readers: list[str], workers: int = 2,
        progress: Callable[[str], None] | None = None) -> dict[tuple[str, str, str], tuple[float, float]]:
    """(reader, lang, condition) -> (CER, seconds per page)."""
    results: dict[tuple[str, str, str], list[float]] = {}
    with ProcessPoolExecutor(workers) as pool:
        for reader in readers:
            jobs = [(p, reader) for p in pages]
            for page, (text, secs) in zip(pages, pool.map(_read, jobs), strict=True):
                errors, length = cer(text, page.truth)
                acc = results.setdefault((reader, page.lang, page.condition), [0, 0, 0, 0])
                acc[0] += errors
                acc[1] += length
                acc[2] += secs
                acc[3] += 1
            if progress:
                progress(reader)
    return {k: (v[0] / v[1], v[2] / v[3]) for k, v in results.items()}


def table(figures: dict[tuple[str, str, str], tuple[float, float]], readers: list[str],
          conditions: list[str]) -> str:
    """Markdown: one row per reader and language, CER per condition, then s/page."""
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
                f"{c[0] * 100:.1f}%" if c else "" for c in cells) + f" | {sum(secs) / len(secs):.2f} |")
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
    print(table(figures, readers, conditions))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
