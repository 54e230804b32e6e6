"""Tesseract 5: the installed program, its models, and readings with TSV word boxes.

`Tesseract.read_image` reads through the library (`ocr.library`, one loaded engine per
language set in each worker) when it matches the program's version, else by running the
program once per image (about 0.1 s of start-up and model loading each time).
`OMP_THREAD_LIMIT=1` is set either way: on this kind of machine one single-threaded
tesseract per core reads about four times as many pages as one multi-threaded one.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from PIL import Image

from sleuth.errors import LimitExceeded, ReadError
from sleuth.ocr.library import LoadedEngines, library_version

INSTALL_HINT = (
    "Install it with: apt-get install tesseract-ocr tesseract-ocr-ara tesseract-ocr-eng "
    "tesseract-ocr-script-arab (or run `make install`)\n"
    "Then re-run: sleuth ingest SOURCE --case CASE (already-read files are skipped; only the "
    "pages waiting for OCR are read)."
)


class OcrUnavailable(ReadError):
    """Tesseract, or a language model it needs, is not installed: pages wait for OCR."""

    kind = "ocr unavailable"


@dataclass(frozen=True)
class Word:
    """One recognised word: text, confidence (0-100) and its box in image pixels.

    `line` numbers the page's text lines in reading order; words of one line share it and
    come in logical (reading) order, right to left for Arabic.
    """

    text: str
    conf: float
    left: int
    top: int
    width: int
    height: int
    line: int

    @property
    def right(self) -> int:
        """x just past the word's box."""
        return self.left + self.width

    @property
    def bottom(self) -> int:
        """y just below the word's box."""
        return self.top + self.height


@dataclass(frozen=True)
class Tesseract:
    """An installed tesseract: its program, version and language models."""

    binary: str
    version: str
    tessdata: Path | None
    languages: frozenset[str]

    def check_languages(self, languages: str) -> None:
        """Raise OcrUnavailable when a model in `ara+eng`-style `languages` is missing."""
        missing = [lang for lang in languages.split("+") if lang not in self.languages]
        if missing:
            have = ", ".join(sorted(self.languages)) or "none"
            raise OcrUnavailable(
                f"OCR is not available: tesseract has no model for {', '.join(missing)} "
                f"(installed: {have}).\n\n{INSTALL_HINT}")

    def fingerprint(self, languages: str) -> str:
        """Identifies the engine and the models used: part of the OCR cache key."""
        parts = [self.version]
        for lang in sorted(languages.split("+")):
            model = self._model_path(lang)
            parts.append(f"{lang}:{model.stat().st_size if model and model.exists() else 0}")
        return hashlib.sha256("|".join(parts).encode()).hexdigest()[:16]

    def _model_path(self, lang: str) -> Path | None:
        if self.tessdata is None:
            return None
        for candidate in (self.tessdata / f"{lang}.traineddata",
                          self.tessdata / "script" / f"{lang}.traineddata"):
            if candidate.exists():
                return candidate
        return None

    @property
    def uses_library(self) -> bool:
        """Whether readings go through the loaded library rather than the program."""
        return library_version() == self.version

    def read_image(self, image: Image.Image, languages: str, *, tmpdir: Path, timeout: float,
                   psm: int = 3, dpi: int | None = None) -> list[Word]:
        """Words tesseract reads in a grey image, in reading order (library or program)."""
        if self.uses_library:
            return parse_tsv(_loaded(self.tessdata).read(image, languages, psm=psm, dpi=dpi,
                                                         timeout=timeout))
        fd, name = tempfile.mkstemp(suffix=".pgm", dir=tmpdir)
        os.close(fd)
        path = Path(name)
        try:
            (image if image.mode == "L" else image.convert("L")).save(path, "PPM")
            return self.recognize(path, languages, timeout=timeout, psm=psm, dpi=dpi)
        finally:
            path.unlink(missing_ok=True)

    def recognize(self, image: Path, languages: str, *, timeout: float, psm: int = 3,
                  dpi: int | None = None, config: dict[str, str] | None = None) -> list[Word]:
        """Words tesseract reads in an image file, in reading order.

        Raises LimitExceeded when the run takes longer than `timeout` seconds and
        CorruptError-like ReadErrors when tesseract cannot open the image.
        """
        args = [self.binary, str(image), "stdout", "-l", languages, "--psm", str(psm), "--oem", "1"]
        if dpi:
            args += ["--dpi", str(dpi)]
        for key, value in (config or {}).items():
            args += ["-c", f"{key}={value}"]
        args.append("tsv")
        env = dict(os.environ, OMP_THREAD_LIMIT="1")
        try:
            proc = subprocess.run(args, capture_output=True, timeout=timeout, env=env, check=False)
        except subprocess.TimeoutExpired:
            raise LimitExceeded(
                f"OCR of the page took longer than {timeout:g} s (setting ocr_page_timeout)") from None
        if proc.returncode != 0:
            message = proc.stderr.decode("utf-8", errors="replace").strip().splitlines()
            detail = message[-1] if message else f"exit code {proc.returncode}"
            raise ReadError(f"tesseract could not read the page image ({detail})")
        return parse_tsv(proc.stdout.decode("utf-8", errors="replace"))


