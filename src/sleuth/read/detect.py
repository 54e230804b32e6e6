"""MIME type detection from content (libmagic), with the file name as a tie-breaker."""

from __future__ import annotations

import mimetypes
from functools import lru_cache
from pathlib import Path

SNIFF_BYTES = 16384

# libmagic names some formats by their container; the extension says which it is.
_CONTAINER_REFINEMENTS = {
    "application/zip": {
        ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        ".odt": "application/vnd.oasis.opendocument.text",
        ".ods": "application/vnd.oasis.opendocument.spreadsheet",
    },
    "application/x-ole-storage": {
        ".msg": "application/vnd.ms-outlook",
        ".xls": "application/vnd.ms-excel",
        ".doc": "application/msword",
        ".ppt": "application/vnd.ms-powerpoint",
    },
    "application/CDFV2": {
        ".msg": "application/vnd.ms-outlook",
        ".xls": "application/vnd.ms-excel",
        ".doc": "application/msword",
        ".ppt": "application/vnd.ms-powerpoint",
    },
}


@lru_cache(maxsize=1)
def _magic():  # type: ignore[no-untyped-def]
    try:
        import magic

        return magic.Magic(mime=True)
    except (ImportError, OSError):  # libmagic missing: fall back to names only
        return None


#: Names of plain-text formats that libmagic's "text/html" does not override.
_PLAIN_NAMES = frozenset({".txt", ".csv", ".tsv", ".json", ".jsonl", ".md", ".log"})


def detect_mime(path: Path, name: str | None = None) -> str:
    """Detect the MIME type of the file at `path`; `name` (original file name) refines it."""
    name = name or path.name
    ext = Path(name).suffix.lower()
    with path.open("rb") as fh:
        head = fh.read(SNIFF_BYTES)
    if not head:
        return "application/x-empty"
    mime = None
    detector = _magic()
    if detector is not None:
        try:
            mime = detector.from_buffer(head)
        except Exception:  # libmagic can choke on odd input; the name still helps
            mime = None
    if mime:
        refined = _CONTAINER_REFINEMENTS.get(mime, {}).get(ext)
        if refined:
            return refined
        markup_first = head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<")
        if mime == "text/html" and ext in _PLAIN_NAMES and not markup_first:
            # libmagic calls any text with a tag in it HTML; a CSV or a note that only
            # quotes markup (a hostile cell, a pasted snippet) is still a CSV or a note
            return guess_from_name(name) or "text/plain"
        if mime in {"application/octet-stream", "text/plain"} and ext:
            guessed = guess_from_name(name)
            if guessed and (mime == "application/octet-stream" or guessed.startswith("text/")):
                return guessed
        return str(mime)
    return guess_from_name(name) or "application/octet-stream"


def guess_from_name(name: str) -> str | None:
    """The MIME type a file name suggests, or None."""
    extra = {".eml": "message/rfc822", ".mbox": "application/mbox", ".msg": "application/vnd.ms-outlook",
             ".md": "text/markdown", ".7z": "application/x-7z-compressed", ".rar": "application/vnd.rar"}
    ext = Path(name).suffix.lower()
    if ext in extra:
        return extra[ext]
    mime, _ = mimetypes.guess_type(name, strict=False)
    return mime
