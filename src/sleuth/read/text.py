"""Plain text in any encoding."""

from __future__ import annotations

from pathlib import Path

from charset_normalizer import from_bytes

from sleuth.errors import CorruptError
from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode bytes of unknown encoding. Returns (text, encoding name)."""
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    sample = data[:1_000_000]
    best = from_bytes(sample).best()
    if best is None:
        return data.decode("utf-8", errors="replace"), "utf-8 (with replacements)"
    encoding = best.encoding
    if encoding in _SINGLE_BYTE_LATIN:
        # charset_normalizer leaves Mac Roman out of its default candidates; files from older
        # Macs are common in leaks, so let it compete with the winner on equal terms.
        ranked = sorted(from_bytes(sample, cp_isolation=[encoding, "mac_roman"]),
                        key=lambda m: (m.chaos, -m.coherence))
        if ranked:
            encoding = ranked[0].encoding
    return data.decode(encoding, errors="replace"), encoding


_SINGLE_BYTE_LATIN = frozenset({"cp1250", "cp1252", "cp850", "cp852", "cp857", "latin_1", "iso8859_15",
                                "iso8859_2"})


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


@register
class TextReader(Reader):
    """Plain text, Markdown, logs: any encoding, detected."""

    name = "text"
    kind = "text"
    mime_types = frozenset({"text/plain", "text/markdown", "text/x-log", "text/x-Algol68"})
    extensions = frozenset({".txt", ".text", ".md", ".log"})
    mime_score = 60  # generic: more specific readers (csv, html, email) outrank it

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        data = path.read_bytes()
        if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            raise CorruptError("binary content in a file typed as text")
        text, encoding = decode_bytes(data)
        result = ReadResult(pages=[Page(1, normalise_newlines(text))])
        result.add_meta("encoding", encoding)
        return result
