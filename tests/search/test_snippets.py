"""Snippets show the original text, with the page, and the searched words marked."""

from __future__ import annotations

from sleuth.search.snippets import make_snippets

TEXT = ("Cover page.\fالأمر: سحب الأسلحة الثَّقيلة من تَدْمُر قبل وصول الجيش\f"
        "Oil for fertiliser: the Régime's deal. " + "Filler words here. " * 40 + "Oil again.")


def test_arabic_match_is_marked_in_the_original_spelling() -> None:
    [snippet] = make_snippets(TEXT, "تدمر")
    assert snippet.page == 2
    assert "«تَدْمُر»" in snippet.render("plain")


def test_accent_insensitive_match_shows_the_accent() -> None:
    snippet = make_snippets(TEXT, "regime")[0]
    assert snippet.page == 3
    assert "«Régime»" in snippet.render("plain")


def test_phrase_marked_as_a_whole() -> None:
    snippet = make_snippets(TEXT, '"الاسلحه الثقيله"')[0]
    assert "«الأسلحة الثَّقيلة»" in snippet.render("plain")


def test_html_rendering_escapes_text() -> None:
    snippet = make_snippets("a <script> oil </script>", "oil")[0]
    assert snippet.render("html") == "a &lt;script&gt; <mark>oil</mark> &lt;/script&gt;"


def test_no_match_gives_the_start_of_the_document() -> None:
    snippet = make_snippets(TEXT, "absent")[0]
    assert snippet.page == 1 and snippet.text.startswith("Cover page")
