"""The query language: what users type, and the errors they get."""

from __future__ import annotations

import pytest

from sleuth.errors import QueryError
from sleuth.search.query import And, Filter, MatchAll, Not, Or, Words, parse_query


def test_implicit_and_and_operator_precedence() -> None:
    root = parse_query("weapons withdrawal OR retreat").root
    assert isinstance(root, And)
    assert isinstance(root.children[1], Or)


def test_phrase_prefix_and_normalisation() -> None:
    root = parse_query('"Heavy Weapons" withdr*').root
    assert isinstance(root, And)
    phrase, prefix = root.children
    assert isinstance(phrase, Words) and phrase.tokens == ("heavy", "weapons")
    assert isinstance(prefix, Words) and prefix.prefix and prefix.tokens == ("withdr",)


def test_arabic_word_is_normalised_like_the_index() -> None:
    root = parse_query("تَدْمُر").root
    assert isinstance(root, Words) and root.tokens == ("تدمر",)


def test_negation_and_filters() -> None:
    root = parse_query("oil -draft type:PDF lang:ar path:trove.zip/letters/").root
    assert isinstance(root, And)
    kinds = [type(c) for c in root.children]
    assert kinds == [Words, Not, Filter, Filter, Filter]
    flt = root.children[2]
    assert isinstance(flt, Filter) and (flt.field, flt.value) == ("kind", "pdf")
    path = root.children[4]
    assert isinstance(path, Filter) and path.segments == ("trove.zip", "letters")


def test_star_alone_matches_everything() -> None:
    assert isinstance(parse_query("*").root, MatchAll)


def test_lowercase_operators_are_words() -> None:
    root = parse_query("oil and gas").root
    assert isinstance(root, And) and len(root.children) == 3


@pytest.mark.parametrize("bad", ["", "   ", "(oil", "oil)", '"unclosed', "w*rd", "a*", "type:", "AND"])
def test_bad_queries_say_what_is_wrong(bad: str) -> None:
    with pytest.raises(QueryError) as info:
        parse_query(bad)
    assert len(str(info.value)) > 20
