"""What OCR of one page gives: text in logical order, confidence and word boxes."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sleuth.ocr.engine import Word


@dataclass
class OcrPage:
    """The text of one page image.

    `confidence` is the mean word confidence (0-100) weighted by word length; `words`
    carry boxes in the pixels of the image that was given (`width` x `height`), so a
    viewer can highlight a hit on the page. `languages` names the models used.
    """

    text: str
    confidence: float
    words: list[Word] = field(default_factory=list)
    languages: str = ""
    width: int = 0
    height: int = 0

    def words_json(self) -> list[list[Any]]:
        """Compact word boxes for storage: [text, conf, left, top, width, height, line]."""
        return [[w.text, round(w.conf, 1), w.left, w.top, w.width, w.height, w.line] for w in self.words]

    @staticmethod
    def words_from_json(rows: list[list[Any]]) -> list[Word]:
        """The inverse of `words_json`."""
        return [Word(str(r[0]), float(r[1]), int(r[2]), int(r[3]), int(r[4]), int(r[5]), int(r[6]))
                for r in rows]
