"""HTML and XHTML pages: visible text with block structure kept, plus head metadata."""

from __future__ import annotations

import codecs
import re
from pathlib import Path
from typing import Any

from selectolax.lexbor import LexborHTMLParser

from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register
from sleuth.read.text import decode_bytes, normalise_newlines

_DROP = ("script", "style", "noscript", "template", "head")
_BLOCK = frozenset({
    "address", "article", "aside", "blockquote", "body", "br", "caption", "dd", "details", "dialog",
    "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
    "h5", "h6", "header", "hr", "html", "legend", "li", "main", "nav", "ol", "option", "p", "pre",
    "section", "summary", "table", "tbody", "td", "tfoot", "th", "thead", "title", "tr", "ul",
})
_PARAGRAPH = frozenset({
    "p", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "blockquote", "table", "ul", "ol", "dl", "hr",
    "section", "article", "header", "footer", "figure",
})
_META_CHARSET = re.compile(
    rb"""(?:<meta[^>]+charset\s*=|<\?xml[^>]+encoding\s*=)\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_SPACES = re.compile(r"[ \t\r\n\f\v\u00a0]+")
_BLANK_RUNS = re.compile(r"\n{3,}")


def decode_html(data: bytes) -> tuple[str, str]:
    """Decode HTML bytes: a BOM wins, then a `<meta charset>`, then detection."""
    if data.startswith((b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")):
        return decode_bytes(data)
    match = _META_CHARSET.search(data[:8192])
    if match:
        name = match.group(1).decode("ascii", errors="ignore")
        try:
            codec = codecs.lookup(name)
        except LookupError:
            codec = None
        if codec is not None and codec.name not in {"utf-16-le", "utf-16-be", "utf-16"}:
            # HTML5: a page declared latin-1 is read as windows-1252.
            encoding = "cp1252" if codec.name in {"latin-1", "iso8859-1", "ascii"} else codec.name
            return data.decode(encoding, errors="replace"), encoding
    return decode_bytes(data)


def _visible_text(root: Any) -> str:
    """Text of a node tree: a line break around block elements, a blank line around paragraphs.

    Whitespace is collapsed outside <pre>. Breaks next to each other merge into the larger one.
    """
    out: list[str | int] = []  # text, or a break: 1 = new line, 2 = blank line

    def brk(level: int) -> None:
        if out and isinstance(out[-1], int):
            out[-1] = max(out[-1], level)
        else:
            out.append(level)

    # Stack items: (node, None) to visit, or (None, tag) to close a block element.
    stack: list[tuple[Any, str | None]] = [(root, None)]
    pre_depth = 0
    while stack:
        node, closing = stack.pop()
        if node is None:
            if closing == "pre":
                pre_depth -= 1
            brk(2 if closing in _PARAGRAPH else 1)
            continue
        tag = node.tag
        if tag == "-text":
            text = node.text_content or ""
            out.append(text if pre_depth else _SPACES.sub(" ", text))
            continue
        if tag in _DROP or tag.startswith("-"):  # comments, doctype
            continue
        if tag in _BLOCK:
            brk(2 if tag in _PARAGRAPH else 1)
            if tag == "pre":
                pre_depth += 1
            stack.append((None, tag))
        children = []
        child = node.child
        while child is not None:
            children.append(child)
            child = child.next
        stack.extend((c, None) for c in reversed(children))
    joined = "".join("\n" * item if isinstance(item, int) else item for item in out)
    text = "\n".join(line.strip() for line in joined.split("\n"))
    return _BLANK_RUNS.sub("\n\n", text).strip()


@register
class HtmlReader(Reader):
    """Web pages saved as HTML or XHTML."""

    name = "html"
    kind = "html"
    mime_types = frozenset({"text/html", "application/xhtml+xml"})
    extensions = frozenset({".html", ".htm", ".xhtml"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        text, encoding = decode_html(path.read_bytes())
        tree = LexborHTMLParser(normalise_newlines(text))
        result = ReadResult()

        title = tree.css_first("title")
        if title is not None:
            result.add_meta("title", _SPACES.sub(" ", title.text() or ""))
        for meta in tree.css("meta"):
            attrs = meta.attributes
            key = (attrs.get("name") or attrs.get("property") or "").strip().lower()
            content = attrs.get("content")
            if not content:
                continue
            if key in {"description", "author", "keywords"}:
                result.add_meta(key, content)
            elif key == "og:title":
                result.add_meta("og_title", content)
            elif key == "article:published_time":
                result.add_meta("published", content)
        for link in tree.css("link[rel]"):
            rels = (link.attributes.get("rel") or "").lower().split()
            if "canonical" in rels:
                result.add_meta("url", link.attributes.get("href"))
        root = tree.root
        if root is not None:
            result.add_meta("lang", root.attributes.get("lang") or root.attributes.get("xml:lang"))
        result.add_meta("encoding", encoding)

        body = tree.body if tree.body is not None else root
        page_text = _visible_text(body) if body is not None else ""
        result.pages.append(Page(1, page_text))
        for line in boilerplate_lines(tree):
            result.add_meta("boilerplate", line)
        return result


# Page furniture: menus, "most read" boxes, site headers and footers. Their lines stay in the
# text (they are searchable) but are recorded, so the event coder does not take a headline
# of another story for an event of this page.
_FURNITURE = "nav, aside, footer, header, [role=navigation], [role=complementary], [role=contentinfo]"


def boilerplate_lines(tree: LexborHTMLParser) -> list[str]:
    """The text lines of a page's furniture (a header inside an article is its headline:
    content)."""
    lines: list[str] = []
    for node in tree.css(_FURNITURE):
        parent, inside_article = node.parent, False
        while parent is not None and node.tag in ("header", "footer"):
            if parent.tag == "article":
                inside_article = True
                break
            parent = parent.parent
        if not inside_article:
            lines += [line for line in _visible_text(node).split("\n") if line.strip()]
    return lines
