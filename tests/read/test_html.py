"""HtmlReader: visible text with block structure, head metadata, charset handling."""

from __future__ import annotations

from pathlib import Path

import pytest

from sleuth.read.base import choose_reader
from sleuth.read.html import HtmlReader, decode_html

FIXTURES = Path(__file__).resolve().parents[2].parent / "shared" / "corpora" / "ingest-file-fixtures"


def fixture(name: str) -> Path:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path


PAGE = """<!DOCTYPE html>
<html lang="de">
<head>
  <meta charset="utf-8">
  <title>  Leaked   memo </title>
  <meta name="description" content="An internal memo">
  <meta name="author" content="A. Müller">
  <meta name="keywords" content="memo, leak">
  <meta property="og:title" content="Memo (social)">
  <meta property="article:published_time" content="2021-04-01T09:00:00Z">
  <link rel="canonical" href="https://example.org/memo">
  <style>body { color: red; }</style>
  <script>var secretScript = 1;</script>
</head>
<body>
  <h1>Memo</h1>
  <p>First   paragraph
     about the <b>transfer</b>.</p>
  <p>Second paragraph.</p>
  <ul><li>one</li><li>two</li></ul>
  <noscript>Enable JavaScript</noscript>
  <template><p>hidden template</p></template>
  <table><tr><td>cell A</td><td>cell B</td></tr></table>
  <!-- a comment -->
</body>
</html>
"""


def test_text_blocks_and_dropped_elements(tmp_path: Path, ctx) -> None:
    path = tmp_path / "memo.html"
    path.write_text(PAGE, encoding="utf-8")
    result = HtmlReader().read(path, ctx)
    assert len(result.pages) == 1
    text = result.pages[0].text
    assert text.startswith("Memo\n")
    assert "First paragraph about the transfer." in text
    assert "transfer.\n\nSecond paragraph." in text
    assert "\none\ntwo\n" in text
    assert "cell A" in text and "cell B" in text
    for hidden in ("secretScript", "color: red", "Enable JavaScript", "hidden template", "a comment"):
        assert hidden not in text
    assert "\n\n\n" not in text


def test_metadata(tmp_path: Path, ctx) -> None:
    path = tmp_path / "memo.html"
    path.write_text(PAGE, encoding="utf-8")
    meta = HtmlReader().read(path, ctx).metadata
    assert meta["title"] == ["Leaked memo"]
    assert meta["description"] == ["An internal memo"]
    assert meta["author"] == ["A. Müller"]
    assert meta["keywords"] == ["memo, leak"]
    assert meta["og_title"] == ["Memo (social)"]
    assert meta["published"] == ["2021-04-01T09:00:00Z"]
    assert meta["url"] == ["https://example.org/memo"]
    assert meta["lang"] == ["de"]


def test_meta_charset_wins_over_detection(tmp_path: Path, ctx) -> None:
    html = '<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1251">'
    html += "<title>Отчёт</title></head><body><p>Деньги переведены</p></body></html>"
    path = tmp_path / "ru.html"
    path.write_bytes(html.encode("cp1251"))
    result = HtmlReader().read(path, ctx)
    assert result.metadata["title"] == ["Отчёт"]
    assert "Деньги переведены" in result.text


def test_xml_declaration_encoding(tmp_path: Path, ctx) -> None:
    xhtml = '<?xml version="1.0" encoding="ISO-8859-1"?>\n<html xmlns="http://www.w3.org/1999/xhtml">'
    xhtml += "<body><p>Zürich Straße</p></body></html>"
    path = tmp_path / "page.xhtml"
    path.write_bytes(xhtml.encode("latin-1"))
    result = HtmlReader().read(path, ctx)
    assert "Zürich Straße" in result.text
    assert result.metadata["encoding"] == ["cp1252"]


def test_undeclared_latin1_is_detected(tmp_path: Path, ctx) -> None:
    path = tmp_path / "fr.html"
    body = "Le conseil d'administration s'est réuni à Genève le 3 février. " * 3
    body += "Les décisions concernant la société étrangère ont été reportées à l'année prochaine."
    path.write_bytes(f"<html><body><p>{body}</p></body></html>".encode("latin-1"))
    assert "Genève" in HtmlReader().read(path, ctx).text


def test_pre_keeps_line_breaks(tmp_path: Path, ctx) -> None:
    path = tmp_path / "pre.html"
    path.write_text("<body><pre>line one\nline two</pre></body>", encoding="utf-8")
    assert "line one\nline two" in HtmlReader().read(path, ctx).text


def test_decode_html_unknown_charset_falls_back() -> None:
    text, encoding = decode_html(b'<meta charset="no-such-charset"><p>plain</p>')
    assert "plain" in text
    assert encoding == "utf-8"


def test_registered_for_html() -> None:
    for mime, ext in (("text/html", ".html"), ("application/xhtml+xml", ".xhtml")):
        reader = choose_reader(mime, ext)
        assert reader is not None and reader.kind == "html", (mime, ext)


# --- real-world files -------------------------------------------------------------------------------


def test_fixture_doc_html(ctx) -> None:
    result = HtmlReader().read(fixture("doc.html"), ctx)
    assert result.metadata["title"] == ["Ingestors Title"]
    assert result.metadata["description"] == ["Ingestors description"]
    assert result.metadata["lang"] == ["en"]
    assert "Test web page." in result.text
    assert "GoogleAnalyticsObject" not in result.text
    assert "font-family" not in result.text


def test_fixture_saved_web_page(ctx) -> None:
    result = HtmlReader().read(fixture("EDRM Micro Datasets « EDRM.htm"), ctx)
    assert result.metadata["title"] == ["EDRM Micro Datasets « EDRM"]
    assert result.metadata["url"] == ["http://www.edrm.net/micro-datasets"]
    assert "EDRM Micro Datasets" in result.text
    assert "_wpemojiSettings" not in result.text


def test_fixture_near_empty_page(ctx) -> None:
    result = HtmlReader().read(fixture("empty_5_doc_pages.html"), ctx)
    assert len(result.pages) == 1
    assert result.pages[0].text.strip() == ""
