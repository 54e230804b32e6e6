"""Find gazetteer aliases in text, in both scripts, the way a reader would recognise them.

Text and aliases are compared as sequences of word keys: normalised (`sleuth.text.normalize`:
case, accents, Arabic diacritics, hamza and ta marbuta folded), with apostrophes inside
transliterated words dropped (Hay'at = Hayat, Mu'adh = Muadh; a possessive 's stays apart).

- Latin articles (al-, el-, and the assimilated ar-, as-, ash-, at-, ad-, an-, az-, ... when
  joined by a hyphen) are not compared, so al-Raqqa, ar-Raqqa, Raqqa and Deir ez-Zor /
  Deir al-Zor line up. An alias written with a leading article ("al-Bab") requires one.
- Arabic clitics before a name are peeled off: و ف (and), ب ك ل (in, as, for), and لل for
  ل + ال: وبالرقة and للدولة الإسلامية find الرقة and الدولة الإسلامية.
- A clitic is not peeled off a word that is common as it stands (فاطمة is not ف + أطمة).
- Case: a word the alias capitalises must be capitalised in the text (so "turkey" the
  bird is not Turkey), except generic words inside a longer alias (the Syrian army); an
  acronym (IS, SAA, US) must be written in capitals, and not inside a run of capitals (a
  shouted headline).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sleuth.extract.gazetteer import Entry, Gazetteer
from sleuth.text.normalize import normalize_with_offsets
from sleuth.text.tokens import tokenize

#: Latin renderings of the Arabic article; `al` and `el` are articles wherever they stand.
FREE_ARTICLES = frozenset({"al", "el"})
#: Assimilated forms, articles only when joined to the next word by a hyphen.
HYPHEN_ARTICLES = frozenset({"ar", "as", "ash", "at", "ath", "ad", "adh", "an", "az", "ed", "er", "es", "ez",
                             "en", "ul", "ud", "un", "us", "ut", "uz", "l"})
HYPHENS = frozenset("-‐‑–")
LEADING_WORDS = frozenset({"the"})
_APOSTROPHES = "'’ʿʾ`‘"
_INNER_APOSTROPHE = re.compile(rf"(?<=[^\W\d_])[{_APOSTROPHES}](?=[^\W\d_])(?!s\b)")
# Letters a case test can use: Latin, Greek, Cyrillic.
_CASED = re.compile(r"[A-Za-zÀ-ɏͰ-ϿЀ-ӿ]")

ANY, CAPITAL, EXACT = 0, 1, 2
# A word with a clitic this common as it stands (Zipf scale) is a word of its own.
CLITIC_MAX_ZIPF = 3.3


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a text, ready for matching."""

    key: str  # normalised, apostrophes dropped
    start: int  # span in the original text
    end: int
    original: str
    article: bool  # a Latin article that is not compared


@dataclass(slots=True)
class AliasInfo:
    """What one sequence of word keys names."""

    keys: tuple[str, ...]
    entries: list[str]
    alias: str  # a display form of the alias (the gazetteer's spelling)
    case: list[int]  # per word: ANY, CAPITAL or EXACT
    article_required: bool
    weak: bool
    uncurated: bool = False       # only world-cities entries have it


@dataclass(frozen=True, slots=True)
class AliasMatch:
    """An alias found in a text: its span in the original and the entries it can name."""

    start: int
    end: int
    entries: tuple[str, ...]
    alias: str
    weak: bool


