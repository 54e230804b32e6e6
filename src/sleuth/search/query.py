"""Sleuth's query language, parsed here (never by a backend) into a small tree.

    oil fertiliser              both words (implicit AND: investigators expect every word)
    "heavy weapons"             the exact phrase (words in this order, nothing between)
    withdraw*                   words starting with "withdraw" (at least 2 characters)
    "oil dea*"                  a phrase whose last word is a prefix
    oil AND (deal OR trade)     AND, OR, NOT are operators only in UPPER CASE
    oil NOT draft, oil -draft   exclude documents containing "draft"
    type:pdf  kind:email        document kind (pdf, docx, email, html, text, image, ...)
    lang:ar   language:en       language code
    mime:application/pdf        MIME type; mime:image/* for a prefix
    path:letters/               a file under a folder (or named) "letters", anywhere in any of
                                its paths; path:trove.zip/letters/ for a segment sequence;
                                path:"old letters/" when a name has spaces
    entity:"Islamic State"      documents that name the entity, in any of its spellings and
                                scripts (ISIS, Daesh, داعش, ...); entity:#12 by number
    event:AGREE                 documents that tell an event of this type as fact (not denied,
                                planned or hearsay); event:REQ* for a prefix
    tag:"to check"              documents an analyst tagged so (exact, case matters)
    date:2016  date:2016-03     documents whose own date is in that year, month or day;
    date:2016-01..2016-04       a range, ends included; date:2016-03.. or date:..2015 open-ended
    *                           every document (useful with filters: * -type:image)

Binding, strongest first: NOT / -, then OR, then AND (written or implicit). So
`weapons withdrawal OR retreat` means weapons AND (withdrawal OR retreat), as in web
search engines; use parentheses when in doubt. Words, phrases and paths are matched
after `sleuth.text.normalize` (case, accents, Arabic diacritics and letter variants do
not matter: تدمر finds تَدْمُر) and split into tokens exactly as the index splits text:
a "word" with punctuation inside (al-Raqqa, 12/03/2015, a@b.org) is searched as a phrase.
Lower-case and/or/not are ordinary words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Union

from sleuth.errors import QueryError
from sleuth.text.normalize import normalize
from sleuth.text.tokens import tokenize

#: Query field name → index field.
FILTER_FIELDS = {"type": "kind", "kind": "kind", "lang": "language", "language": "language",
                 "mime": "mime", "path": "path", "entity": "entity", "event": "event", "tag": "tag",
                 "date": "date"}
#: Separators between path segments (folders, archive members "zip!/x", Windows "\").
PATH_SEPARATORS = r"[/\\!]+"
MIN_PREFIX_CHARS = 2
EXAMPLE = 'e.g. "heavy weapons" AND (Palmyra OR تدمر) -draft type:pdf'
_OPERATORS = {"AND", "OR", "NOT"}
_FILTER_RE = re.compile(r"([A-Za-z]+):(.*)", re.S)
_PATH_SPLIT_RE = re.compile(PATH_SEPARATORS)
_DATE_RE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?")
#: The date field holds YYYYMMDD; these bound an open-ended range.
NO_DATE_BEFORE, NO_DATE_AFTER = 0, 99_999_999


@dataclass(frozen=True)
class Words:
    """A word or a phrase: normalised tokens with their relative positions."""

    tokens: tuple[str, ...]
    positions: tuple[int, ...]
    prefix: bool = False  #: the last token is a prefix
    quoted: bool = False

    def __str__(self) -> str:
        body = " ".join(self.tokens) + ("*" if self.prefix else "")
        return f'"{body}"' if len(self.tokens) > 1 or self.quoted else body


@dataclass(frozen=True)
class Filter:
    """A metadata filter: field is kind, language, mime, path, event, tag, date or (until the
    case resolves it) entity. A date's value is "lo..hi", each end YYYY[-MM[-DD]] or empty."""

    field: str
    value: str  #: lower-cased value; for path, the normalised segments joined by "/"
    prefix: bool = False

    @property
    def segments(self) -> tuple[str, ...]:
        """Path segments (for the path field)."""
        return tuple(self.value.split("/")) if self.value else ()

    def __str__(self) -> str:
        return f"{self.field}:{self.value}{'*' if self.prefix else ''}"


@dataclass(frozen=True)
class And:
    """Every child matches."""

    children: tuple[Node, ...]

    def __str__(self) -> str:
        return "(" + " AND ".join(map(str, self.children)) + ")"


@dataclass(frozen=True)
class Or:
    """At least one child matches."""

    children: tuple[Node, ...]

    def __str__(self) -> str:
        return "(" + " OR ".join(map(str, self.children)) + ")"


@dataclass(frozen=True)
class Not:
    """The child does not match."""

    child: Node

    def __str__(self) -> str:
        return f"NOT {self.child}"


@dataclass(frozen=True)
class DocIds:
    """Documents by number: what an entity: filter becomes once the case has resolved it."""

    ids: frozenset[int]
    label: str = ""

    def __str__(self) -> str:
        return f"entity:{self.label}"


