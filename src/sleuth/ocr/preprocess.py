"""Cleaning a page image before tesseract reads it, with numpy only (tens of ms a page).

Each step is applied only where it pays (see docs/benchmarks.md, "OCR quality"):
- any Pillow mode becomes 8-bit grey (16-bit scans scaled, transparency on white paper);
  light text on a dark background is inverted;
- isolated dark pixels (scanner speckle) are painted paper-white: tesseract otherwise reads
  them as dots and diacritics and its layout analysis splits lines around them;
- speckle is left alone on low-resolution scans, where Arabic dots are as small; upscaling
  them to 300 dpi was measured and made tesseract worse, so they are read as they are;
- a small tilt (up to ±5°) is measured on the ink and undone.

`Prepared.to_original` maps a box on the cleaned image back to the given image's pixels.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from PIL import Image

MAX_TILT = 5.0  # degrees
_TILT_STEP = 0.1
DARK_PAPER = 100  # a page whose common grey level is darker than this is read inverted


@dataclass(frozen=True)
class Prepared:
    """The image tesseract will read, and how it relates to the given one."""

    image: Image.Image  # mode L
    ink: np.ndarray  # bool mask of dark pixels of `image` (after cleaning)
    large_text: bool  # text as large as on a 200+ dpi scan (speckle was removed)
    angle: float  # degrees the original was rotated (counter-clockwise) to straighten it
    width: int  # of the original
    height: int

    def to_original(self, left: int, top: int, width: int, height: int) -> tuple[int, int, int, int]:
        """A box of the prepared image in original pixels, clipped to the original image."""
        corners: list[tuple[float, float]] = [
            (left, top), (left + width, top), (left, top + height), (left + width, top + height)]
        if self.angle:
            cx, cy = self.image.width / 2, self.image.height / 2
            a = math.radians(self.angle)
            cos, sin = math.cos(a), math.sin(a)
            # Pillow's rotate(angle) turns content counter-clockwise; turn the points back
            corners = [(cx + (x - cx) * cos - (y - cy) * sin, cy + (x - cx) * sin + (y - cy) * cos)
                       for x, y in corners]
        xs = [x for x, _ in corners]
        ys = [y for _, y in corners]
        x0 = max(0, min(self.width, math.floor(min(xs))))
        y0 = max(0, min(self.height, math.floor(min(ys))))
        x1 = max(x0, min(self.width, math.ceil(max(xs))))
        y1 = max(y0, min(self.height, math.ceil(max(ys))))
        return x0, y0, x1 - x0, y1 - y0


def to_gray(image: Image.Image) -> np.ndarray:
    """Any Pillow image as an 8-bit grey array (transparent parts white)."""
    mode = image.mode
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        arr = np.asarray(image.convert("I") if mode.startswith("I;16") else image, dtype=np.float64)
        if arr.size == 0:
            return np.zeros(arr.shape, dtype=np.uint8)
        lo, hi = float(arr.min()), float(arr.max())
        if hi - lo < 1e-9:
            return np.full(arr.shape, 255 if hi > 0 else 0, dtype=np.uint8)
        top = 65535.0 if mode.startswith("I;16") and hi > 255 else 255.0 if hi <= 255 else hi
        return np.clip(arr * (255.0 / top), 0, 255).astype(np.uint8)
    if mode in ("RGBA", "LA", "PA") or (mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return np.asarray(Image.alpha_composite(paper, rgba).convert("L"))
    if mode == "L":
        return np.asarray(image)
    if mode in ("CMYK", "YCbCr", "LAB", "HSV"):
        return np.asarray(image.convert("RGB").convert("L"))
    return np.asarray(image.convert("L"))


def ink_threshold(gray: np.ndarray) -> int | None:
    """Otsu's threshold between ink and paper, or None when the page has no real contrast."""
    sample = gray[:: max(1, gray.shape[0] // 400), :: max(1, gray.shape[1] // 400)]
    if sample.size == 0:
        return None
    hist = np.bincount(sample.ravel(), minlength=256).astype(np.float64)
    # Paper is the common level; ink may be a tiny share of the page (one line, a stamp, a
    # date), so percentiles of the whole page would miss it: look for any clearly darker pixels.
    paper = float(np.median(sample))
    dark = sample[sample < paper - 40]
    if dark.size < 3:
        return None
    if dark.size < 0.01 * sample.size:
        # too little ink for Otsu's two classes: split halfway between ink and paper
        return int((float(np.median(dark)) + paper) / 2)
    levels = np.arange(256, dtype=np.float64)
    weight = np.cumsum(hist)
    mean = np.cumsum(hist * levels)
    total, total_mean = weight[-1], mean[-1]
    between = np.zeros(256)
    valid = (weight > 0) & (weight < total)
    w0, m0 = weight[valid], mean[valid]
    between[valid] = (total_mean * w0 / total - m0) ** 2 / (w0 * (total - w0))
    return int(np.argmax(between))


def despeckle(ink: np.ndarray) -> np.ndarray:
    """Ink pixels with at most one ink neighbour removed (speckle; strokes and dots stay)."""
    if ink.shape[0] < 3 or ink.shape[1] < 3:
        return ink
    padded = np.pad(ink.view(np.uint8), 1)
    h, w = ink.shape
    count = np.zeros((h, w), dtype=np.uint8)
    for dy in (0, 1, 2):
        for dx in (0, 1, 2):
            if dy != 1 or dx != 1:
                count += padded[dy:dy + h, dx:dx + w]
    return ink & (count >= 2)


def text_height(ink: np.ndarray) -> float | None:
    """Median height in pixels of the ink bands (text lines) of a page, None without any."""
    if not ink.size:
        return None
    rows = ink.sum(axis=1) > max(2, ink.shape[1] // 400)  # a few stray dots are not a line
    edges = np.flatnonzero(np.diff(np.concatenate(([0], rows.view(np.int8), [0]))))
    heights = edges[1::2] - edges[::2]
    heights = heights[heights >= 3]
    return float(np.median(heights)) if heights.size else None


def estimate_tilt(ink: np.ndarray) -> float:
    """The angle (degrees) that makes text lines horizontal: the sharpest row profile wins."""
    step = max(1, round(max(ink.shape) / 900))
    small = ink[::step, ::step]
    ys, xs = np.nonzero(small)
    if ys.size < 200:
        return 0.0
    if ys.size > 60000:
        pick = np.random.default_rng(0).choice(ys.size, 60000, replace=False)
        ys, xs = ys[pick], xs[pick]
    xs = xs - small.shape[1] / 2
    height = small.shape[0]

    def sharpness(deg: float) -> float:
        shifted = np.round(ys + xs * math.tan(math.radians(deg))).astype(np.int64)
        ok = (shifted >= 0) & (shifted < height)
        profile = np.bincount(shifted[ok], minlength=height).astype(np.float64)
        return float((profile ** 2).sum())

    coarse = np.arange(-MAX_TILT, MAX_TILT + 1e-9, 0.5)
    best = max(coarse, key=sharpness)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, _TILT_STEP)
    best = float(max(fine, key=sharpness))
    if sharpness(best) < sharpness(0.0) * 1.02:  # no clear gain: leave the page alone
        return 0.0
    return round(best, 2)


def prepare(image: Image.Image, dpi: int | None) -> Prepared | None:
    """The cleaned, straightened page, or None when there is no ink to read."""
    gray = to_gray(image)
    h, w = gray.shape
    if h < 2 or w < 2:
        return None
    if int(np.median(gray[:: max(1, h // 400), :: max(1, w // 400)])) < DARK_PAPER:
        gray = 255 - gray  # light text on a dark background (screenshots, negatives)
    threshold = ink_threshold(gray)
    if threshold is None:
        return None
    raw_ink = gray <= threshold
    # the mask for measuring lines and tilt is always despeckled; the image tesseract reads
    # only at 200+ dpi: at 100-150 dpi an Arabic dot is a pixel or two, like the speckle
    ink = despeckle(raw_ink)
    if not ink.any():
        return None
    paper = int(np.median(gray[::7, ::7]))
    cleaned = gray
    large = _large_text(ink, dpi)
    if large:
        cleaned = gray.copy()
        cleaned[raw_ink & ~ink] = paper
    angle = estimate_tilt(ink) if h >= 64 and w >= 64 else 0.0
    if abs(angle) < 0.3:  # tesseract copes; rotating would only cost time
        angle = 0.0
    out = Image.fromarray(cleaned)
    if angle:
        # nearest-neighbour: 4x faster than bicubic on a 300 dpi page, and tesseract binarises anyway
        out = out.rotate(-angle, resample=Image.Resampling.NEAREST, fillcolor=paper)
    final_ink = np.asarray(out) <= threshold if angle else ink
    return Prepared(out, final_ink, large, -angle, w, h)


def _large_text(ink: np.ndarray, dpi: int | None) -> bool:
    """Whether the page's text is as large as on a 200+ dpi scan (so speckle can be told apart
    from dots). Upscaling smaller text to 300 dpi was tried and made tesseract worse."""
    if dpi:
        return dpi >= 190
    height = text_height(ink)
    # body text of 10-12 pt is ~40-60 px tall at 300 dpi, ~15-20 px at 100 dpi
    return height is not None and height >= 26
