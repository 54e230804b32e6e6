"""Numbers on Arabic pages read glyph by glyph: dates and registration numbers in
Arabic-Indic digits (٢٠١٤/٠٤/٢٣), which tesseract's Arabic models garble.

Tesseract's `ara` and `Arabic` models read Arabic-Indic digits poorly: ٤ comes out as "E",
٨ as "A", ٢ as "7" or "Y", ٥ as "0", and a date such as ٢٠١٤/٠٤/٢٣ rarely survives whole.
These ten glyphs are simple, each one connected shape, and digits of a number do not touch,
so a number is cut into glyphs at the empty columns between them and each glyph is matched
against templates: the digits 0-9 and ٠-٩, `/`, `-`, `.` and `:` rendered in several Arabic
and Latin typefaces (see `digit_templates.py`). Each glyph is compared by its shape (a 12x12
bitmap) and its size and height above the baseline relative to the number's digits, which
tells ٠ (a dot at mid height) from `.` (on the baseline).

A reading is used only when every glyph matches a template closely and clearly better than
any other class; otherwise tesseract's reading stands.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from itertools import pairwise
from pathlib import Path

import numpy as np
from PIL import Image

WESTERN = "0123456789"
INDIC = "٠١٢٣٤٥٦٧٨٩"
SEPARATORS = "/-.:"
# Arabic-Indic numbers are read with `/` only: `.` is not their decimal mark (٫ is) and
# would be confused with ٠, and with `-` the bidi algorithm reorders the groups, so the
# visual left-to-right order would not be the logical one
SYSTEMS = {WESTERN: WESTERN + SEPARATORS, INDIC: INDIC + "/"}
CLASSES = WESTERN + INDIC + SEPARATORS
CELL = 12  # glyph bitmaps are CELL x CELL
GEOMETRY_WEIGHT = 4.0  # how much size and position count against the bitmap's 144 cells
MAX_DISTANCE = 4.5  # a glyph further than this from every template is not read
MIN_MARGIN = 1.08  # the best class must beat the runner-up class by this ratio
TEMPLATES = Path(__file__).with_name("digit_templates.npz")


@dataclass(frozen=True)
class Glyph:
    """One cut-out glyph of a number: its columns in the crop and its feature vector."""

    left: int
    right: int
    features: np.ndarray


@dataclass(frozen=True)
class Piece:
    """One glyph's pixels: its box in the crop and the mask of its own ink in that box."""

    left: int
    right: int
    top: int
    bottom: int
    mask: np.ndarray


def cut_columns(ink: np.ndarray) -> list[Piece]:
    """The glyphs of a number, left to right, cut at the empty columns between them.
    Keeps a glyph whole when a thin stroke breaks, but joins glyphs whose columns overlap
    (a `/` leaning over a ٠)."""
    if ink.ndim != 2 or ink.size == 0:
        return []
    cols = ink.any(axis=0)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], cols.view(np.int8), [0]))))
    out = []
    for left, right in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
        strip = ink[:, left:right]
        if int(strip.sum()) < 3:
            continue  # a speck
        rows = np.flatnonzero(strip.any(axis=1))
        top, bottom = int(rows[0]), int(rows[-1]) + 1
        out.append(Piece(left, right, top, bottom, strip[top:bottom]))
    return out


def cut_shapes(ink: np.ndarray) -> list[Piece]:
    """The glyphs of a number, left to right: connected shapes (8-connected), with shapes
    stacked over the same columns (the two dots of `:`) joined, specks dropped. Keeps
    leaning neighbours apart, but a glyph with a broken stroke falls in two."""
    if ink.ndim != 2 or ink.size == 0:
        return []
    shapes, labels = _components(ink)
    glyphs: list[list[int]] = []  # left, right, top, bottom
    members: list[list[int]] = []  # the shape labels of each glyph
    for label, (left, right, top, bottom) in sorted(enumerate(shapes), key=lambda s: s[1][0]):
        if glyphs:
            g = glyphs[-1]
            overlap = min(g[1], right) - max(g[0], left)
            if overlap >= 0.5 * min(g[1] - g[0], right - left):
                g[0], g[1], g[2], g[3] = min(g[0], left), max(g[1], right), min(g[2], top), max(g[3], bottom)
                members[-1].append(label)
                continue
        glyphs.append([left, right, top, bottom])
        members.append([label])
    out = []
    for (left, right, top, bottom), own in zip(glyphs, members, strict=True):
        mask = np.isin(labels[top:bottom, left:right], own)
        if int(mask.sum()) < 3:
            continue  # a speck
        out.append(Piece(left, right, top, bottom, mask))
    return out