@dataclass
class AliasMatcher:
    """An index of word-key sequences, longest first under each first word."""

    index: dict[str, list[AliasInfo]] = field(default_factory=dict)

    @classmethod
    def from_gazetteer(cls, gazetteer: Gazetteer) -> AliasMatcher:
        """Index every name and alias of every entry (weak aliases flagged)."""
        matcher = cls()
        curated: set[tuple[str, ...]] = set()
        layered = sorted(gazetteer, key=lambda e: e.layer == "geonames")  # curated first
        for entry in layered:
            weak = {_key_of(a) for a in entry.weak}
            for alias in entry.names():
                if _key_of(alias) not in weak:  # a canonical name listed as weak is weak
                    matcher.add(alias, entry, weak=False, curated=curated)
            for alias in entry.weak:
                matcher.add(alias, entry, weak=True, curated=curated)
        for infos in matcher.index.values():
            infos.sort(key=lambda i: len(i.keys), reverse=True)
        return matcher

    def add(self, alias: str, entry: Entry, weak: bool, curated: set[tuple[str, ...]] | None = None) -> None:
        """Index one alias of an entry."""
        parsed = _alias_words(alias, keep_the=weak)
        if parsed is None:
            return
        keys, case, article = parsed
        if len(keys) == 1 and case[0] != EXACT and keys[0] in _reserved():
            return  # آبو (Apo) is أبو once normalised: a kunya word names nobody by itself
        if curated is not None:
            if entry.layer != "geonames":
                curated.add(keys)
            elif keys in curated:
                return  # a curated entry owns this name
        bucket = self.index.setdefault(keys[0], [])
        uncurated = entry.layer == "geonames"
        for info in bucket:
            if info.keys == keys and info.weak == weak:
                if entry.id not in info.entries:
                    info.entries.append(entry.id)
                info.case = [min(a, b) for a, b in zip(info.case, case, strict=True)]
                info.article_required = info.article_required and article
                info.uncurated = info.uncurated and uncurated
                return
        bucket.append(AliasInfo(keys, [entry.id], alias, case, article, weak, uncurated))

    def find(self, text: str) -> list[AliasMatch]:
        """Every alias occurrence, overlapping ones included (the caller picks)."""
        return self.find_words(text_words(text))

    def find_words(self, words: list[Word]) -> list[AliasMatch]:
        """`find` over words already made by `text_words`."""
        content = [i for i, w in enumerate(words) if not w.article]
        found: list[AliasMatch] = []
        for ci, wi in enumerate(content):
            word = words[wi]
            for variant, cut in _variants(word.key):
                for info in self.index.get(variant, ()):
                    if cut and not variant.startswith("ال") and (info.uncurated or _everyday(word.key)):
                        continue  # فاطمة is not ف + أطمة
                    match = self._match(info, words, content, ci, cut)
                    if match is not None:
                        found.append(match)
                        break
        return found

    def _match(
        self, info: AliasInfo, words: list[Word], content: list[int], ci: int, cut: int
    ) -> AliasMatch | None:
        n = len(info.keys)
        if ci + n > len(content):
            return None
        for k in range(1, n):
            if words[content[ci + k]].key != info.keys[k]:
                return None
        first, last = content[ci], content[ci + n - 1]  # only articles lie between them
        for k in range(n):
            if not _case_ok(info.case[k], words, content[ci + k], cut if k == 0 else 0):
                return None
        start = words[first].start + cut
        has_article = first > 0 and words[first - 1].article and cut == 0
        if info.article_required and not has_article:
            return None
        if has_article:
            start = words[first - 1].start
        return AliasMatch(start, words[last].end, tuple(info.entries), info.alias, info.weak)


def build_matcher(entries: Iterable[Entry]) -> AliasMatcher:
    """A matcher over some entries (tests, small gazetteers)."""
    return AliasMatcher.from_gazetteer(Gazetteer(entries))


def text_words(text: str) -> list[Word]:
    """The words of a text with their keys and original spans; Latin articles flagged."""
    norm, offsets = normalize_with_offsets(text)
    norm, offsets = _drop_inner_apostrophes(norm, offsets)
    tokens = tokenize(norm)
    words: list[Word] = []
    for n, t in enumerate(tokens):
        start, end = offsets[t.start], offsets[t.end - 1] + 1
        key = t.text
        article = False
        if n + 1 < len(tokens) and (
            key in FREE_ARTICLES or (key in HYPHEN_ARTICLES and end < len(text) and text[end] in HYPHENS)
        ):
            article = True
        words.append(Word(key, start, end, text[start:end], article))
    return words


