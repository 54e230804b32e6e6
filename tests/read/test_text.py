"""Plain text in the encodings leaked files come in."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleuth.errors import CorruptError
from sleuth.read.text import TextReader, decode_bytes

GERMAN = ("Die Bevölkerung von Süderhastedt und Flensburg wächst; die Größe der Gemeinden "
          "ändert sich nur langsam, heißt es im Bericht über die Zählung. ") * 3
ARABIC = "أمر بسحب الأسلحة الثقيلة من المدينة قبل وصول الجيش، وإخلاء المقرات خلال ثلاثة أيام. " * 3


@pytest.mark.parametrize(("text", "encoding"), [
    (GERMAN, "mac_roman"),
    (GERMAN, "cp1252"),
    (ARABIC, "cp1256"),
    (ARABIC, "utf-16"),
    (ARABIC, "utf-8-sig"),
])
def test_legacy_encodings_are_detected(text: str, encoding: str) -> None:
    decoded, _ = decode_bytes(text.encode(encoding))
    assert decoded.strip("\ufeff") == text


def test_reader_keeps_one_page_and_unifies_newlines(tmp_path: Path, ctx) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "notes.txt"
    path.write_bytes(b"line one\r\nline two\rline three")
    result = TextReader().read(path, ctx)
    assert [p.text for p in result.pages] == ["line one\nline two\nline three"]
    assert result.metadata["encoding"] == ["utf-8"]


def test_binary_content_is_refused(tmp_path: Path, ctx) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "fake.txt"
    path.write_bytes(b"MZ\x90\x00\x03\x00\x00\x00" * 100)
    with pytest.raises(CorruptError):
        TextReader().read(path, ctx)
