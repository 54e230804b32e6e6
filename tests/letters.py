"""A small case made from a few letters written on the spot (most link, search and event
tests start from one)."""

from __future__ import annotations

from pathlib import Path

from sleuth.case import Case
from sleuth.ingest import ingest


def letters_case(root: Path, letters: dict[str, str], ending: str = "\n") -> Case:
    """Each letter written to root/src (its text, then `ending`) and ingested with one
    worker into a new case at root/case."""
    src = root / "src"
    src.mkdir(parents=True, exist_ok=True)
    for name, text in letters.items():
        (src / name).write_text(text + ending, encoding="utf-8")
    case = Case.init(root / "case")
    ingest(case, [src], workers=1)
    return case
