"""Pages drawn for OCR tests: lines of Arabic or English text in DejaVu Sans, 300 dpi."""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from sleuth.ocr.engine import Tesseract, find_tesseract

WIDTH, HEIGHT = 2480, 1400  # an A4-wide strip at 300 dpi


def tesseract_or_skip() -> Tesseract:
    """The installed tesseract with Arabic and English models, or skip the test."""
    engine = find_tesseract()
    if engine is None or not {"ara", "eng"} <= engine.languages:
        pytest.skip("tesseract with the ara and eng models is not installed (make install adds them)")
    return engine


@lru_cache(maxsize=4)
def _font(size: int) -> ImageFont.FreeTypeFont:
    from sleuth.demo.render.fonts import system_font

    return ImageFont.truetype(system_font("regular"), size, layout_engine=ImageFont.Layout.RAQM)


def draw_page(lines: list[str], size: int = 48, width: int = WIDTH, height: int = HEIGHT) -> Image.Image:
    """Black text on white, right-aligned for Arabic lines, 1.8 line spacing."""
    image = Image.new("L", (width, height), 255)
    draw = ImageDraw.Draw(image)
    font = _font(size)
    for i, line in enumerate(lines):
        y = 120 + int(i * size * 1.8)
        if any("\u0600" <= c <= "\u06ff" for c in line):
            draw.text((width - 150, y), line, font=font, fill=0, anchor="ra", direction="rtl", language="ar")
        else:
            draw.text((150, y), line, font=font, fill=0, anchor="la")
    return image


def save(image: Image.Image, path: Path, fmt: str = "PNG") -> Path:
    """Write the page as an image file (or an image-only PDF) at 300 dpi."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "PDF":
        image.save(path, "PDF", resolution=300.0)
    else:
        image.save(path, fmt, dpi=(300, 300))
    return path


def png_bytes(image: Image.Image) -> bytes:
    """The page as PNG bytes."""
    out = io.BytesIO()
    image.save(out, "PNG", dpi=(300, 300))
    return out.getvalue()
