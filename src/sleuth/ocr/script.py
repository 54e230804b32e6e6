"""Which script a page (or one text line) is written in, from its ink alone, in a few ms.

Arabic is written on a baseline: each line's horizontal ink profile has one sharp peak where
the letters join, several times the line's mean. Latin letters spread their ink between
the x-height and the baseline, so the profile is flat (max/mean about 2). On the demo
generator's pages (clean, tilted, speckled, blurred, 100 dpi) Arabic lines score 2.7-3.3
and English ones 1.9-2.2; the cut is 2.45.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

ARABIC_PEAK = 2.45


@dataclass(frozen=True)
class Band:
    """A horizontal strip of the page holding one line of text: rows [top, bottom)."""

    top: int
    bottom: int
    ink: int  # dark pixels in the strip
    peak: float  # max row ink / mean row ink

    @property
    def height(self) -> int:
        """Rows in the strip."""
        return self.bottom - self.top

    @property
    def arabic(self) -> bool:
        """The strip's profile looks like Arabic script."""
        return self.peak >= ARABIC_PEAK


def text_bands(ink: np.ndarray) -> list[Band]:
    """The text lines of a straightened page, as runs of rows holding ink.

    Runs closer than a third of the typical line height are merged (Arabic dots and
    diacritics sit apart from their line); runs much thinner than a line are dropped.
    """
    if ink.ndim != 2 or ink.shape[0] < 3 or ink.shape[1] < 3:
        return []
    rows = ink.sum(axis=1, dtype=np.int64)
    on = rows > max(2, ink.shape[1] // 400)
    edges = np.flatnonzero(np.diff(np.concatenate(([0], on.view(np.int8), [0]))))
    runs = [(int(a), int(b)) for a, b in zip(edges[::2], edges[1::2], strict=True)]
    if not runs:
        return []
    typical = float(np.median([b - a for a, b in runs if b - a >= 3] or [3]))
    merged: list[list[int]] = []
    for a, b in runs:
        if merged and a - merged[-1][1] < typical / 3 and (b - merged[-1][0]) < typical * 2.2:
            merged[-1][1] = b
        else:
            merged.append([a, b])
    bands = []
    for a, b in merged:
        if b - a < max(3, typical * 0.35):
            continue
        profile = rows[a:b]
        mean = float(profile.mean())
        if mean <= 0:
            continue
        bands.append(Band(a, b, int(profile.sum()), float(profile.max()) / mean))
    return bands


def arabic_share(bands: list[Band]) -> float:
    """The share of the page's line ink that is in Arabic-looking lines (0 without lines)."""
    total = sum(b.ink for b in bands)
    if not total:
        return 0.0
    return sum(b.ink for b in bands if b.arabic) / total
