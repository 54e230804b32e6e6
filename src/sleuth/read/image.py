"""Raster images: checked with Pillow, one OCR-pending page per frame, EXIF metadata."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

from PIL import Image, UnidentifiedImageError

from sleuth.errors import CorruptError, LimitExceeded
from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register

_EXIF_IFD = 0x8769
_GPS_IFD = 0x8825
_TAG_DATETIME = 306
_TAG_DATETIME_ORIGINAL = 36867
_TAG_MAKE = 271
_TAG_MODEL = 272
_TAG_SOFTWARE = 305

# Formats whose extra frames are pages of a document (not animation frames).
_PAGED_FORMATS = frozenset({"TIFF", "MPO"})


def _exif_date(value: Any) -> str | None:
    """EXIF `YYYY:MM:DD HH:MM:SS` as ISO 8601 (`YYYY-MM-DDTHH:MM:SS`)."""
    if not isinstance(value, str):
        return None
    value = value.strip().strip("\x00")
    if len(value) >= 19 and value[4] == ":" and value[7] == ":":
        return f"{value[0:4]}-{value[5:7]}-{value[8:10]}T{value[11:19]}"
    return value or None


def _gps_degrees(value: Any, ref: Any) -> float | None:
    """(degrees, minutes, seconds) rationals and an N/S/E/W reference as signed decimal degrees."""
    try:
        degrees, minutes, seconds = (float(part) for part in value)
    except (TypeError, ValueError, ZeroDivisionError):
        return None
    decimal = degrees + minutes / 60 + seconds / 3600
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", errors="ignore")
    if isinstance(ref, str) and ref.strip().upper() in {"S", "W"}:
        decimal = -decimal
    return decimal


def _add_exif(image: Image.Image, result: ReadResult) -> None:
    try:
        exif = image.getexif()
    except Exception:  # broken EXIF blocks are common; the image itself may be fine
        return
    if not exif:
        return
    sub = exif.get_ifd(_EXIF_IFD)
    created = _exif_date(sub.get(_TAG_DATETIME_ORIGINAL)) or _exif_date(exif.get(_TAG_DATETIME))
    result.add_meta("created", created)
    make = str(exif.get(_TAG_MAKE) or "").strip().strip("\x00")
    model = str(exif.get(_TAG_MODEL) or "").strip().strip("\x00")
    if model.lower().startswith(make.lower()):
        make = ""  # "Canon" + "Canon EOS 5D" reads better as the model alone
    result.add_meta("camera", " ".join(p for p in (make, model) if p))
    result.add_meta("software", str(exif.get(_TAG_SOFTWARE) or "").strip("\x00"))
    gps = exif.get_ifd(_GPS_IFD)
    if gps:
        lat = _gps_degrees(gps.get(2), gps.get(1))
        lon = _gps_degrees(gps.get(4), gps.get(3))
        if lat is not None and lon is not None:
            result.add_meta("gps", f"{lat:.6f},{lon:.6f}")


@register
class ImageReader(Reader):
    """PNG, JPEG, TIFF, GIF, BMP, WebP, JPEG 2000: no text layer, so every page waits for OCR."""

    name = "image"
    kind = "image"
    mime_types = frozenset({
        "image/png", "image/jpeg", "image/pjpeg", "image/tiff", "image/gif", "image/bmp",
        "image/x-ms-bmp", "image/webp", "image/jp2", "image/jpx",
    })
    extensions = frozenset({
        ".png", ".jpg", ".jpeg", ".jpe", ".tif", ".tiff", ".gif", ".bmp", ".webp", ".jp2", ".j2k", ".jpf",
    })

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("error", Image.DecompressionBombWarning)
                with Image.open(path) as probe:
                    probe.verify()
                with Image.open(path) as image:
                    return self._describe(image)
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
            raise LimitExceeded(f"the image is too large to process safely ({exc})") from None
        except UnidentifiedImageError:
            raise CorruptError("the image is damaged or in a format Pillow cannot identify") from None
        except (OSError, SyntaxError, ValueError, EOFError) as exc:
            raise CorruptError(f"the image is damaged ({exc})") from None

    def _describe(self, image: Image.Image) -> ReadResult:
        image.load()  # decode the first frame: catches truncated files that verify() lets through
        result = ReadResult()
        frames = int(getattr(image, "n_frames", 1) or 1)
        if image.format not in _PAGED_FORMATS:
            frames = 1
        for number in range(1, frames + 1):
            result.pages.append(Page(number, "", needs_ocr=True, method="none"))
        result.add_meta("width", image.width)
        result.add_meta("height", image.height)
        result.add_meta("format", image.format)
        _add_exif(image, result)
        return result
