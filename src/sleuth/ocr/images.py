"""Page images for OCR: a frame of an image file, or a PDF page rendered with pdfium.

Whatever the file holds (CMYK, 16-bit, palette, transparency, bilevel), the result is an
8-bit greyscale image, and its hash (of the pixels, not the file) keys the OCR cache: the
same scanned page inside two different files is read once.
"""

from __future__ import annotations

import hashlib
import threading
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageSequence, UnidentifiedImageError

from sleuth.errors import CorruptError, LimitExceeded

# TIFF and MPO frames are pages; GIF/WebP/PNG frames are animation (first frame only).
PAGED_FORMATS = frozenset({"TIFF", "MPO"})
_PILLOW_LIMIT = threading.Lock()
_SANE_DPI = range(50, 2401)


@dataclass
class PageImage:
    """One page as greyscale pixels, its resolution when known, and the pixels' sha256."""

    image: Image.Image
    dpi: int | None
    sha256: str


def pixels_sha256(image: Image.Image) -> str:
    """sha256 of an image's size, mode and pixels (what OCR sees)."""
    digest = hashlib.sha256(f"{image.mode}:{image.width}x{image.height}:".encode())
    digest.update(image.tobytes())
    return digest.hexdigest()


def to_gray(image: Image.Image) -> Image.Image:
    """8-bit greyscale, transparency flattened onto white, 16/32-bit scaled to 0-255."""
    mode = image.mode
    if mode == "L":
        return image
    if mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        return _scale_wide(image)
    if mode == "P" and "transparency" in image.info:
        image = image.convert("RGBA")
        mode = "RGBA"
    if mode in ("RGBA", "LA", "PA", "RGBa", "La"):
        rgba = image.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        white.alpha_composite(rgba)
        return white.convert("L")
    return image.convert("L")


def _scale_wide(image: Image.Image) -> Image.Image:
    """A 16-bit or float image stretched to 8 bits between its darkest and lightest pixel."""
    import numpy as np

    array = np.asarray(image.convert("F") if image.mode.startswith("I;16") else image, dtype=np.float64)
    low, high = float(array.min()), float(array.max())
    if high <= low:
        return Image.new("L", image.size, 255)
    scaled = (array - low) * (255.0 / (high - low))
    return Image.fromarray(scaled.clip(0, 255).astype(np.uint8), "L")


def _dpi(image: Image.Image) -> int | None:
    value: Any = image.info.get("dpi")
    if isinstance(value, tuple) and value:
        value = value[0]
    if value is None:
        return None
    try:
        dpi = round(float(value))
    except (TypeError, ValueError, IndexError):
        return None
    return dpi if dpi in _SANE_DPI else None


@contextmanager
def open_capped(path: Path, max_pixels: int) -> Iterator[Image.Image]:
    """An image file opened with Pillow's decompression-bomb limit at `max_pixels` (its
    warning an error). One at a time: the limit is a Pillow global, and the workbench opens
    images on several threads."""
    with _PILLOW_LIMIT:
        previous = Image.MAX_IMAGE_PIXELS
        Image.MAX_IMAGE_PIXELS = max_pixels
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(path) as image:
                    yield image
        finally:
            Image.MAX_IMAGE_PIXELS = previous


def image_frame(image: Image.Image, number: int) -> Image.Image | None:
    """Frame `number` (1-based) of an opened image, or None when it has none: frames count
    as pages only in TIFF/MPO."""
    if number > 1 and image.format not in PAGED_FORMATS:
        return None
    if number == 1:
        return image.copy() if getattr(image, "n_frames", 1) > 1 else image
    for index, frame in enumerate(ImageSequence.Iterator(image), start=1):
        if index == number:
            return frame.copy()
    return None


