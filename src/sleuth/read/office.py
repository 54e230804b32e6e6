"""Word-processing and presentation files: DOCX, ODT, PPTX; legacy DOC/PPT are refused clearly."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

import olefile

from sleuth.errors import CorruptError, EncryptedError, LimitExceeded, UnsupportedError
from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register

MAX_XML_PART_BYTES = 512 * 1024**2  # one XML part inside an office zip; beyond this, refuse

_NS = {
    "a": "http://schemas.openxmlformats.org/drawingml/2006/main",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "meta": "urn:oasis:names:tc:opendocument:xmlns:meta:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
}


def _q(prefix: str, local: str) -> str:
    return f"{{{_NS[prefix]}}}{local}"


def _check_not_encrypted_ole(path: Path, what: str) -> None:
    """An OOXML file that is an OLE container is an encrypted package (or not OOXML at all)."""
    if not olefile.isOleFile(str(path)):
        return
    encrypted = False
    try:
        with olefile.OleFileIO(str(path)) as ole:
            encrypted = ole.exists("EncryptedPackage")
    except OSError:
        encrypted = False
    if not encrypted:
        try:
            import msoffcrypto

            with path.open("rb") as fh:
                encrypted = bool(msoffcrypto.OfficeFile(fh).is_encrypted())
        except Exception:  # not an Office file msoffcrypto knows: fall through to "corrupt"
            encrypted = False
    if encrypted:
        raise EncryptedError(f"the {what} is password-protected; decrypt it and add the decrypted copy")
    raise CorruptError(f"the {what} is an old-style OLE file, not the zip package its name says")


def _open_zip(path: Path, what: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except zipfile.BadZipFile as exc:
        raise CorruptError(f"the {what} is damaged: not a valid zip package ({exc})") from None


def _read_xml(zf: zipfile.ZipFile, name: str, what: str) -> ET.Element | None:
    """Parse one XML part of a zip package; None when the part is absent."""
    try:
        info = zf.getinfo(name)
    except KeyError:
        return None
    if info.file_size > MAX_XML_PART_BYTES:
        raise LimitExceeded(f"the {what} part {name} unpacks to {info.file_size} bytes, over the cap")
    try:
        data = zf.read(info)
    except (zipfile.BadZipFile, OSError, EOFError) as exc:
        raise CorruptError(f"the {what} is damaged: {name} cannot be unpacked ({exc})") from None
    try:
        return ET.fromstring(data)
    except ET.ParseError as exc:
        raise CorruptError(f"the {what} is damaged: {name} is not well-formed XML ({exc})") from None


def _ooxml_core_props(zf: zipfile.ZipFile, result: ReadResult, what: str) -> None:
    """Author, title, dates from docProps/core.xml (shared by DOCX and PPTX)."""
    root = _read_xml(zf, "docProps/core.xml", what)
    if root is None:
        return
    fields = {
        "author": _q("dc", "creator"),
        "title": _q("dc", "title"),
        "created": _q("dcterms", "created"),
        "modified": _q("dcterms", "modified"),
        "last_modified_by": _q("cp", "lastModifiedBy"),
        "revision": _q("cp", "revision"),
    }
    for key, tag in fields.items():
        element = root.find(tag)
        if element is not None:
            result.add_meta(key, element.text)


# --- DOCX -----------------------------------------------------------------------------------------


def _docx_blocks(container: Any) -> Iterator[str]:
    """Paragraph and table text of a document body, cell or header, in document order."""
    from docx.table import Table

    for block in container.iter_inner_content():
        if isinstance(block, Table):
            for row in block.rows:
                seen: set[int] = set()
                cells: list[str] = []
                for cell in row.cells:
                    if id(cell._tc) in seen:  # a merged cell repeats across the columns it spans
                        continue
                    seen.add(id(cell._tc))
                    cells.append(" ".join(t for t in _docx_blocks(cell) if t))
                line = " | ".join(cells).strip(" |")
                if line:
                    yield line
        else:
            yield block.text


@register
class DocxReader(Reader):
    """Word 2007+ documents (.docx): body, tables, headers and footers, core properties."""

    name = "docx"
    kind = "docx"
    mime_types = frozenset({"application/vnd.openxmlformats-officedocument.wordprocessingml.document"})
    extensions = frozenset({".docx"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        _check_not_encrypted_ole(path, "Word document")
        with _open_zip(path, "Word document"):
            pass
        try:
            document = docx.Document(str(path))
        except PackageNotFoundError:
            raise CorruptError("the Word document is damaged: it has no main document part") from None
        except Exception as exc:  # lxml errors, KeyError... damage surfaces as assorted types
            raise CorruptError(f"the Word document is damaged ({type(exc).__name__}: {exc})") from None

        headers: list[str] = []
        footers: list[str] = []
        for section in document.sections:
            for attr, target in (
                ("first_page_header", headers), ("header", headers), ("even_page_header", headers),
                ("first_page_footer", footers), ("footer", footers), ("even_page_footer", footers),
            ):
                part = getattr(section, attr)
                if part.is_linked_to_previous:
                    continue
                text = "\n".join(t for t in _docx_blocks(part) if t.strip())
                if text and text not in target:
                    target.append(text)

        body = "\n".join(_docx_blocks(document))
        text = "\n\n".join(p for p in [*headers, body.strip("\n"), *footers] if p)
        result = ReadResult(pages=[Page(1, text)])
        props = document.core_properties
        result.add_meta("author", props.author)
        result.add_meta("title", props.title)
        result.add_meta("created", props.created.isoformat() if props.created else None)
        result.add_meta("modified", props.modified.isoformat() if props.modified else None)
        result.add_meta("last_modified_by", props.last_modified_by)
        result.add_meta("revision", props.revision or None)
        return result


# --- ODT ------------------------------------------------------------------------------------------


def _odf_text(element: ET.Element) -> str:
    """Text of an ODF text element, honouring text:s (spaces), text:tab and text:line-break."""
    parts: list[str] = [element.text or ""]
    for child in element:
        if child.tag == _q("text", "s"):
            parts.append(" " * int(child.get(_q("text", "c"), "1") or 1))
        elif child.tag == _q("text", "tab"):
            parts.append("\t")
        elif child.tag == _q("text", "line-break"):
            parts.append("\n")
        elif child.tag in {_q("text", "note"), _q("office", "annotation")} or child.tag.startswith(
            "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}"
        ):
            pass  # notes, comments and text frames hold text:p of their own, listed separately
        else:
            parts.append(_odf_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


@register
class OdtReader(Reader):
    """OpenDocument text (.odt): paragraphs and headings, meta.xml properties."""

    name = "odt"
    kind = "odt"
    mime_types = frozenset({"application/vnd.oasis.opendocument.text"})
    extensions = frozenset({".odt"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        what = "OpenDocument text"
        with _open_zip(path, what) as zf:
            try:
                manifest = zf.read("META-INF/manifest.xml")
            except KeyError:
                manifest = b""
            except (zipfile.BadZipFile, OSError, EOFError) as exc:
                raise CorruptError(f"the {what} is damaged: bad manifest ({exc})") from None
            if b"encryption-data" in manifest:
                raise EncryptedError(
                    f"the {what} is password-protected; decrypt it and add the decrypted copy"
                )
            content = _read_xml(zf, "content.xml", what)
            if content is None:
                raise CorruptError(f"the {what} has no content.xml")
            meta = _read_xml(zf, "meta.xml", what)

        wanted = {_q("text", "p"), _q("text", "h")}
        lines = [_odf_text(el) for el in content.iter() if el.tag in wanted]
        result = ReadResult(pages=[Page(1, "\n".join(lines).strip("\n"))])
        if meta is not None:
            fields = {
                "author": [_q("meta", "initial-creator"), _q("dc", "creator")],
                "title": [_q("dc", "title")],
                "created": [_q("meta", "creation-date")],
                "modified": [_q("dc", "date")],
                "last_modified_by": [_q("dc", "creator")],
                "revision": [_q("meta", "editing-cycles")],
                "generator": [_q("meta", "generator")],
            }
            for key, tags in fields.items():
                for tag in tags:
                    element = meta.find(f".//{tag}")
                    if element is not None and element.text:
                        result.add_meta(key, element.text)
                        break
        return result


# --- PPTX -----------------------------------------------------------------------------------------

_SLIDE_NAME = re.compile(r"^ppt/slides/slide(\d+)\.xml$")


@register
class PptxReader(Reader):
    """PowerPoint 2007+ presentations (.pptx): one page per slide."""

    name = "pptx"
    kind = "pptx"
    mime_types = frozenset({
        "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        "application/vnd.ms-powerpoint.presentation.macroEnabled.12",
    })
    extensions = frozenset({".pptx", ".pptm"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        what = "PowerPoint presentation"
        _check_not_encrypted_ole(path, what)
        result = ReadResult()
        with _open_zip(path, what) as zf:
            slides = sorted(
                (int(m.group(1)), name) for name in zf.namelist() if (m := _SLIDE_NAME.match(name))
            )
            if not slides and "ppt/presentation.xml" not in zf.namelist():
                raise CorruptError(f"the {what} has no ppt/presentation.xml; it is not a presentation")
            for number, (_, name) in enumerate(slides, start=1):
                root = _read_xml(zf, name, what)
                paragraphs: list[str] = []
                if root is not None:
                    for para in root.iter(_q("a", "p")):
                        text = "".join(t.text or "" for t in para.iter(_q("a", "t")))
                        if text.strip():
                            paragraphs.append(text)
                result.pages.append(Page(number, "\n".join(paragraphs)))
            _ooxml_core_props(zf, result, what)
        return result


# --- Legacy binary formats ------------------------------------------------------------------------


class _LegacyReader(Reader):
    """A legacy binary Office format: recognised and recorded as unsupported, with a reason."""

    reason: str

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        raise UnsupportedError(self.reason)


@register
class LegacyDocReader(_LegacyReader):
    """Word 97-2003 (.doc): recognised, but not read yet."""

    name = "doc"
    kind = "doc"
    mime_types = frozenset({"application/msword"})
    extensions = frozenset({".doc", ".dot"})
    reason = "legacy Word 97-2003 .doc is not read yet; convert to .docx"


@register
class LegacyPptReader(_LegacyReader):
    """PowerPoint 97-2003 (.ppt): recognised, but not read yet."""

    name = "ppt"
    kind = "ppt"
    mime_types = frozenset({"application/vnd.ms-powerpoint"})
    extensions = frozenset({".ppt", ".pps"})
    reason = "legacy PowerPoint 97-2003 .ppt is not read yet; convert to .pptx"