_LOADED: dict[Path | None, LoadedEngines] = {}


def _loaded(tessdata: Path | None) -> LoadedEngines:
    engines = _LOADED.get(tessdata)
    if engines is None:
        engines = _LOADED[tessdata] = LoadedEngines(tessdata)
    return engines


def parse_tsv(tsv: str) -> list[Word]:
    """Word rows (level 5) of tesseract's TSV output (with or without its header line);
    empty words are dropped."""
    words: list[Word] = []
    line_ids: dict[tuple[str, str, str, str], int] = {}
    for row in tsv.splitlines():
        cols = row.split("\t")
        if len(cols) < 12 or cols[0] != "5":
            continue
        text = cols[11].strip()
        if not text:
            continue
        key = (cols[1], cols[2], cols[3], cols[4])  # page, block, paragraph, line
        line = line_ids.setdefault(key, len(line_ids))
        try:
            left, top, width, height = (int(c) for c in cols[6:10])
            conf = max(0.0, float(cols[10]))
        except ValueError:
            continue
        words.append(Word(text, conf, left, top, width, height, line))
    return words


@lru_cache(maxsize=1)
def find_tesseract() -> Tesseract | None:
    """The installed tesseract, or None when the program is not on PATH."""
    binary = shutil.which("tesseract")
    if binary is None:
        return None
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    try:
        version_out = subprocess.run([binary, "--version"], capture_output=True, timeout=30,
                                     env=env, check=False)
        langs_out = subprocess.run([binary, "--list-langs"], capture_output=True, timeout=30,
                                   env=env, check=False)
    except (OSError, subprocess.TimeoutExpired):
        return None
    first = (version_out.stdout or version_out.stderr).decode("utf-8", errors="replace").splitlines()
    version = first[0].strip() if first else "tesseract (unknown version)"
    tessdata: Path | None = None
    languages: set[str] = set()
    for line in langs_out.stdout.decode("utf-8", errors="replace").splitlines():
        if line.startswith("List of available languages"):
            quoted = line.split('"')
            if len(quoted) >= 2:
                tessdata = Path(quoted[1])
            continue
        name = line.strip()
        if name:
            languages.add(name.removeprefix("script/"))
    return Tesseract(binary, version, tessdata, frozenset(languages))


def require_tesseract() -> Tesseract:
    """The installed tesseract, or OcrUnavailable with how to install it."""
    engine = find_tesseract()
    if engine is None:
        raise OcrUnavailable(
            f"OCR is not available: the 'tesseract' program was not found.\n\n{INSTALL_HINT}")
    return engine