@dataclass(frozen=True)
class MatchAll:
    """Every document."""

    def __str__(self) -> str:
        return "*"


Node = Union[Words, Filter, DocIds, And, Or, Not, MatchAll]  # noqa: UP007 (a runtime alias)


@dataclass(frozen=True)
class ParsedQuery:
    """A parsed query: the text the user typed and its tree."""

    text: str
    root: Node

    def terms(self) -> list[Words]:
        """Words and phrases the matching documents contain (not the excluded ones), for
        highlighting."""
        found: list[Words] = []

        def walk(node: Node, negated: bool) -> None:
            if isinstance(node, Words) and not negated:
                found.append(node)
            elif isinstance(node, And | Or):
                for child in node.children:
                    walk(child, negated)
            elif isinstance(node, Not):
                walk(node.child, not negated)

        walk(self.root, False)
        return list(dict.fromkeys(found))

    def __str__(self) -> str:
        return str(self.root)


def parse_query(text: str) -> ParsedQuery:
    """Parse a query (syntax in the module docstring). Raises QueryError saying what is wrong."""
    parser = _Parser(text, _lex(text))
    root = parser.parse()
    if root is None:
        raise QueryError(f"Nothing to search for in {text!r}: the query has no words.\n"
                         f"Type one or more words, {EXAMPLE}")
    return ParsedQuery(text, root)


# --- lexer ---------------------------------------------------------------------------

@dataclass(frozen=True)
class _Lexeme:
    kind: str  # "(", ")", "AND", "OR", "NOT", "word", "phrase", "filter", "all"
    text: str
    at: int
    field: str = ""


def _lex(text: str) -> list[_Lexeme]:
    out: list[_Lexeme] = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c.isspace():
            i += 1
        elif c in "()":
            out.append(_Lexeme(c, c, i))
            i += 1
        elif c == '"':
            body, end = _quoted(text, i)
            out.append(_Lexeme("phrase", body, i))
            i = end
        elif c in "-+" and i + 1 < n and not text[i + 1].isspace():
            if c == "-":
                out.append(_Lexeme("NOT", c, i))
            i += 1
        else:
            start = i
            while i < n and not text[i].isspace() and text[i] not in '()"':
                i += 1
            word = text[start:i]
            m = _FILTER_RE.fullmatch(word)
            if word in _OPERATORS:
                out.append(_Lexeme(word, word, start))
            elif word == "*":
                out.append(_Lexeme("all", word, start))
            elif m and m.group(1).lower() in FILTER_FIELDS:
                value = m.group(2)
                if not value and i < n and text[i] == '"':
                    value, i = _quoted(text, i)
                out.append(_Lexeme("filter", value, start, field=m.group(1).lower()))
            else:
                out.append(_Lexeme("word", word, start))
    return out


def _quoted(text: str, i: int) -> tuple[str, int]:
    """The body of the quoted string opening at text[i], and the index after it."""
    end = text.find('"', i + 1)
    if end < 0:
        raise QueryError(f"Unclosed quote in {text!r} (at character {i + 1}).\n"
                         'Close the phrase with a second ", e.g. "heavy weapons"')
    return text[i + 1:end], end + 1


# --- parser --------------------------------------------------------------------------