def _components(ink: np.ndarray) -> tuple[list[tuple[int, int, int, int]], np.ndarray]:
    """Boxes (left, right, top, bottom) of the 8-connected shapes of `ink`, indexed by
    label, and the label image (-1 off the ink). Runs of each row are joined to the runs
    they touch in the row above (union-find)."""
    parent: list[int] = []

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    runs_by_row: list[list[tuple[int, int, int]]] = []  # (start, end, run id) per row
    for row in ink:
        edges = np.flatnonzero(np.diff(np.concatenate(([0], row.view(np.int8), [0]))))
        runs = []
        previous = runs_by_row[-1] if runs_by_row else []
        for a, b in zip(edges[::2].tolist(), edges[1::2].tolist(), strict=True):
            rid = len(parent)
            parent.append(rid)
            for pa, pb, pid in previous:
                if pa <= b and pb >= a:  # touching, diagonals included
                    ra, rb = find(rid), find(pid)
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
            runs.append((a, b, rid))
        runs_by_row.append(runs)
    roots: dict[int, int] = {}
    boxes: list[list[int]] = []
    labels = np.full(ink.shape, -1, dtype=np.int32)
    for y, runs in enumerate(runs_by_row):
        for a, b, rid in runs:
            root = find(rid)
            label = roots.get(root)
            if label is None:
                label = roots[root] = len(boxes)
                boxes.append([a, b, y, y + 1])
            box = boxes[label]
            box[0], box[1], box[3] = min(box[0], a), max(box[1], b), y + 1
            labels[y, a:b] = label
    return [(b[0], b[1], b[2], b[3]) for b in boxes], labels


def features(ink: np.ndarray, pieces: list[Piece]) -> list[Glyph]:
    """Feature vectors of the glyphs, measured against the number's tall glyphs."""
    if not pieces:
        return []
    heights = np.array([p.bottom - p.top for p in pieces], dtype=np.float64)
    tall = heights >= 0.6 * heights.max()
    digit_height = float(np.median(heights[tall]))
    baseline = float(np.median(np.array([p.bottom for p in pieces], dtype=np.float64)[tall]))
    out = []
    for p in pieces:
        geometry = np.array([(p.bottom - p.top) / digit_height, (p.right - p.left) / digit_height,
                             (baseline - p.bottom) / digit_height]) * GEOMETRY_WEIGHT
        out.append(Glyph(p.left, p.right, np.concatenate([_bitmap(p.mask), geometry])))
    return out


def _bitmap(glyph: np.ndarray) -> np.ndarray:
    """The glyph centred in a square and averaged down to CELL x CELL (ink share per cell)."""
    h, w = glyph.shape
    side = max(h, w)
    square = np.zeros((side, side), dtype=np.uint8)
    top, left = (side - h) // 2, (side - w) // 2
    square[top:top + h, left:left + w] = np.where(glyph, 255, 0)
    small = Image.fromarray(square).resize((CELL, CELL), Image.Resampling.BOX)
    return np.asarray(small, dtype=np.float64).ravel() / 255.0


@lru_cache(maxsize=1)
def _templates() -> tuple[np.ndarray, np.ndarray]:
    """(feature matrix, class index per row) shipped with the package."""
    with np.load(TEMPLATES) as data:
        return data["features"].astype(np.float64), data["labels"].astype(np.int64)


def classify(glyph: Glyph) -> tuple[dict[str, float], float]:
    """Distance to the nearest template of each class, and the nearest distance."""
    feats, labels = _templates()
    dist = np.sqrt(((feats - glyph.features) ** 2).sum(axis=1))
    best: dict[str, float] = {}
    for index in np.unique(labels):
        best[CLASSES[index]] = float(dist[labels == index].min())
    return best, min(best.values())


def read_number(ink: np.ndarray) -> str | None:
    """The number in a crop of ink (True = ink) holding one number, or None when any glyph
    is unclear. Both ways of cutting glyphs are tried; of two clear readings the one with
    more glyphs wins (the other joined two), then the closer match. The digit system is
    chosen for the whole number."""
    readings = [r for r in (_read(ink, cut_columns(ink)), _read(ink, cut_shapes(ink))) if r is not None]
    if not readings:
        return None
    return min(readings, key=lambda r: (-len(r[1]), r[0]))[1]


def _read(ink: np.ndarray, pieces: list[Piece]) -> tuple[float, str] | None:
    """(mean distance per glyph, text) of a clear reading of `pieces`, else None."""
    glyphs = features(ink, pieces)
    if not glyphs or len(glyphs) > 24:
        return None
    choices = [classify(g)[0] for g in glyphs]
    readings: list[tuple[float, bool, str]] = []
    for allowed in SYSTEMS.values():
        chars: list[str] = []
        total, ok = 0.0, True
        for dists in choices:
            ranked = sorted((d, c) for c, d in dists.items() if c in allowed)
            (d1, c1), (d2, _) = ranked[0], ranked[1]
            if d1 > MAX_DISTANCE or d2 < d1 * MIN_MARGIN:
                ok = False
            chars.append(c1)
            total += d1
        readings.append((total, ok, "".join(chars)))
    total, ok, text = min(readings)
    if not ok or not any(c.isdigit() for c in text) or not _well_formed(text):
        return None
    return total / len(glyphs), text


def _well_formed(text: str) -> bool:
    """Digits with single separators between them, as dates and numbers are written."""
    if text[0] in SEPARATORS or text[-1] in SEPARATORS:
        return False
    return not any(a in SEPARATORS and b in SEPARATORS for a, b in pairwise(text))
