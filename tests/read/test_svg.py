"""SVG drawings: their text elements are read from the markup, no OCR needed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleuth.errors import CorruptError
from sleuth.read.base import choose_reader
from sleuth.read.svg import SvgReader

SVG = """<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200">
  <title>Map of the front line</title>
  <desc>Positions near Palmyra</desc>
  <rect width="100" height="50"/>
  <text x="10" y="20">Checkpoint <tspan font-weight="bold">Alpha</tspan></text>
  <text x="10" y="60" direction="rtl">تدمر</text>
</svg>
"""


def test_text_title_and_description_are_read(tmp_path: Path, ctx) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "map.svg"
    path.write_text(SVG, encoding="utf-8")

    result = SvgReader().read(path, ctx)

    assert result.pages[0].text.splitlines() == [
        "Map of the front line", "Positions near Palmyra", "Checkpoint Alpha", "تدمر"]
    assert result.metadata["title"] == ["Map of the front line"]
    assert not result.pages[0].needs_ocr


def test_svg_files_choose_the_svg_reader() -> None:
    reader = choose_reader("image/svg+xml", ".svg")
    assert reader is not None and reader.name == "svg"


def test_a_file_that_is_not_svg_is_refused(tmp_path: Path, ctx) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fake.svg"
    path.write_text("just words", encoding="utf-8")
    with pytest.raises(CorruptError):
        SvgReader().read(path, ctx)
