"""SVG drawings: the text they carry (`<text>`, `<title>`, `<desc>`) read from the markup.

Text in an SVG is usually real text, so reading it beats rasterising and OCR. Drawings whose
letters were converted to paths hold no text and give an empty page.
"""

from __future__ import annotations

from pathlib import Path

from selectolax.lexbor import LexborHTMLParser

from sleuth.errors import CorruptError
from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register
from sleuth.read.html import decode_html

_TEXT_TAGS = "text, title, desc"


@register
class SvgReader(Reader):
    """SVG images: text elements, one line each, and the drawing's title."""

    name = "svg"
    kind = "image"
    mime_types = frozenset({"image/svg+xml"})
    extensions = frozenset({".svg"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        text, _encoding = decode_html(path.read_bytes())
        if "<svg" not in text[:100_000].lower():
            raise CorruptError("the file is not an SVG drawing (no <svg> element)")
        tree = LexborHTMLParser(text)
        lines: list[str] = []
        title = ""
        for node in tree.css(_TEXT_TAGS):
            if node.parent is not None and node.parent.tag in ("text", "title", "desc"):
                continue  # its text is part of the enclosing element's
            value = " ".join(node.text(separator=" ").split())
            if not value:
                continue
            if node.tag == "title" and not title:
                title = value
            lines.append(value)
        result = ReadResult(pages=[Page(1, "\n".join(lines), method="text")])
        result.add_meta("title", title)
        return result