def _drop_inner_apostrophes(norm: str, offsets: list[int]) -> tuple[str, list[int]]:
    if not any(a in norm for a in _APOSTROPHES):
        return norm, offsets
    keep = [True] * len(norm)
    for m in _INNER_APOSTROPHE.finditer(norm):
        keep[m.start()] = False
    return (
        "".join(c for c, k in zip(norm, keep, strict=True) if k),
        [o for o, k in zip(offsets, keep, strict=True) if k],
    )


def _key_of(alias: str) -> tuple[str, ...] | None:
    parsed = _alias_words(alias)
    return parsed[0] if parsed else None


def _alias_words(alias: str, keep_the: bool = False) -> tuple[tuple[str, ...], list[int], bool] | None:
    """Keys, case rules and whether a leading article is required, for one alias. A weak
    alias keeps its "the": "the caliphate" is the Islamic State, "a caliphate" is not."""
    words = text_words(alias)
    while not keep_the and words and words[0].key in LEADING_WORDS and len(words) > 1:
        words = words[1:]
    article = bool(words) and words[0].article
    content = [w for w in words if not w.article]
    if not content:
        return None
    generic = _generic_words() if len(content) > 1 else frozenset()
    case = [ANY if w.key in generic and n > 0 else _case_rule(w.original) for n, w in enumerate(content)]
    return tuple(w.key for w in content), case, article


@lru_cache(maxsize=1)
def _reserved() -> frozenset[str]:
    """Words of the name rules that no one-word alias may be: kunya, nasab, titles, stop words."""
    from sleuth.extract.names import load_rules

    r = load_rules()
    return r.kunya | r.nasab | r.titles | r.stop


@lru_cache(maxsize=1)
def _generic_words() -> frozenset[str]:
    from sleuth.extract.names import load_rules

    return load_rules().generic


@lru_cache(maxsize=100_000)
def _everyday(word: str) -> bool:
    """An Arabic word common enough in print (or a given name) that a clitic before it is
    more likely part of it: فاطمة is not ف + أطمة, فصيلة not ف + صيلة."""
    from wordfreq import zipf_frequency

    from sleuth.extract.names import load_rules

    rules = load_rules()
    if word in rules.given or word in rules.given_ambiguous:
        return True
    return zipf_frequency(word, "ar") >= CLITIC_MAX_ZIPF


def _case_rule(word: str) -> int:
    letters = _CASED.findall(word)
    if not letters:
        return ANY
    if len(letters) >= 2 and all(ch.isupper() for ch in letters):
        return EXACT
    return CAPITAL if letters[0].isupper() else ANY


def _case_ok(rule: int, words: list[Word], i: int, cut: int) -> bool:
    if rule == ANY:
        return True
    original = words[i].original[cut:] if cut else words[i].original
    letters = _CASED.findall(original)
    if not letters:
        return True  # Arabic and other uncased scripts
    if rule == CAPITAL:
        return letters[0].isupper()
    if not all(ch.isupper() for ch in letters):
        return False
    # An acronym inside a run of capitals is a shouted headline, not the acronym.
    return not any(_shouting(words[j].original) for j in (i - 1, i + 1) if 0 <= j < len(words))


def _shouting(word: str) -> bool:
    letters = _CASED.findall(word)
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def _variants(key: str) -> list[tuple[str, int]]:
    """The word, and the word with Arabic clitics peeled off, with how many letters were cut."""
    out = [(key, 0)]
    if len(key) < 4 or not ("\u0600" <= key[0] <= "\u06ff"):
        return out
    stems = [(key, 0)]
    if key[0] in "وف":
        stems.append((key[1:], 1))
    for stem, cut in list(stems):
        if len(stem) >= 4 and stem[0] in "بكل":
            if stem.startswith("لل"):
                stems.append(("ا" + stem[1:], cut + 1))
            stems.append((stem[1:], cut + 1))
    for stem, cut in stems[1:]:
        out.append((stem, cut))
    return out