def image_page(path: Path, number: int, max_pixels: int) -> PageImage:
    """Page `number` (1-based) of an image file; frames count as pages only in TIFF/MPO."""
    try:
        with open_capped(path, max_pixels) as image:
            frame = image_frame(image, number)
            if frame is None:
                raise CorruptError(f"the image has no page {number}")
            if frame.width * frame.height > max_pixels:
                raise LimitExceeded(_too_big(frame.width, frame.height, max_pixels))
            frame.load()
            dpi = _dpi(frame) or _dpi(image)
            gray = to_gray(frame)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise LimitExceeded(f"the image is too large to OCR safely ({exc}; setting ocr_max_pixels)") from None
    except UnidentifiedImageError:
        raise CorruptError("the image is damaged or in a format Pillow cannot identify") from None
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        raise CorruptError(f"the image is damaged ({exc})") from None
    if gray.width < 1 or gray.height < 1:
        raise CorruptError("the image has no pixels")
    return PageImage(gray, dpi, pixels_sha256(gray))


def _too_big(width: int, height: int, max_pixels: int) -> str:
    return (f"the page is {width}x{height} pixels, over the cap of {max_pixels} "
            "(setting ocr_max_pixels): likely a decompression bomb; raise the cap to read it")


def pdf_page(path: Path, number: int, dpi: int, max_pixels: int) -> PageImage:
    """Page `number` (1-based) of a PDF rendered in greyscale at `dpi` (less if the page is
    so large that `dpi` would exceed `max_pixels`)."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        raise CorruptError(f"the PDF cannot be opened for rendering ({exc})") from None
    try:
        if number < 1 or number > len(pdf):
            raise CorruptError(f"the PDF has no page {number}")
        page = pdf[number - 1]
        try:
            width_pt, height_pt = page.get_size()
            scale = dpi / 72.0
            if width_pt <= 0 or height_pt <= 0:
                raise CorruptError(f"page {number} has no size")
            scan = _lone_scan(page, dpi, max_pixels)
            if scan is not None:
                return PageImage(scan[0], scan[1], pixels_sha256(scan[0]))
            pixels = width_pt * height_pt * scale * scale
            if pixels > max_pixels:
                scale *= (max_pixels / pixels) ** 0.5
            bitmap = page.render(scale=scale, grayscale=True)
            try:
                image = bitmap.to_pil()
                gray = to_gray(image)
                if gray is image:
                    gray = image.copy()  # the bitmap's buffer is freed below
            finally:
                bitmap.close()
        finally:
            page.close()
    except pdfium.PdfiumError as exc:
        raise CorruptError(f"page {number} of the PDF cannot be rendered ({exc})") from None
    finally:
        pdf.close()
    return PageImage(gray, round(scale * 72), pixels_sha256(gray))


def _lone_scan(page: Any, dpi: int, max_pixels: int) -> tuple[Image.Image, int] | None:
    """The page's image and its resolution, when the page is nothing but one scan laid
    over it at about `dpi` (no text, drawings or other images; not rotated, flipped or
    masked). Decoding the image costs a tenth of rendering the page and gives the scanner's
    own pixels; anything else is rendered."""
    import pypdfium2 as pdfium

    try:
        if page.get_rotation() % 360:
            return None
        objects = list(page.get_objects(max_depth=1))
        if len(objects) != 1 or objects[0].type != pdfium.raw.FPDF_PAGEOBJ_IMAGE:
            return None
        image = objects[0]
        a, b, c, d, _, _ = image.get_matrix().get()
        if abs(b) > 1e-6 or abs(c) > 1e-6 or a <= 0 or d <= 0:
            return None
        meta = image.get_metadata()
        if meta.colorspace == pdfium.raw.FPDF_COLORSPACE_UNKNOWN:  # a stencil mask, not a picture
            return None
        width_pt, height_pt = page.get_size()
        left, bottom, right, top = image.get_bounds()
        if (right - left) * (top - bottom) < 0.95 * width_pt * height_pt:
            return None
        px_width, px_height = image.get_px_size()
        image_dpi = px_width / (a / 72.0)
        if px_width * px_height > max_pixels or not 0.66 * dpi <= image_dpi <= 1.5 * dpi:
            return None
        pil = image.get_bitmap(render=False).to_pil()  # pdfium owns this buffer: copy out
        gray = to_gray(pil)
        if gray is pil:
            gray = pil.copy()
    except pdfium.PdfiumError:
        return None  # rendering will say what is wrong
    return gray, round(image_dpi)
