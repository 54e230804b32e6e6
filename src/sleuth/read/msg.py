"""Outlook .msg files (OLE compound documents holding MAPI properties), read with olefile."""

from __future__ import annotations

import email
import re
import tempfile
from email import policy
from pathlib import Path

from sleuth.errors import CorruptError
from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register
from sleuth.read.text import decode_bytes, normalise_newlines

_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_HEADER_LINE = re.compile(rb"^[A-Za-z][A-Za-z0-9-]{0,60}:[ \t]")
_UNSAFE_NAME = re.compile(r"[\\/\x00-\x1f]")

# MAPI property tags (without type suffix)
SUBJECT = "0037"
SENDER_NAME = "0C1A"
SENDER_EMAIL = "0C1F"
DISPLAY_TO = "0E04"
DISPLAY_CC = "0E03"
BODY = "1000"
HTML_BODY = "1013"
MESSAGE_ID = "1035"
IN_REPLY_TO = "1042"
HEADERS = "007D"
ATTACH_LONG_FILENAME = "3707"
ATTACH_FILENAME = "3704"
ATTACH_DATA = "3701"


class _Ole:
    """Access to one storage level of a .msg file."""

    def __init__(self, ole: object, prefix: list[str]) -> None:
        self.ole = ole
        self.prefix = prefix

    def _stream(self, name: str) -> bytes | None:
        path = [*self.prefix, name]
        if self.ole.exists("/".join(path)):  # type: ignore[attr-defined]
            try:
                return bytes(self.ole.openstream(path).read())  # type: ignore[attr-defined]
            except Exception:
                return None
        return None

    def string(self, tag: str) -> str:
        data = self._stream(f"__substg1.0_{tag}001F")
        if data is not None:
            return data.decode("utf-16-le", errors="replace").rstrip("\x00")
        data = self._stream(f"__substg1.0_{tag}001E")
        if data is not None:
            return decode_bytes(data.rstrip(b"\x00"))[0]
        return ""

    def binary(self, tag: str) -> bytes | None:
        return self._stream(f"__substg1.0_{tag}0102")


def _safe_name(name: str) -> str:
    name = _UNSAFE_NAME.sub("_", name).strip().lstrip(".")
    return name[:200] or "attachment"


@register
class MsgReader(Reader):
    """Outlook messages: subject, sender, recipients, body; attachments become children."""

    name = "msg"
    kind = "msg"
    mime_types = frozenset({"application/vnd.ms-outlook"})
    extensions = frozenset({".msg"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        with path.open("rb") as fh:
            head = fh.read(4096)
        if not head.startswith(_OLE_MAGIC):
            if _HEADER_LINE.match(head):  # an RFC 822 message saved with a .msg name
                from sleuth.read.email import read_message

                msg = email.message_from_bytes(path.read_bytes(), policy=policy.default)
                return read_message(msg, ctx)
            raise CorruptError("not an Outlook message (no OLE compound document header)")
        import olefile

        try:
            ole = olefile.OleFileIO(str(path))
        except Exception as exc:
            raise CorruptError(f"damaged Outlook message: {exc}") from exc
        try:
            return self._read(ole, ctx)
        finally:
            ole.close()

    def _read(self, ole: object, ctx: ReadContext) -> ReadResult:
        entries = ole.listdir(streams=True, storages=True)  # type: ignore[attr-defined]
        if not any(e and e[0].startswith("__substg1.0_") for e in entries):
            raise CorruptError("an OLE document, but not an Outlook message (no MAPI properties)")
        root = _Ole(ole, [])
        result = ReadResult()
        subject = root.string(SUBJECT)
        sender = root.string(SENDER_NAME)
        sender_email = root.string(SENDER_EMAIL)
        to = root.string(DISPLAY_TO)
        cc = root.string(DISPLAY_CC)
        body = root.string(BODY)
        if not body.strip():
            html = root.binary(HTML_BODY)
            html_text = decode_bytes(html)[0] if html else root.string(HTML_BODY)
            if html_text:
                from sleuth.read.email import html_to_text

                body = html_to_text(html_text)
        headers = root.string(HEADERS)
        date = ""
        if headers:
            parsed = email.message_from_string(headers, policy=policy.compat32)
            date = " ".join(str(parsed.get("Date") or "").split())
        if sender and "@" in sender_email:
            sender_full = f"{sender} <{sender_email}>"
        else:
            sender_full = sender or sender_email
        lines = []
        for label, value in (("From", sender_full), ("To", to), ("Cc", cc), ("Date", date),
                             ("Subject", subject)):
            if value:
                lines.append(f"{label}: {value}")
        text = "\n".join(lines) + "\n\n" + normalise_newlines(body).strip()
        result.pages.append(Page(1, text))
        result.add_meta("subject", subject)
        result.add_meta("from", sender_full)
        for key, value in (("to", to), ("cc", cc)):
            for item in value.split(";"):
                result.add_meta(key, item)
        if date:
            try:
                from email.utils import parsedate_to_datetime

                result.add_meta("date", parsedate_to_datetime(date).isoformat())
            except (TypeError, ValueError, IndexError):
                result.add_meta("date", date)
        result.add_meta("message_id", root.string(MESSAGE_ID))
        result.add_meta("in_reply_to", root.string(IN_REPLY_TO))
        self._attachments(ole, ctx, result)
        return result

    def _attachments(self, ole: object, ctx: ReadContext, result: ReadResult) -> None:
        storages = sorted({
            entry[0] for entry in ole.listdir(streams=True, storages=True)  # type: ignore[attr-defined]
            if entry and entry[0].startswith("__attach_version1.0_#")
        })
        for number, storage in enumerate(storages, start=1):
            att = _Ole(ole, [storage])
            name = att.string(ATTACH_LONG_FILENAME) or att.string(ATTACH_FILENAME)
            name = _safe_name(name) if name else f"attachment-{number}.bin"
            data = att.binary(ATTACH_DATA)
            if data is None:
                # embedded messages (attach method 5) live in a sub-storage, not a data stream
                ctx.add_failure(name, "unsupported: attachment without a data stream (embedded object)")
                continue
            with tempfile.NamedTemporaryFile(dir=ctx.tempdir, suffix=Path(name).suffix[:16],
                                             delete=False) as fh:
                fh.write(data)
            result.add_meta("attachment", name)
            ctx.add_child(name, Path(fh.name))
