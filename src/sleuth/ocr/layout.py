"""Second readings in one tesseract run: line crops stacked into one small composite image.

Starting tesseract and loading a model costs 0.1-0.25 s, more than reading a few lines, so
every line that deserves a second look (a suspect reading, a band of ink no recognised
line covers) is cut out, pasted on one white strip per line, and the whole stack is read
once. Each recognised word is mapped back to its crop by its vertical position.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from sleuth.ocr.engine import Tesseract, Word
from sleuth.ocr.script import Band


@dataclass(frozen=True)
class Crop:
    """A region of the prepared page to read again: `key` says what it replaces."""

    key: int
    left: int
    top: int
    right: int
    bottom: int


def uncovered_bands(bands: list[Band], words: list[Word]) -> list[Band]:
    """Bands of ink that no recognised word overlaps: lines tesseract dropped."""
    missed = []
    for band in bands:
        covered = False
        for w in words:
            overlap = min(band.bottom, w.bottom) - max(band.top, w.top)
            if overlap > 0.4 * min(band.height, max(1, w.height)):
                covered = True
                break
        if not covered:
            missed.append(band)
    return missed


def read_crops(engine: Tesseract, page: Image.Image, crops: list[Crop], languages: str, *,
               tmpdir: Path, timeout: float, dpi: int) -> dict[int, list[Word]]:
    """Words read in each crop (boxes in page pixels), all crops in one tesseract run."""
    if not crops:
        return {}
    heights = [c.bottom - c.top for c in crops]
    pad = max(8, max(heights) // 3)
    width = max(c.right - c.left for c in crops) + 2 * pad
    slots: list[tuple[Crop, int]] = []
    y = pad
    for crop in crops:
        slots.append((crop, y))
        y += crop.bottom - crop.top + 2 * pad
    paper = _paper(page)
    canvas = Image.new("L", (width, y), paper)
    for crop, top in slots:
        canvas.paste(page.crop((crop.left, crop.top, crop.right, crop.bottom)), (pad, top))
    # small text (a 100-150 dpi scan) reads better in a second pass at twice the size; the
    # composite is small, so this costs little (on the whole page it did not help)
    zoom = 2 if sorted(heights)[len(heights) // 2] < 36 else 1
    if zoom > 1:
        canvas = canvas.resize((canvas.width * zoom, canvas.height * zoom), Image.Resampling.BICUBIC)
    words = engine.read_image(canvas, languages, tmpdir=tmpdir, timeout=timeout, psm=6, dpi=dpi * zoom)
    found: dict[int, list[Word]] = {}
    words = [Word(w.text, w.conf, w.left // zoom, w.top // zoom, -(-w.width // zoom), -(-w.height // zoom),
                  w.line) for w in words]
    for w in words:
        centre = w.top + w.height / 2
        for crop, top in slots:
            h = crop.bottom - crop.top
            if top - pad <= centre < top + h + pad:
                dx, dy = crop.left - pad, crop.top - top
                found.setdefault(crop.key, []).append(
                    Word(w.text, w.conf, w.left + dx, w.top + dy, w.width, w.height, w.line))
                break
    return found


def _paper(page: Image.Image) -> int:
    """The page's paper grey (the brightest common level)."""
    hist = page.histogram()
    return max(range(128, 256), key=lambda v: hist[v]) if sum(hist[128:]) else 255
