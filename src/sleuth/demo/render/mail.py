"""E-mails (.eml) and mailboxes (.mbox) with the standard library, repeatable to the byte.

MIME boundaries and Message-IDs come from the spec, not from `random` or the clock.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass, field
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime

from sleuth.demo.jobs import Job


@dataclass(frozen=True)
class Attachment:
    """A file attached to a message; its bytes come from a job."""

    filename: str
    maintype: str
    subtype: str
    job: Job


@dataclass
class MailSpec:
    """One e-mail message."""

    sender: str
    to: list[str]
    subject: str
    date: dt.datetime
    message_id: str
    body: str
    received: list[tuple[str, dt.datetime]] = field(default_factory=list)
    cc: list[str] = field(default_factory=list)
    in_reply_to: str | None = None
    mailer: str = "Microsoft Outlook 14.0"
    attachments: list[Attachment] = field(default_factory=list)
    html: str | None = None


def build_message(spec: MailSpec) -> EmailMessage:
    """The message object, headers in the order a mail server leaves them."""
    msg = EmailMessage(policy=policy.default)
    for host, when in spec.received:  # newest first, as relays prepend them
        msg["Received"] = f"{host}; {format_datetime(when)}"
    msg["From"] = spec.sender
    msg["To"] = ", ".join(spec.to)
    if spec.cc:
        msg["Cc"] = ", ".join(spec.cc)
    msg["Subject"] = spec.subject
    msg["Date"] = format_datetime(spec.date)
    msg["Message-ID"] = spec.message_id
    if spec.in_reply_to:
        msg["In-Reply-To"] = spec.in_reply_to
        msg["References"] = spec.in_reply_to
    msg["X-Mailer"] = spec.mailer
    msg.set_content(spec.body, charset="utf-8")
    if spec.html:
        msg.add_alternative(spec.html, subtype="html", charset="utf-8")
    for att in spec.attachments:
        msg.add_attachment(att.job.run(), maintype=att.maintype, subtype=att.subtype, filename=att.filename)
    digest = hashlib.sha1(spec.message_id.encode()).hexdigest()[:16]
    for n, part in enumerate(msg.walk()):
        if part.is_multipart():
            part.set_boundary(f"----=_Part_{n}_{digest}")
    return msg


def render_eml(spec: MailSpec) -> bytes:
    """The message as an .eml file."""
    return build_message(spec).as_bytes()


def render_mbox(specs: list[MailSpec]) -> bytes:
    """Several messages as one mbox (mboxrd quoting of 'From ' lines)."""
    chunks: list[bytes] = []
    for spec in specs:
        address = spec.sender.split("<")[-1].rstrip(">").strip()
        stamp = spec.date.astimezone(dt.UTC).strftime("%a %b %d %H:%M:%S %Y")
        body = build_message(spec).as_bytes()
        lines = [
            b">" + line if line.lstrip(b">").startswith(b"From ") else line for line in body.split(b"\n")
        ]
        chunks.append(f"From {address} {stamp}\n".encode() + b"\n".join(lines).rstrip(b"\n") + b"\n\n")
    return b"".join(chunks)
