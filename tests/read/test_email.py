"""E-mail reader: .eml messages and .mbox mailboxes."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest

from sleuth.read.email import EmailReader

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "ingest-file-fixtures"


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path


def make_message(subject: str = "Quarterly figures") -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Alice Example <alice@example.org>"
    msg["To"] = "bob@example.org, Carol <carol@example.org>"
    msg["Cc"] = "dave@example.org"
    msg["Subject"] = subject
    msg["Date"] = "Tue, 06 Jun 2017 17:24:50 +0200"
    msg["Message-ID"] = "<abc@example.org>"
    msg["In-Reply-To"] = "<parent@example.org>"
    msg.set_content("Please find the figures attached.\n")
    msg.add_alternative("<html><body><p>HTML version</p></body></html>", subtype="html")
    return msg


def test_eml_headers_body_and_metadata(tmp_path: Path, ctx) -> None:
    msg = make_message()
    msg.add_attachment(b"secret ledger", maintype="application", subtype="octet-stream",
                       filename="ledger.xlsx")
    msg.add_attachment(b"\x00\x01raw", maintype="application", subtype="octet-stream")
    path = tmp_path / "m.eml"
    path.write_bytes(msg.as_bytes())

    result = EmailReader().read(path, ctx)

    header, body = result.text.split("\n\n", 1)
    assert header.splitlines() == [
        "From: Alice Example <alice@example.org>",
        "To: bob@example.org, Carol <carol@example.org>",
        "Cc: dave@example.org",
        "Date: Tue, 06 Jun 2017 17:24:50 +0200",
        "Subject: Quarterly figures",
    ]
    assert body == "Please find the figures attached."  # text/plain preferred over HTML
    assert result.metadata["from"] == ["Alice Example <alice@example.org>"]
    assert result.metadata["to"] == ["bob@example.org", "Carol <carol@example.org>"]
    assert result.metadata["cc"] == ["dave@example.org"]
    assert result.metadata["date"] == ["2017-06-06T17:24:50+02:00"]
    assert result.metadata["message_id"] == ["<abc@example.org>"]
    assert result.metadata["in_reply_to"] == ["<parent@example.org>"]
    names = [c[0] for c in ctx.children]
    assert names == ["ledger.xlsx", "attachment-2.bin"]
    assert ctx.children[0][1].read_bytes() == b"secret ledger"
    assert ctx.children[0][1].parent == tmp_path


def test_html_only_body_is_converted(tmp_path: Path, ctx) -> None:
    msg = EmailMessage()
    msg["Subject"] = "html"
    msg.set_content("<html><head><style>p{}</style></head><body><p>Hello <b>there</b></p></body></html>",
                    subtype="html")
    path = tmp_path / "h.eml"
    path.write_bytes(msg.as_bytes())
    text = EmailReader().read(path, ctx).text
    assert "Hello" in text and "there" in text
    assert "<b>" not in text and "p{}" not in text


def test_undecodable_parts_do_not_crash(tmp_path: Path, ctx) -> None:
    raw = (
        b"From: x@example.org\r\nSubject: broken\r\nMIME-Version: 1.0\r\n"
        b"Content-Type: multipart/mixed; boundary=BB\r\n\r\n"
        b"--BB\r\nContent-Type: text/plain; charset=x-no-such-charset\r\n"
        b"Content-Transfer-Encoding: base64\r\n\r\n!!!not base64\xff\xfe\r\n"
        b"--BB\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n"
        b"=ZZ=\r\n--BB--\r\n"
    )
    path = tmp_path / "broken.eml"
    path.write_bytes(raw)
    result = EmailReader().read(path, ctx)
    assert result.metadata["subject"] == ["broken"]
    assert [c[0] for c in ctx.children] == ["attachment-1.bin"]


def test_mbox_messages_become_children(tmp_path: Path, ctx) -> None:
    path = tmp_path / "box.mbox"
    box = mailbox.mbox(str(path))
    box.add(make_message("first"))
    box.add(make_message("second"))
    box.flush()
    box.close()

    result = EmailReader().read(path, ctx)

    assert [c[0] for c in ctx.children] == ["message-1.eml", "message-2.eml"]
    assert b"Subject: second" in ctx.children[1][1].read_bytes()
    assert "first" in result.text and "second" in result.text
    assert result.metadata["messages"] == ["2"]


def test_real_multipart_mixed(ctx) -> None:
    result = EmailReader().read(fixture("email_multipart_mixed.eml"), ctx)
    assert result.metadata["subject"] == ["Multipart mixed"]
    assert "This is the first part (plaintext)" in result.text
    assert "This is the third part (plaintext)" in result.text


def test_real_html_only(ctx) -> None:
    result = EmailReader().read(fixture("email_strip_markup.eml"), ctx)
    assert result.metadata["subject"] == ["HTML only"]
    assert "HTML" in result.text and "<" not in result.text.split("\n\n", 1)[1]


def test_real_attached_message(ctx) -> None:
    result = EmailReader().read(fixture("email_attached_plaintext.eml"), ctx)
    assert result.metadata["subject"] == ["This message has an email attachment"]
    assert "This is the body of the email that contains the attachment." in result.text
    assert [c[0] for c in ctx.children] == ["attachment-1.eml"]
    assert b"This is the body of a plaintext message." in ctx.children[0][1].read_bytes()


def test_real_thunderbird(ctx) -> None:
    result = EmailReader().read(fixture("testThunderbirdEml.eml"), ctx)
    assert result.metadata["subject"] == ["JUnit test message"]
    assert result.metadata["date"] == ["2012-11-21T21:11:32+01:00"]
    assert result.metadata["from"] == ["Vladimir L. <vladimir_l@example.com>"]


def test_real_mbox(ctx) -> None:
    result = EmailReader().read(fixture("plan.mbox"), ctx)
    assert [c[0] for c in ctx.children] == ["message-1.eml"]
    assert "Re: Our friends has a good plan" in result.text


def test_single_message_with_from_line_is_read_directly(tmp_path: Path, ctx) -> None:
    blob = tmp_path / "0123abcd"  # content-addressed blob: no .mbox/.eml suffix
    blob.write_bytes(b"From alice@example.org Tue Jun  6 17:24:50 2017\n" + make_message("solo").as_bytes())
    result = EmailReader().read(blob, ctx)
    assert result.metadata["subject"] == ["solo"]
    assert ctx.children == []


def test_real_mbox_as_blob(tmp_path: Path, ctx) -> None:
    blob = tmp_path / "0123abcd"
    blob.write_bytes(fixture("plan.mbox").read_bytes())
    result = EmailReader().read(blob, ctx)
    assert result.metadata["subject"] == ["Re: Our friends has a good plan"]
    assert "Dzmitry Lahoda" in result.metadata["from"][0]
