"""The two ways of running tesseract (loaded library, one program run per image) agree."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleuth.errors import LimitExceeded
from sleuth.ocr import library
from sleuth.ocr.engine import Tesseract, parse_tsv
from tests.ocr.drawing import draw_page, tesseract_or_skip

LINES = ["استمارة دخول - ديوان الجند", "Registration form, border office", "تاريخ الدخول: 2014/02/23"]


def _library_engine() -> Tesseract:
    engine = tesseract_or_skip()
    if not engine.uses_library:
        pytest.skip(f"tesserocr linked to {engine.version} is not installed (make install builds it)")
    return engine


def test_library_and_program_read_the_same_words(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _library_engine()
    image = draw_page(LINES)
    for languages in ("ara", "eng", "ara+eng"):
        loaded = engine.read_image(image, languages, tmpdir=tmp_path, timeout=60, dpi=300)
        program = engine.recognize(_saved(image, tmp_path), languages, timeout=60, dpi=300)
        assert [(w.text, w.left, w.top, w.line) for w in loaded] == \
            [(w.text, w.left, w.top, w.line) for w in program], languages
        assert loaded, languages


def test_program_is_used_when_asked_and_gives_the_same_text(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    engine = _library_engine()
    image = draw_page(LINES[1:2])
    loaded = engine.read_image(image, "eng", tmpdir=tmp_path, timeout=60, dpi=300)
    monkeypatch.setenv(library.ENGINE_VARIABLE, "program")
    library.library_version.cache_clear()
    try:
        assert not engine.uses_library
        program = engine.read_image(image, "eng", tmpdir=tmp_path, timeout=60, dpi=300)
    finally:
        monkeypatch.delenv(library.ENGINE_VARIABLE)
        library.library_version.cache_clear()
    assert [w.text for w in program] == [w.text for w in loaded]
    assert "Registration" in [w.text for w in program]
    assert not list(tmp_path.iterdir())  # the program's temporary image is gone


def test_library_reading_over_its_time_limit_raises(tmp_path: Path) -> None:
    engine = _library_engine()
    image = draw_page(LINES * 6, height=3500)
    with pytest.raises(LimitExceeded, match="ocr_page_timeout"):
        engine.read_image(image, "ara+eng", tmpdir=tmp_path, timeout=0.001, dpi=300)
    # the loaded engine is still usable afterwards
    assert engine.read_image(draw_page(LINES[1:2]), "eng", tmpdir=tmp_path, timeout=60, dpi=300)


def test_tsv_with_and_without_header_parses_alike() -> None:
    row = "5\t1\t1\t1\t1\t1\t10\t20\t30\t40\t91.5\tword"
    header = "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext"
    assert parse_tsv(f"{header}\n{row}") == parse_tsv(row)
    assert parse_tsv(row)[0].text == "word" and parse_tsv(row)[0].conf == 91.5


def _saved(image: object, tmp_path: Path) -> Path:
    path = tmp_path.parent / f"{tmp_path.name}-page.pgm"
    image.save(path, "PPM")  # type: ignore[attr-defined]
    return path
