"""OCR of one page of a stored file: image, cache lookup, recognition, a record to store.

Runs in a worker process (or in-process for `sleuth extract`). Never raises for bad input:
a page that cannot be read becomes a failed record with the reason.
"""

from __future__ import annotations

import hashlib
import json
import time
from pathlib import Path
from typing import Any

from sleuth.errors import ReadError
from sleuth.ocr.engine import OcrUnavailable, Tesseract
from sleuth.ocr.images import PageImage, image_page, pdf_page
from sleuth.ocr.recognize import recognize
from sleuth.ocr.result import OcrPage
from sleuth.run.limits import time_limit
from sleuth.settings import Settings
from sleuth.store import OcrJob, OcrRecord
from sleuth.text.quality import letters_share, looks_garbled

# Bump when OCR output changes (engine options, preprocessing, repairs): pages are read again.
OCR_VERSION = 3
UNAVAILABLE = "unavailable"


def load_page(blob: Path, kind: str, number: int, settings: Settings) -> PageImage:
    """The page image of a stored file: a rendered PDF page or a frame of an image."""
    if kind == "pdf":
        return pdf_page(blob, number, int(settings.ocr_pdf_dpi), int(settings.ocr_max_pixels))
    if kind == "image":
        return image_page(blob, number, int(settings.ocr_max_pixels))
    raise ReadError(f"no page images can be made from a file of type {kind}")


def cache_key(pixels_sha256: str, languages: str, engine: Tesseract) -> str:
    """What identifies an OCR result: the pixels, the languages asked for, the engine and
    its models, and the OCR version."""
    raw = f"{pixels_sha256}|{languages}|{engine.fingerprint(_models(languages))}|{OCR_VERSION}"
    return hashlib.sha256(raw.encode()).hexdigest()


def _models(languages: str) -> str:
    return "ara+eng+Arabic" if languages == "auto" else languages


def prefer_ocr(layer_text: str, page: OcrPage) -> bool:
    """Whether OCR text should replace a page's text layer (empty or garbled layers only)."""
    if len(layer_text.strip()) == 0:
        return True
    if not page.text.strip():
        return False
    if looks_garbled(layer_text):  # a layer of control codes is worth nothing to search
        return True
    if page.confidence < 50:
        return False
    return letters_share(page.text) > letters_share(layer_text) + 0.1


def read_page(job: OcrJob, blob: Path, settings: Settings, engine: Tesseract, tmpdir: Path,
              cached: Any = None) -> OcrRecord:
    """OCR one page into a record. `cached(key)` returns a stored result row or None."""
    started = time.perf_counter()
    record = OcrRecord(job.document_id, job.number, "ok")
    try:
        with time_limit(float(settings.ocr_page_timeout) + 10):
            image = load_page(blob, job.kind, job.number, settings)
            languages = str(settings.ocr_languages)
            record.key = cache_key(image.sha256, languages, engine)
            row = cached(record.key) if cached is not None else None
            if row is not None:
                record.text, record.confidence = row["text"], row["confidence"]
                record.languages, record.width, record.height = row["languages"], row["width"], row["height"]
                record.words_json, record.cached = row["words"], True
            else:
                page = recognize(image.image, engine, tmpdir=tmpdir, timeout=float(settings.ocr_page_timeout),
                                 languages=languages, dpi=image.dpi)
                record.text, record.confidence, record.languages = page.text, page.confidence, page.languages
                record.width, record.height = page.width, page.height
                record.words_json = json.dumps(page.words_json(), ensure_ascii=False, separators=(",", ":"))
            record.replace_text = prefer_ocr(job.layer_text, OcrPage(record.text, record.confidence))
    except OcrUnavailable as exc:
        record.status, record.error = UNAVAILABLE, exc.message
    except ReadError as exc:
        record.status, record.error = "failed", exc.reason
    except TimeoutError:
        record.status = "failed"
        record.error = (f"timeout: OCR of page {job.number} took longer than {settings.ocr_page_timeout} s "
                        "(setting ocr_page_timeout)")
    except MemoryError:
        record.status, record.error = "failed", "limit: the page image does not fit in memory"
    except Exception as exc:  # an OCR bug must not stop the batch: record it
        record.status, record.error = "failed", f"ocr error: {type(exc).__name__}: {exc}"
    if record.status != "ok":
        record.key, record.text, record.words_json = None, "", "[]"
    record.seconds = time.perf_counter() - started
    return record