class _Parser:
    """Recursive descent: and_expr := or_expr ([AND] or_expr)*; or_expr := unary (OR unary)*;
    unary := (NOT | -) unary | primary; primary := ( and_expr ) | word | phrase | filter | *."""

    def __init__(self, text: str, lexemes: list[_Lexeme]) -> None:
        self.text = text
        self.lexemes = lexemes
        self.i = 0

    def peek(self) -> _Lexeme | None:
        return self.lexemes[self.i] if self.i < len(self.lexemes) else None

    def fail(self, what: str, fix: str) -> QueryError:
        return QueryError(f"Cannot parse the query {self.text!r}: {what}.\n{fix}")

    def parse(self) -> Node | None:
        node = self.and_expr()
        extra = self.peek()
        if extra is not None:  # only an unmatched ")" stops and_expr early
            raise self.fail(f"unmatched ')' at character {extra.at + 1}",
                            f"Remove it or add the matching '(', {EXAMPLE}")
        return node

    def and_expr(self) -> Node | None:
        children: list[Node | None] = []
        first = True
        while (lx := self.peek()) is not None and lx.kind != ")":
            if lx.kind == "AND":
                if first:
                    raise self.fail("AND needs a word before it", f"Write it between two terms, {EXAMPLE}")
                self.i += 1
                nxt = self.peek()
                if nxt is None or nxt.kind in (")", "AND", "OR"):
                    raise self.fail("AND needs a word after it", f"Write it between two terms, {EXAMPLE}")
            elif lx.kind == "OR":
                raise self.fail("OR needs a word before it", f"Write it between two terms, {EXAMPLE}")
            children.append(self.or_expr())
            first = False
        return _combine(And, children)

    def or_expr(self) -> Node | None:
        children = [self.unary()]
        while (lx := self.peek()) is not None and lx.kind == "OR":
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "AND", "OR"):
                raise self.fail("OR needs a word after it", f"Write it between two terms, {EXAMPLE}")
            children.append(self.unary())
        return _combine(Or, children)

    def unary(self) -> Node | None:
        lx = self.peek()
        assert lx is not None
        if lx.kind == "NOT":
            self.i += 1
            nxt = self.peek()
            if nxt is None or nxt.kind in (")", "AND", "OR"):
                raise self.fail(f"{lx.text} needs a word after it",
                                "Write the term to exclude right after it, e.g. oil NOT draft or oil -draft")
            child = self.unary()
            return Not(child) if child is not None else None
        return self.primary()

    def primary(self) -> Node | None:
        lx = self.peek()
        assert lx is not None
        self.i += 1
        if lx.kind == "(":
            node = self.and_expr()
            close = self.peek()
            if close is None or close.kind != ")":
                raise self.fail(f"'(' at character {lx.at + 1} is never closed",
                                f"Add the matching ')', {EXAMPLE}")
            self.i += 1
            return node
        if lx.kind == "all":
            return MatchAll()
        if lx.kind == "filter":
            return self.filter(lx)
        return self.words(lx.text, quoted=lx.kind == "phrase")

    def words(self, raw: str, quoted: bool) -> Words | None:
        prefix = raw.rstrip().endswith("*")
        body = raw.rstrip().rstrip("*")
        if "*" in body:
            raise self.fail(f"'*' inside {raw!r}",
                            "A * works only at the end of a word (prefix search), e.g. withdraw*")
        tokens = tokenize(normalize(body))
        if not tokens:
            return None
        if prefix and len(tokens[-1].text) < MIN_PREFIX_CHARS:
            raise self.fail(f"the prefix {raw!r} is too short",
                            f"Give at least {MIN_PREFIX_CHARS} characters before *, e.g. withdraw*")
        first = tokens[0].position
        return Words(tuple(t.text for t in tokens), tuple(t.position - first for t in tokens),
                     prefix=prefix, quoted=quoted)

    def filter(self, lx: _Lexeme) -> Filter:
        field = FILTER_FIELDS[lx.field]
        value = lx.text.strip()
        if not value.rstrip("*"):
            raise self.fail(f"{lx.field}: needs a value",
                            "e.g. type:pdf, lang:ar, mime:application/pdf or path:letters/")
        prefix = value.endswith("*")
        value = value.rstrip("*")
        if field == "entity":  # resolved to documents by the case (`search.case_search`)
            return Filter(field, value.strip('"'), False)
        if field == "tag":  # as the analyst typed it
            return Filter(field, value.strip('"'), prefix)
        if field == "event":
            return Filter(field, value.upper(), prefix)
        if field == "date":
            return Filter(field, self.date_range(lx.text.strip()))
        if field == "path":
            segments = [s for s in _PATH_SPLIT_RE.split(normalize(value)) if s]
            if not segments:
                raise self.fail(f"path:{value} has no folder or file name",
                                "e.g. path:letters/ or path:trove.zip/letters/")
            prefix = prefix and not _PATH_SPLIT_RE.fullmatch(value[-1])
            return Filter(field, "/".join(segments), prefix)
        return Filter(field, value.lower(), prefix)


    def date_range(self, value: str) -> str:
        """A date filter's value as "lo..hi" (checked)."""
        lo, sep, hi = value.partition("..")
        if not sep:
            hi = lo
        try:
            date_bounds(f"{lo}..{hi}")
        except ValueError:
            fix = "e.g. date:2016, date:2016-03, date:2016-03-05 or date:2016-01..2016-04"
            raise self.fail(f"date:{value} is not a date or a range of dates", fix) from None
        return f"{lo}..{hi}"


def date_bounds(value: str) -> tuple[int, int]:
    """The first and last YYYYMMDD of a date filter's "lo..hi" (each end a year, a month or
    a day; an empty end is open). Raises ValueError for anything else."""
    lo, _, hi = value.partition("..")

    def bound(text: str, last: bool) -> int:
        if not text:
            return NO_DATE_AFTER if last else NO_DATE_BEFORE
        m = _DATE_RE.fullmatch(text)
        if m is None:
            raise ValueError(text)
        year, month, day = int(m.group(1)), m.group(2), m.group(3)
        if (month is not None and not 1 <= int(month) <= 12) or (day is not None and not 1 <= int(day) <= 31):
            raise ValueError(text)
        # YYYYMMDD as a number: 99 past the last month or day bounds "any" without calendars
        mm = int(month) if month is not None else (99 if last else 0)
        dd = int(day) if day is not None else (99 if last else 0)
        return year * 10_000 + mm * 100 + dd

    low, high = bound(lo, False), bound(hi, True)
    if low > high:
        raise ValueError(value)
    return low, high


def _combine(kind: type[And] | type[Or], children: list[Node | None]) -> Node | None:
    """Drop empty children, flatten nested nodes of the same kind, unwrap single children."""
    flat: list[Node] = []
    for child in children:
        if isinstance(child, kind):
            flat.extend(child.children)
        elif child is not None:
            flat.append(child)
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else kind(tuple(flat))
