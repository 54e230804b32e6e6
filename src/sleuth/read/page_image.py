"""Page images for display: page N of a stored original as a PNG a browser can show.

An image file's page is its frame (TIFF/MPO frames are pages, as for OCR); a PDF page is
rendered with pdfium at about `DISPLAY_DPI`. Every page is re-encoded to PNG, even when
the original is a PNG: the browser then only ever decodes pixels Pillow wrote (never a
polyglot file, an EXIF rotation the OCR boxes do not know about, or a format it cannot
show). Results are cached in the case folder, `cache/pages/<sha256>/<n>.png`, written
atomically so a reader never sees half a file. Other kinds (docx, email, html, ...) have
no page image: their pages are text.
"""

from __future__ import annotations

import os
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PIL import Image, UnidentifiedImageError
from sqlalchemy import select

from sleuth.ocr.images import image_frame, open_capped
from sleuth.store.schema import documents

if TYPE_CHECKING:
    from sleuth.case import Case

#: Resolution of rendered PDF pages: sharp enough to read on screen, small enough to send.
DISPLAY_DPI = 110
#: Longest side of a page image in pixels (large scans are scaled down to it).
MAX_SIDE = 2200
#: Kinds whose pages can be shown as images.
IMAGE_KINDS = frozenset({"pdf", "image"})
CACHE_DIR = Path("cache") / "pages"
# pdfium is not thread-safe and the server renders in a thread pool.
_PDFIUM_LOCK = threading.Lock()


@dataclass(frozen=True)
class StoredDocument:
    """What rendering a page needs to know about a document."""

    id: int
    sha256: str
    kind: str
    page_count: int


def stored_document(case: Case, doc_id: int) -> StoredDocument | None:
    """A document's hash, kind and page count, or None when the case has no such document."""
    with case.store.engine.connect() as conn:
        row = conn.execute(select(documents.c.id, documents.c.sha256, documents.c.kind,
                                  documents.c.page_count).where(documents.c.id == doc_id)).first()
    return StoredDocument(int(row.id), str(row.sha256), str(row.kind), int(row.page_count)) if row else None


def has_page_image(kind: str) -> bool:
    """Whether pages of this kind of document can be shown as images."""
    return kind in IMAGE_KINDS


def page_image(case: Case, doc: StoredDocument, number: int) -> Path | None:
    """The PNG of page `number` (1-based) of a stored document, rendered on first use and
    cached; None when the document's kind has no page images, the page does not exist, the
    original is missing or cannot be decoded."""
    if not has_page_image(doc.kind) or not 1 <= number <= max(doc.page_count, 1):
        return None
    target = case.root / CACHE_DIR / doc.sha256 / f"{number}.png"
    if target.is_file():
        return target
    blob = case.blobs.path(doc.sha256)
    if not blob.is_file():
        return None
    max_pixels = int(case.settings.ocr_max_pixels)
    image = _pdf_page(blob, number) if doc.kind == "pdf" else _image_frame(blob, number, max_pixels)
    if image is None:
        return None
    _write_png(image, target)
    return target


def _image_frame(path: Path, number: int, max_pixels: int) -> Image.Image | None:
    """Frame `number` of an image file in a mode PNG can hold, scaled to `MAX_SIDE`."""
    try:
        with open_capped(path, max_pixels) as image:
            frame = image_frame(image, number)
            if frame is None:
                return None
            if number == 1 and image.format == "JPEG":
                frame.draft("RGB", (MAX_SIDE, MAX_SIDE))  # decode big JPEGs at a fraction of the size
            frame.load()
            return _fit(_displayable(frame))
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, UnidentifiedImageError,
            OSError, SyntaxError, ValueError, EOFError, MemoryError):
        return None


def _displayable(image: Image.Image) -> Image.Image:
    """The image in a mode PNG stores and browsers show the same way (8-bit grey or RGB,
    with alpha where the original had transparency)."""
    if image.mode in ("L", "RGB", "RGBA", "LA"):
        return image
    if image.mode in ("1", "P") and "transparency" not in image.info:
        return image.convert("L" if image.mode == "1" else "RGB")
    if image.mode in ("I;16", "I;16B", "I;16L", "I;16N", "I", "F"):
        from sleuth.ocr.images import to_gray  # 16-bit scans stretched to 8 bits, as OCR saw them

        return to_gray(image)
    if image.mode in ("P", "PA", "RGBa", "La"):
        return image.convert("RGBA")
    return image.convert("RGB")  # CMYK, YCbCr, LAB, HSV


def _fit(image: Image.Image) -> Image.Image:
    if max(image.size) <= MAX_SIDE:
        return image
    scale = MAX_SIDE / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _pdf_page(path: Path, number: int) -> Image.Image | None:
    """Page `number` of a PDF rendered at `DISPLAY_DPI` (less for huge pages)."""
    import pypdfium2 as pdfium

    with _PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            return None
        try:
            if number > len(pdf):
                return None
            page = pdf[number - 1]
            try:
                width_pt, height_pt = page.get_size()
                if width_pt <= 0 or height_pt <= 0:
                    return None
                scale = min(DISPLAY_DPI / 72.0, MAX_SIDE / max(width_pt, height_pt))
                bitmap = page.render(scale=scale)
                try:
                    return bitmap.to_pil().convert("RGB")  # a copy: the bitmap's buffer is freed below
                finally:
                    bitmap.close()
            finally:
                page.close()
        except pdfium.PdfiumError:
            return None
        finally:
            pdf.close()


def _write_png(image: Image.Image, target: Path) -> None:
    """Save atomically: a temporary file in the same folder, then renamed over the target."""
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(dir=target.parent, prefix=".page-", suffix=".png")
    try:
        with os.fdopen(fd, "wb") as out:
            image.save(out, "PNG", optimize=False, compress_level=6)
        os.replace(tmp_name, target)
    except BaseException:
        Path(tmp_name).unlink(missing_ok=True)
        raise
