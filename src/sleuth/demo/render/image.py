"""Scanned-looking pages: Pillow draws the text (raqm shapes Arabic), then paper, speckle,
blur and a slight rotation make it look scanned. Output PNG, TIFF or an image-only PDF.

All noise comes from a seeded `random.Random`, never from Pillow's own generators, so the
same spec gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

from sleuth.demo.compose import Doc
from sleuth.demo.render import fonts

A4_INCHES = (8.27, 11.69)
CLEAN_SPECKLE = 0.002  # at most this share of pixels speckled on a clean scan
# style -> (bold, size pt, extra space before in pt, centred)
_LAYOUT: dict[str, tuple[bool, float, float, bool]] = {
    "marking": (False, 8.0, 0.0, True),
    "letterhead": (True, 14.0, 2.0, True),
    "meta": (False, 10.5, 0.0, False),
    "title": (True, 13.0, 10.0, True),
    "para": (False, 11.5, 4.0, False),
    "field": (False, 12.0, 4.0, False),
    "signature": (True, 11.5, 8.0, False),
    "small": (False, 8.5, 0.0, False),
}


@dataclass(frozen=True)
class ScanOptions:
    """How the scan looks: resolution, noise, tilt, colour depth and output format."""

    seed: int
    dpi: int = 300
    angle: float = 0.0
    speckle: float = 0.004
    blur: float = 0.0
    paper: int = 246
    bilevel: bool = False
    fmt: str = "PNG"  # PNG, JPEG, TIFF or PDF

    @property
    def clean(self) -> bool:
        """A clean scan: at least 300 dpi, no tilt, no blur, light speckle, greyscale."""
        return (
            self.dpi >= 300
            and self.angle == 0
            and self.blur == 0
            and self.speckle <= CLEAN_SPECKLE
            and not self.bilevel
        )

    def record(self) -> dict[str, Any]:
        """The scan conditions as truth.json's `scan` field records them."""
        return {
            "dpi": self.dpi,
            "angle": self.angle,
            "speckle": self.speckle,
            "blur": self.blur,
            "bilevel": self.bilevel,
            "format": self.fmt,
            "clean": self.clean,
        }


@lru_cache(maxsize=32)
def _font(bold: bool, px: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(
        fonts.system_font("bold" if bold else "regular"), px, layout_engine=ImageFont.Layout.RAQM
    )


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, rtl: bool) -> list[str]:
    direction = "rtl" if rtl else "ltr"
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and font.getlength(candidate, direction=direction) > width:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines


def layout_pages(doc: Doc, dpi: int) -> list[list[tuple[str, bool, int, int, bool]]]:
    """Lines per page: (text, bold, size px, y, centred). The page texts are the OCR truth."""
    width_px, height_px = (round(A4_INCHES[0] * dpi), round(A4_INCHES[1] * dpi))
    margin = round(0.8 * dpi)
    usable = width_px - 2 * margin
    rtl = doc.lang == "ar"
    pages: list[list[tuple[str, bool, int, int, bool]]] = [[]]
    y = margin
    for block in doc.blocks:
        bold, pt, before, centred = _LAYOUT.get(block.style, _LAYOUT["para"])
        px = round(pt * dpi / 72)
        font = _font(bold, px)
        y += round(before * dpi / 72)
        for line in _wrap(block.text, font, usable, rtl):
            if y + px * 1.5 > height_px - margin:
                pages.append([])
                y = margin
            pages[-1].append((line, bold, px, y, centred))
            y += round(px * 1.55)
    return pages


def page_texts(doc: Doc, dpi: int = 300) -> list[str]:
    """The true text of each scanned page, in logical order (for OCR scoring)."""
    return ["\n".join(line[0] for line in page) for page in layout_pages(doc, dpi)]


def _draw(doc: Doc, lines: list[tuple[str, bool, int, int, bool]], opts: ScanOptions) -> Image.Image:
    size = (round(A4_INCHES[0] * opts.dpi), round(A4_INCHES[1] * opts.dpi))
    margin = round(0.8 * opts.dpi)
    img = Image.new("L", size, opts.paper)
    draw = ImageDraw.Draw(img)
    rtl = doc.lang == "ar"
    for text, bold, px, y, centred in lines:
        font = _font(bold, px)
        kwargs = {"direction": "rtl", "language": "ar"} if rtl else {"direction": "ltr", "language": "en"}
        if centred:
            draw.text((size[0] // 2, y), text, font=font, fill=20, anchor="ma", **kwargs)  # type: ignore[arg-type]
        elif rtl:
            draw.text((size[0] - margin, y), text, font=font, fill=20, anchor="ra", **kwargs)  # type: ignore[arg-type]
        else:
            draw.text((margin, y), text, font=font, fill=20, anchor="la", **kwargs)  # type: ignore[arg-type]
    return img


def _age(img: Image.Image, opts: ScanOptions, rng: random.Random) -> Image.Image:
    """Speckle, blur and tilt, all from the seeded rng. `speckle` is the share of pixels darkened."""
    w, h = img.size
    dots = round(opts.speckle * w * h)
    if dots > 0:
        noise = Image.new("L", (w, h), 255)
        draw = ImageDraw.Draw(noise)
        draw.point([(i % w, i // w) for i in rng.sample(range(w * h), dots)], fill=60)
        img = ImageChops.darker(img, noise)
    if opts.blur > 0:
        img = img.filter(ImageFilter.GaussianBlur(opts.blur))
    if opts.angle:
        img = img.rotate(opts.angle, resample=Image.Resampling.BILINEAR, fillcolor=opts.paper)
    if opts.bilevel:
        img = img.point(lambda v: 255 if v > 150 else 0).convert("1")
    return img


def render_scan(doc: Doc, opts: ScanOptions) -> bytes:
    """The document as a scanned image file (PNG/TIFF: first page; PDF: every page)."""
    rng = random.Random(opts.seed)
    pages = [_age(_draw(doc, lines, opts), opts, rng) for lines in layout_pages(doc, opts.dpi)]
    out = io.BytesIO()
    if opts.fmt == "PDF":
        when = doc.when.astimezone(dt.UTC)
        pages[0].save(
            out,
            "PDF",
            resolution=float(opts.dpi),
            save_all=True,
            append_images=pages[1:],
            title=doc.title,
            author=doc.author,
            creator=doc.creator,
            producer=doc.producer,
            creationDate=when.timetuple(),
            modDate=when.timetuple(),
        )
    elif opts.fmt == "TIFF":
        compression = "group4" if opts.bilevel else "tiff_lzw"
        pages[0].save(out, "TIFF", compression=compression, dpi=(opts.dpi, opts.dpi))
    elif opts.fmt == "JPEG":
        pages[0].convert("L").save(out, "JPEG", quality=82, dpi=(opts.dpi, opts.dpi))
    else:
        pages[0].save(out, "PNG", dpi=(opts.dpi, opts.dpi), compress_level=3)
    return out.getvalue()
