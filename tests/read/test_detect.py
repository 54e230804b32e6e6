"""MIME detection: content first, the name where content is ambiguous."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleuth.read.detect import detect_mime


@pytest.mark.parametrize(("name", "body", "mime"), [
    ("ledger.csv", 'name,comment\nAbu X,"<script>alert(1)</script>"\n', "text/csv"),
    ("note.txt", "A note.\n<img src=x onerror=alert(1)> and more\n", "text/plain"),
    ("page.html", "<html><body><p>hello</p></body></html>", "text/html"),
    # a file that is HTML stays HTML whatever its name says
    ("saved.txt", "<!doctype html><html><head><title>x</title></head><body>hi</body></html>", "text/html"),
])
def test_quoted_markup_does_not_make_a_file_html(tmp_path: Path, name: str, body: str, mime: str) -> None:
    path = tmp_path / name
    path.write_text(body, encoding="utf-8")
    assert detect_mime(path) == mime
