"""Tesseract as a library inside the worker process (tesserocr over Debian's libtesseract).

Starting the `tesseract` program for every reading costs start-up and a model load each
time; a worker that keeps one loaded engine per language set reads the same pages with
the same results for about a fifth less CPU (docs/benchmarks.md, "OCR speed"). Images are
handed over as raw grey bytes, so nothing is encoded or written to disk.

The library is used only when its libtesseract is the same version as the `tesseract`
program found on PATH (which decides the cache key); otherwise, or with
`SLEUTH_OCR_ENGINE=program`, every reading runs the program (`engine.Tesseract.recognize`).
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import Any

from PIL import Image

from sleuth.errors import LimitExceeded, ReadError

ENGINE_VARIABLE = "SLEUTH_OCR_ENGINE"  # "program" forces one tesseract process per reading


@lru_cache(maxsize=1)
def library_version() -> str | None:
    """First line of the linked libtesseract's version ("tesseract 5.3.0"), or None."""
    if os.environ.get(ENGINE_VARIABLE, "").strip().lower() == "program":
        return None
    # libgomp reads its limit once, when it is loaded with libtesseract: set it first
    os.environ["OMP_THREAD_LIMIT"] = "1"
    try:
        import tesserocr
    except ImportError:
        return None
    lines = str(tesserocr.tesseract_version()).strip().splitlines()
    return lines[0].strip() if lines else None


class LoadedEngines:
    """One initialised tesseract per language set, kept for the life of the process."""

    def __init__(self, tessdata: Path | None) -> None:
        self._tessdata = tessdata
        self._apis: dict[str, Any] = {}
        self._pid = os.getpid()

    def read(self, image: Image.Image, languages: str, *, psm: int, dpi: int | None,
             timeout: float) -> str:
        """Tesseract's TSV for a grey image. Raises LimitExceeded after `timeout` seconds."""
        api = self._api(languages)
        gray = image if image.mode == "L" else image.convert("L")
        api.SetPageSegMode(psm)
        api.SetImageBytes(gray.tobytes(), gray.width, gray.height, 1, gray.width)
        if dpi:
            api.SetSourceResolution(int(dpi))
        try:
            ok = api.Recognize(timeout=max(1, int(timeout * 1000)))
            if not ok:
                raise LimitExceeded(
                    f"OCR of the page took longer than {timeout:g} s (setting ocr_page_timeout)")
            return str(api.GetTSVText(0))
        except RuntimeError as exc:  # tesserocr reports recognition failures this way
            raise ReadError(f"tesseract could not read the page image ({exc})") from None
        finally:
            api.Clear()

    def _api(self, languages: str) -> Any:
        if os.getpid() != self._pid:  # a forked child never uses its parent's engines
            self._apis, self._pid = {}, os.getpid()
        api = self._apis.get(languages)
        if api is None:
            import tesserocr

            path = f"{self._tessdata}/" if self._tessdata else ""
            try:
                api = tesserocr.PyTessBaseAPI(path=path, lang=languages, oem=tesserocr.OEM.LSTM_ONLY)
            except RuntimeError as exc:
                raise ReadError(f"tesseract could not load the {languages} model ({exc})") from None
            self._apis[languages] = api
        return api

    def close(self) -> None:
        """Free every loaded engine."""
        for api in self._apis.values():
            api.End()
        self._apis.clear()
