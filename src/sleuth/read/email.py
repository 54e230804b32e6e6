"""E-mail: single messages (.eml) and mailboxes (.mbox, each message becomes a child)."""

from __future__ import annotations

import email
import mailbox
import re
import tempfile
from email import policy
from email.message import EmailMessage, Message
from email.utils import getaddresses, parsedate_to_datetime
from pathlib import Path

from sleuth.errors import CorruptError
from sleuth.read.base import Page, ReadContext, Reader, ReadResult, register
from sleuth.read.text import decode_bytes, normalise_newlines

HEADER_FIELDS = ("From", "To", "Cc", "Date", "Subject")
_UNSAFE_NAME = re.compile(r"[\\/\x00-\x1f]")


def html_to_text(html: str) -> str:
    """Visible text of an HTML fragment (scripts and styles dropped)."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(html)
    for node in tree.css("script, style, head"):
        node.decompose()
    root = tree.body or tree.root
    if root is None:
        return ""
    text = root.text(separator="\n")
    lines = [line.strip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _header(msg: Message, name: str) -> str:
    try:
        value = msg.get(name)
    except Exception:  # malformed header: fall back to the raw text
        value = None
        for key, raw in msg.raw_items() if isinstance(msg, EmailMessage) else msg.items():
            if key.lower() == name.lower():
                value = raw
                break
    return "" if value is None else " ".join(str(value).split())


def _part_text(part: Message) -> str:
    """Decoded text of a leaf part; never raises."""
    try:
        content = part.get_content() if isinstance(part, EmailMessage) else None
        if isinstance(content, str):
            return content
        if isinstance(content, bytes):
            return decode_bytes(content)[0]
    except Exception:
        pass
    payload = part.get_payload(decode=True)
    if isinstance(payload, bytes):
        charset = part.get_content_charset()
        if charset:
            try:
                return payload.decode(charset, errors="replace")
            except LookupError:
                pass
        return decode_bytes(payload)[0]
    raw = part.get_payload()
    return raw if isinstance(raw, str) else ""


def _is_attachment(part: Message) -> bool:
    disposition = (part.get_content_disposition() or "").lower()
    if disposition == "attachment":
        return True
    if part.get_content_maintype() == "message" or part.get_content_type() == "text/rfc822-headers":
        return True
    if part.get_filename():
        return True
    return part.get_content_maintype() not in {"text", "multipart"}


def _walk_leaves(msg: Message, root: bool = True) -> list[Message]:
    """Leaf parts, not descending into attached messages."""
    if not root and msg.get_content_maintype() == "message":
        return [msg]
    if msg.is_multipart():
        leaves: list[Message] = []
        payload = msg.get_payload()
        for sub in payload if isinstance(payload, list) else []:
            if isinstance(sub, Message):
                leaves.extend(_walk_leaves(sub, root=False))
        return leaves
    return [msg]


def _attachment_bytes(part: Message) -> bytes:
    if part.get_content_maintype() == "message":
        payload = part.get_payload()
        if isinstance(payload, list) and payload and isinstance(payload[0], Message):
            return bytes(payload[0].as_bytes(policy=policy.default))
        if isinstance(payload, Message):
            return bytes(payload.as_bytes(policy=policy.default))
    data = part.get_payload(decode=True)
    if isinstance(data, bytes):
        return data
    raw = part.get_payload()
    return raw.encode("utf-8", errors="replace") if isinstance(raw, str) else b""


def _safe_name(name: str) -> str:
    name = _UNSAFE_NAME.sub("_", name).strip().lstrip(".")
    return name[:200] or "attachment"


def read_message(msg: Message, ctx: ReadContext) -> ReadResult:
    """Text, metadata and attachments (handed to ctx) of one parsed message."""
    result = ReadResult()
    header_lines = []
    for name in HEADER_FIELDS:
        value = _header(msg, name)
        if value:
            header_lines.append(f"{name}: {value}")
    plain: list[str] = []
    html: list[str] = []
    attachments: list[Message] = []
    for part in _walk_leaves(msg):
        if _is_attachment(part) and part is not msg:
            attachments.append(part)
            continue
        ctype = part.get_content_type()
        if ctype == "text/html":
            html.append(_part_text(part))
        elif part.get_content_maintype() == "text" or part is msg:
            plain.append(_part_text(part))
    if plain and any(p.strip() for p in plain):
        body = "\n\n".join(plain)
    elif html:
        body = "\n\n".join(html_to_text(h) for h in html)
    else:
        body = ""
    text = "\n".join(header_lines) + "\n\n" + normalise_newlines(body).strip()
    result.pages.append(Page(1, text))

    for key in ("from", "to", "cc"):
        raw = _header(msg, key)
        if raw:
            try:
                addresses = getaddresses([raw])
            except Exception:
                addresses = []
            formatted = [f"{n} <{a}>" if n else a for n, a in addresses if a or n]
            for value in formatted or [raw]:
                result.add_meta(key, value)
    result.add_meta("subject", _header(msg, "Subject"))
    date = _header(msg, "Date")
    if date:
        try:
            result.add_meta("date", parsedate_to_datetime(date).isoformat())
        except (TypeError, ValueError, IndexError):
            result.add_meta("date", date)
    result.add_meta("message_id", _header(msg, "Message-ID"))
    result.add_meta("in_reply_to", _header(msg, "In-Reply-To"))

    for number, part in enumerate(attachments, start=1):
        try:
            filename = part.get_filename()
        except Exception:
            filename = None
        if not filename:
            if part.get_content_maintype() == "message":
                filename = f"attachment-{number}.eml"
            else:
                ext = {"text/plain": ".txt", "text/html": ".html"}.get(part.get_content_type(), ".bin")
                filename = f"attachment-{number}{ext}"
        filename = _safe_name(filename)
        try:
            data = _attachment_bytes(part)
        except Exception as exc:
            ctx.add_failure(filename, f"corrupt: attachment could not be decoded ({exc})")
            continue
        result.add_meta("attachment", filename)
        ctx.add_child(filename, _write_temp(ctx, data, Path(filename).suffix))
    return result


def _write_temp(ctx: ReadContext, data: bytes, suffix: str) -> Path:
    with tempfile.NamedTemporaryFile(dir=ctx.tempdir, suffix=suffix[:16], delete=False) as fh:
        fh.write(data)
        return Path(fh.name)


@register
class EmailReader(Reader):
    """RFC 822 messages and mbox mailboxes."""

    name = "email"
    kind = "email"
    mime_types = frozenset({"message/rfc822", "application/mbox"})
    extensions = frozenset({".eml", ".mbox"})

    def read(self, path: Path, ctx: ReadContext) -> ReadResult:
        with path.open("rb") as fh:
            head = fh.read(5)
        if path.suffix.lower() == ".mbox" or head == b"From ":
            return self._read_mbox(path, ctx)
        data = path.read_bytes()
        try:
            msg = email.message_from_bytes(data, policy=policy.default)
        except Exception as exc:
            raise CorruptError(f"not a readable e-mail message: {exc}") from exc
        return read_message(msg, ctx)

    def _read_mbox(self, path: Path, ctx: ReadContext) -> ReadResult:
        box = mailbox.mbox(str(path), create=False)
        lines = []
        try:
            keys = list(box.iterkeys())
            if len(keys) == 1 and path.suffix.lower() != ".mbox":
                # one message with an mbox "From " line (a common .eml export): read it as such
                single = email.message_from_bytes(box.get_bytes(keys[0]), policy=policy.default)
                return read_message(single, ctx)
            for number, key in enumerate(keys, start=1):
                try:
                    raw = box.get_bytes(key)
                except Exception as exc:
                    ctx.add_failure(f"message-{number}.eml", f"corrupt: message could not be read ({exc})")
                    continue
                msg = email.message_from_bytes(raw, policy=policy.default)
                subject = _header(msg, "Subject")
                lines.append(f"{number}\t{_header(msg, 'From')}\t{subject}")
                ctx.add_child(f"message-{number}.eml", _write_temp(ctx, raw, ".eml"))
        finally:
            box.close()
        result = ReadResult(pages=[Page(1, "\n".join(lines))])
        result.add_meta("messages", len(lines))
        return result
