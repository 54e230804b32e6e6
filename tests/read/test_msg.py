"""Outlook .msg reader (olefile)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleuth.errors import CorruptError
from sleuth.read.msg import MsgReader

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "ingest-file-fixtures"


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path


def test_real_outlook_msg(ctx) -> None:
    result = MsgReader().read(fixture("piste.msg"), ctx)
    assert result.metadata["subject"] == ["Ab auf die Piste!"]
    assert result.metadata["from"] == ["GMX Magazin <mailings@gmxnet.de>"]
    assert result.metadata["to"] == ["Alle Mitglieder von GMX"]
    assert result.metadata["date"] == ["2010-11-28T23:42:18+01:00"]
    lines = result.text.splitlines()
    assert lines[0] == "From: GMX Magazin <mailings@gmxnet.de>"
    assert "Subject: Ab auf die Piste!" in lines
    assert "GMX Magazin" in result.text.split("\n\n", 1)[1]
    assert ctx.children == []


def test_rfc822_saved_as_msg(ctx) -> None:
    result = MsgReader().read(fixture("fnf.msg"), ctx)
    assert result.metadata["subject"] == ["Innovationskongress 2017 - Do., 29. Juni - 09 Uhr"]
    assert [c[0] for c in ctx.children] == ["7b2fd116582e4b66be0451b4755fff1d.png"]


def test_not_ole(tmp_path: Path, ctx) -> None:
    path = tmp_path / "x.msg"
    path.write_bytes(b"\x00\x01\x02 garbage")
    with pytest.raises(CorruptError):
        MsgReader().read(path, ctx)


def test_ole_but_not_a_message(ctx) -> None:
    with pytest.raises(CorruptError, match="not an Outlook message"):
        MsgReader().read(fixture("doc.doc"), ctx)


class FakeOle:
    """Stands in for olefile.OleFileIO: a dict of stream path -> bytes."""

    def __init__(self, streams: dict[str, bytes]) -> None:
        self.streams = streams

    def exists(self, name: str) -> bool:
        return name in self.streams

    def openstream(self, path: list[str]) -> object:
        import io

        return io.BytesIO(self.streams["/".join(path)])

    def listdir(self, streams: bool = True, storages: bool = False) -> list[list[str]]:
        return [name.split("/") for name in self.streams]


def utf16(text: str) -> bytes:
    return text.encode("utf-16-le")


def test_properties_and_attachments(ctx) -> None:
    ole = FakeOle({
        "__substg1.0_0037001F": utf16("Wire transfer"),
        "__substg1.0_0C1A001F": utf16("Alice"),
        "__substg1.0_0C1F001E": b"alice@example.org\x00",
        "__substg1.0_0E04001F": utf16("Bob; Carol"),
        "__substg1.0_1000001E": b"Transfer approved.\x00",
        "__attach_version1.0_#00000000/__substg1.0_3707001F": utf16("invoice.pdf"),
        "__attach_version1.0_#00000000/__substg1.0_37010102": b"%PDF-1.4 data",
        "__attach_version1.0_#00000001/__substg1.0_3704001F": utf16("short.txt"),
        "__attach_version1.0_#00000001/__substg1.0_37010102": b"hello",
        "__attach_version1.0_#00000002/__substg1.0_37010102": b"nameless",
    })
    result = MsgReader()._read(ole, ctx)
    assert result.metadata["subject"] == ["Wire transfer"]
    assert result.metadata["from"] == ["Alice <alice@example.org>"]
    assert result.metadata["to"] == ["Bob", "Carol"]
    assert result.text.endswith("\n\nTransfer approved.")
    assert [c[0] for c in ctx.children] == ["invoice.pdf", "short.txt", "attachment-3.bin"]
    assert ctx.children[0][1].read_bytes() == b"%PDF-1.4 data"
