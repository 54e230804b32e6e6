"""PDF text layers through poppler's `pdftotext` and `pdfinfo`.

The whole document is extracted in one `pdftotext` run and split on form feeds, so a
500-page PDF costs one process, not 500. Pages with (almost) no text are marked for OCR.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from sleuth.errors import CorruptError, EncryptedError, LimitExceeded, ReadError
from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register
from sleuth.text.quality import looks_garbled

# pdfinfo field -> metadata key
_INFO_KEYS = {
    "Title": "title",
    "Author": "author",
    "Creator": "creator",
    "Producer": "producer",
    "CreationDate": "created",
    "ModDate": "modified",
}

# pdftotext wraps right-to-left and embedded left-to-right runs in bidi embedding marks
# (U+202A-U+202E). They only steer display, and often stand where a space was ("Homs<PDF>عبر"),
# so they become a space between two words and vanish elsewhere. The letters are already in
# logical order.
_BIDI_BETWEEN_WORDS = re.compile(
    r"(?<=[^\s\u202a-\u202e\u2066-\u2069])[\u202a-\u202e\u2066-\u2069]+(?=[^\s\u202a-\u202e\u2066-\u2069])")
_BIDI = re.compile(r"[\u202a-\u202e\u2066-\u2069]+")


def strip_bidi_controls(text: str) -> str:
    """Drop bidi embedding controls, keeping the words they separated apart."""
    return _BIDI.sub("", _BIDI_BETWEEN_WORDS.sub(" ", text))


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ReadError(f"poppler's {name} is not installed; install poppler-utils to read PDFs")
    return found


def _run(args: list[str], timeout: float) -> subprocess.CompletedProcess[bytes]:
    try:
        return subprocess.run(args, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise LimitExceeded(
            f"reading the PDF took longer than {timeout:g} s; raise read_timeout to allow more"
        ) from None


def _check(proc: subprocess.CompletedProcess[bytes]) -> None:
    """Turn a failed poppler run into an EncryptedError or CorruptError."""
    if proc.returncode == 0:
        return
    stderr = proc.stderr.decode("utf-8", errors="replace")
    lowered = stderr.lower()
    if "incorrect password" in lowered or "encrypted" in lowered:
        raise EncryptedError("the PDF is password-protected; decrypt it and add the decrypted copy")
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    errors = [line for line in lines if "error" in line.lower()]
    reason = (errors or lines or [f"poppler exited with code {proc.returncode}"])[0]
    raise CorruptError(f"the PDF is damaged or not a PDF ({reason})")


def parse_pdfinfo(output: str) -> dict[str, str]:
    """`Key:   value` lines from pdfinfo as a dict (first occurrence of each key)."""
    info: dict[str, str] = {}
    for line in output.splitlines():
        key, sep, value = line.partition(":")
        if sep and key and not key.startswith(" "):
            info.setdefault(key.strip(), value.strip())
    return info


@register
class PdfReader(Reader):
    """PDF documents: text layer per page, document info metadata."""

    name = "pdf"
    kind = "pdf"
    mime_types = frozenset({"application/pdf", "application/x-pdf"})
    extensions = frozenset({".pdf"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        timeout = float(ctx.settings.read_timeout)
        if path.stat().st_size == 0:
            raise CorruptError("the PDF is empty (0 bytes)")

        info_proc = _run([_tool("pdfinfo"), "-isodates", "-enc", "UTF-8", str(path)], timeout)
        _check(info_proc)
        info = parse_pdfinfo(info_proc.stdout.decode("utf-8", errors="replace"))
        # "Encrypted: yes" with only an owner password still opens: its text is readable.

        text_proc = _run([_tool("pdftotext"), "-layout", "-enc", "UTF-8", str(path), "-"], timeout)
        _check(text_proc)
        text = strip_bidi_controls(text_proc.stdout.decode("utf-8", errors="replace"))
        pieces = text.split("\f")
        if pieces and pieces[-1].strip() == "":
            pieces.pop()

        try:
            page_count = int(info.get("Pages", "0"))
        except ValueError:
            page_count = 0
        while len(pieces) < page_count:
            pieces.append("")

        min_chars = int(ctx.settings.pdf_min_chars_per_page)
        result = ReadResult()
        for number, piece in enumerate(pieces, start=1):
            page_text = piece.rstrip()
            # too little text, or a layer that is not text (fonts with no Unicode mapping): OCR
            needs_ocr = len(page_text.strip()) < min_chars or looks_garbled(page_text)
            result.pages.append(Page(number, page_text, needs_ocr=needs_ocr, method="text"))
        for field, key in _INFO_KEYS.items():
            result.add_meta(key, info.get(field))
        return result
