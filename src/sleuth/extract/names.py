"""Rules for the names a gazetteer cannot know: invented kunyas, clerks, companies.

Arabic and English names have structure a rule can use (word lists in data/rules.yaml and
data/given_names.yaml; how to extend them in docs/gazetteer.md):

- kunya: Abu / Umm / أبو / أم + a name, then any nisba (al-Raqqawi, الرقاوي): a person.
- nasab: a name + bin / ibn / بن / ابن + a name (repeated), then the family name: a person.
- a title or rank (Sheikh, General, الشيخ, اللواء, spokesman) before a name: a person.
- a known given name followed by more name words (Majed Khalid al-Jasim): a person.
- a form label for a person (Name:, Recommended by:, الاسم:, التزكية:): the value is a person.
- organisations: an English run of capitalised words that ends in a word like Company,
  Ministry, Brigade or Front; an Arabic head noun (شركة, ديوان, كتيبة, ولاية ...) and the
  words that complete it.

A run of name words stops at punctuation, a line break, a digit, a stop word, or (in
English) a word in lower case that is not a name particle (al, bin, de, van ...).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from sleuth.extract.matcher import Word
from sleuth.extract.mention import Mention
from sleuth.text.normalize import normalize

MAX_NAME_WORDS = 6
MAX_ORG_WORDS = 6
# Characters that may stand between two words of one name.
_JOINERS = frozenset(" \t-‐‑'’ʿʾ`")


@dataclass(frozen=True)
class NameRules:
    """The word lists, normalised, as sets."""

    titles: frozenset[str]
    titles_ar2: frozenset[tuple[str, str]]  # two-word Arabic titles (ولي العهد, آية الله)
    kunya: frozenset[str]
    nasab: frozenset[str]
    particles: frozenset[str]
    org_tails: frozenset[str]
    org_heads_ar: frozenset[str]
    org_heads_en: frozenset[tuple[str, ...]]
    org_tails_ar: frozenset[str]
    person_labels: frozenset[tuple[str, ...]]
    stop: frozenset[str]
    given: frozenset[str]
    given_ambiguous: frozenset[str]
    generic: frozenset[str]


@lru_cache(maxsize=1)
def rules_data() -> dict[str, Any]:
    """data/rules.yaml as parsed (also read by `link.keys` for its organisation concepts)."""
    data = resources.files("sleuth.extract").joinpath("data", "rules.yaml").read_text(encoding="utf-8")
    return dict(yaml.safe_load(data))


@lru_cache(maxsize=1)
def given_name_entries() -> tuple[dict[str, Any], ...]:
    """data/given_names.yaml's entries (also read by `link.keys` for its name ids)."""
    names_file = resources.files("sleuth.extract").joinpath("data", "given_names.yaml")
    if not names_file.is_file():
        return ()
    return tuple(yaml.safe_load(names_file.read_text(encoding="utf-8")).get("given_names", []))


@lru_cache(maxsize=1)
def load_rules() -> NameRules:
    """The shipped word lists (data/rules.yaml, data/given_names.yaml)."""
    rules = rules_data()
    given: set[str] = set()
    ambiguous: set[str] = set()
    for item in given_name_entries():
        spellings = [normalize(s) for s in [item.get("ar"), *(item.get("en") or [])] if s]
        (ambiguous if item.get("ambiguous") else given).update(s.replace("'", "") for s in spellings)

    def words(key: str) -> list[str]:
        value = rules.get(key) or {}
        lists = value.values() if isinstance(value, dict) else [value]
        return [normalize(str(w)) for ws in lists for w in ws]

    def phrases(values: Iterable[str]) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(v.replace("-", " ").split()) for v in values if v.strip())

    titles = words("titles")
    return NameRules(
        titles=frozenset(t for t in titles if " " not in t),
        titles_ar2=frozenset(p for p in phrases(titles) if len(p) == 2),
        kunya=frozenset(words("kunya")),
        nasab=frozenset(words("nasab")),
        particles=frozenset(words("particles")),
        org_tails=frozenset(words("org_tails")),
        org_heads_ar=frozenset(normalize(w) for w in (rules.get("org_heads") or {}).get("ar", [])),
        org_heads_en=phrases(normalize(w) for w in (rules.get("org_heads") or {}).get("en", [])),
        org_tails_ar=frozenset(normalize(w) for w in rules.get("org_tails_ar") or []),
        person_labels=phrases(words("person_labels")),
        stop=frozenset(words("stop")),
        given=frozenset(given),
        given_ambiguous=frozenset(ambiguous),
        generic=frozenset(words("generic_words")),
    )


def find_names(text: str, words: list[Word], rules: NameRules | None = None) -> list[Mention]:
    """PERSON and ORG mentions found by the rules (overlapping candidates included)."""
    r = rules or load_rules()
    finder = _Finder(text, words, r)
    return finder.run()


class _Finder:
    def __init__(self, text: str, words: list[Word], rules: NameRules) -> None:
        self.text = text
        self.r = rules
        self.words = [self._peel(w) for w in words]
        self.arabic = [bool(w.key) and "\u0600" <= w.key[0] <= "\u06ff" for w in words]
        self.out: list[Mention] = []
        self.next_free = 0

    # -- helpers -----------------------------------------------------------------------

    def _peel(self, w: Word) -> Word:
        """An Arabic word with the conjunction و or ف before a name word, without it:
        وأبو إبراهيم is و + أبو إبراهيم."""
        key = w.key
        if len(key) > 2 and key[0] in "وف" and "\u0600" <= key[0] <= "\u06ff":
            bare = key[1:]
            r = self.r
            if bare in r.kunya or bare in r.titles or bare in r.org_heads_ar or (
                    bare in r.given and key not in r.given):
                return Word(bare, w.start + 1, w.end, w.original[1:], w.article)
        return w

    def joined(self, i: int) -> bool:
        """Word i follows word i-1 with only a space or hyphen between them."""
        if i <= 0:
            return False
        gap = self.text[self.words[i - 1].end : self.words[i].start]
        return len(gap) <= 3 and all(ch in _JOINERS for ch in gap)

    def _abbreviated(self, i: int) -> bool:
        """Word i is an abbreviated title followed by its name (Lt. Gen. Prosper Avril)."""
        gap = self.text[self.words[i].end:self.words[i + 1].start]
        return gap in (". ", ".")

    def _line_break(self, i: int) -> bool:
        gap = self.text[self.words[i - 1].end:self.words[i].start]
        return gap.count("\n") == 1 and gap.strip() == ""

    def cap(self, i: int) -> bool:
        first = self.words[i].original[:1]
        return first.isupper()

    def after_label(self, i: int) -> bool:
        """Word i is the first word after a 'Label:' that names a person."""
        if i == 0:
            return False
        gap = self.text[self.words[i - 1].end : self.words[i].start]
        if ":" not in gap:
            return False
        for n in (3, 2, 1):
            if i - n >= 0 and tuple(w.key for w in self.words[i - n : i]) in self.r.person_labels:
                return True
        return False

    def emit(self, first: int, last: int, etype: str, score: float) -> None:
        if first > 0 and self.words[first - 1].article and self.joined(first):
            first -= 1  # al-Badia Trading Company: the article belongs to the name
        self.next_free = max(self.next_free, last + 1)
        start, end = self.words[first].start, self.words[last].end
        self.out.append(Mention(start, end, self.text[start:end], etype, "rule", score=score))

    # -- runs --------------------------------------------------------------------------

    def latin_run(self, i: int, limit: int = MAX_NAME_WORDS) -> int:
        """Index of the last word of an English name run starting at i (i - 1 if none)."""
        last = i - 1
        j = i
        while j < len(self.words) and j - i < limit:
            w = self.words[j]
            if j > i and not self.joined(j):
                break
            if self.arabic[j] or w.key.isdigit():
                break
            if w.key in self.r.particles or w.article:
                j += 1
                continue
            if not self.cap(j) or (w.key in self.r.stop and w.key not in self.r.given):
                break
            last = j
            j += 1
        return last

    def arabic_run(self, i: int, limit: int = MAX_NAME_WORDS) -> int:
        """Last word of an Arabic name starting at i: a given name (or an عبد compound),
        then father's names (after بن or not, at most two), then at most two family names
        (ال...). A word without ال after a family name ends the name."""
        words, r = self.words, self.r
        last = i - 1
        j = i
        family = 0
        names = 0
        while j < len(words) and j - i < limit:
            w = words[j]
            if (j > i and not self.joined(j)) or not self.arabic[j]:
                break
            key = w.key
            if key in r.stop or key in r.titles or key in r.org_heads_ar or key in r.kunya:
                break
            if key in r.nasab:
                if j == i or family or j + 1 >= len(words) or not self.joined(j + 1):
                    break
                j += 1
                continue
            compound = key == "عبد" and j + 1 < len(words) and self.joined(j + 1)
            if key.startswith("ال") and not compound:
                if j == i or family >= 2:
                    break
                family += 1
            else:
                if family or names >= 3:
                    break
                names += 1
            last = j + 1 if compound else j
            j = last + 1
        return last

    def run(self) -> list[Mention]:
        words, r = self.words, self.r
        i = 0
        n = len(words)
        while i < n:
            w = words[i]
            key = w.key
            nxt = i + 1 < n and self.joined(i + 1)
            if self.arabic[i]:
                if key.startswith("ال") and nxt and words[i + 1].key in r.org_tails_ar:
                    self.emit(i, i + 1, "ORG", 0.6)  # الراصد الإخباري: a news outlet
                elif key in r.kunya and nxt and words[i + 1].key not in r.stop:
                    last = self._arabic_kunya(i)
                    if last > i:
                        self.emit(i, last, "PERSON", 0.8)
                elif key in r.org_heads_ar and nxt:
                    self._arabic_org(i)
                elif (key in r.titles or (i + 1 < n and (key, words[i + 1].key) in r.titles_ar2)) and nxt:
                    start = i + (2 if (i + 1 < n and (key, words[i + 1].key) in r.titles_ar2) else 1)
                    self._arabic_person_after(start, require_given=True, score=0.7)
                elif self.after_label(i):
                    self._arabic_person_after(i, require_given=False, score=0.85)
                elif key in r.given:
                    self._arabic_given(i)
            else:
                self._latin(i)
            # a word inside a name just found starts no other name ("أبو يعقوب فيصل بن زياد":
            # يعقوب belongs to the kunya, not to the name after it)
            i = max(i + 1, self.next_free)
        return self.out

    # -- Arabic --------------------------------------------------------------------------

    def _arabic_kunya(self, i: int) -> int:
        words, r = self.words, self.r
        j = i + 1
        if words[j].key == "عبد" and j + 1 < len(words) and self.joined(j + 1):
            j += 1
        last = j
        k = j + 1
        while k < len(words) and k - i < MAX_NAME_WORDS and self.joined(k) and self.arabic[k]:
            kk = words[k].key
            if kk.startswith("ال") and kk.endswith("ي") and kk not in r.stop:
                last = k  # a nisba: الرقاوي
                k += 1
                continue
            break
        return last

    def _arabic_person_after(self, i: int, require_given: bool, score: float) -> None:
        words, r = self.words, self.r
        if i >= len(words) or not self.arabic[i] or words[i].key in r.stop:
            return
        if words[i].key in r.kunya:
            return  # the kunya rule reads it
        known = words[i].key in r.given or words[i].key in r.given_ambiguous or words[i].key == "عبد"
        if require_given and not known:
            return  # الرئيس الفرنسي, أمير قطاع تدمر: a role or a unit, not a name
        last = self.arabic_run(i)
        if last >= i:
            self.emit(i, last, "PERSON", score)

    def _arabic_given(self, i: int) -> None:
        words, r = self.words, self.r
        last = self.arabic_run(i)
        if last <= i:
            return
        # a bare "given + word" needs a nasab or a family name (ال...) to be a name
        keys = [w.key for w in words[i : last + 1]]
        if any(k in r.nasab for k in keys) or keys[-1].startswith("ال") or keys[1] in r.given:
            self.emit(i, last, "PERSON", _structure_score(keys, r))

    def _arabic_org(self, i: int) -> None:
        words, r = self.words, self.r
        last = i
        j = i + 1
        while j < len(words) and j - i <= MAX_ORG_WORDS and self.joined(j) and self.arabic[j]:
            k = words[j].key
            if k in r.stop or (k in r.org_heads_ar and j > i + 1):
                break
            if k[:1] in "بف" and not k.startswith("ال") and j > i + 1:
                break  # بحمص, في: a place or a clause follows
            if j > i + 1 and not (k.startswith(("ال", "لل", "وال", "ل")) or k in r.given):
                break
            last = j
            j += 1
        if last > i:
            self.emit(i, last, "ORG", 0.6)

    # -- English -------------------------------------------------------------------------

    def _latin(self, i: int) -> None:
        words, r = self.words, self.r
        w = words[i]
        key = w.key
        if not w.original[:1].isalpha():
            return
        n = len(words)
        nxt_cap = i + 1 < n and self.joined(i + 1) and self.cap(i + 1)
        if key in r.kunya and self.cap(i) and nxt_cap:
            last = self.latin_run(i + 1)
            if last > i:
                self.emit(i, last, "PERSON", 0.8)
            return
        after_title = i + 1 < n and (self.joined(i + 1) or self._abbreviated(i))
        if key in r.titles and after_title and words[i + 1].key not in r.kunya:
            start = i + 1
            if start < n and self.cap(start) and words[start].key not in r.stop:
                last = self.latin_run(start)
                # President Mugabe: a capitalised title vouches for a one-word name
                named = last > start or (last == start and (words[start].key in r.given or self.cap(i)))
                if named and not self._org_tail_in(start, last):
                    self.emit(start, last, "PERSON", 0.7)
            return
        if not self.cap(i) or key in r.stop:
            return
        if (
            i > 0
            and self.joined(i)
            and self.cap(i - 1)
            and words[i - 1].key not in r.titles
            and words[i - 1].key not in r.stop
        ):
            return  # only at the start of a run of capitalised words
        if self._latin_org(i):
            return
        last = self.latin_run(i)
        if last <= i:
            if self.after_label(i) and last == i:
                self.emit(i, i, "PERSON", 0.6)
            return
        keys = [x.key for x in words[i : last + 1]]
        if self._org_tail_in(i, last):
            return
        if self.after_label(i):
            self.emit(i, last, "PERSON", 0.85)
        elif any(k in r.nasab for k in keys) or (key in r.given and len(keys) >= 2):
            # given, father's and family name: a structure sure enough to beat a town's name
            # in it (Khalid Omar al-Jasim is not the town of Jasim)
            self.emit(i, last, "PERSON", _structure_score(keys, r))
        else:
            # "British Defence Secretary Tom King": the name starts at its given name
            inner = next((k for k in range(i + 1, last) if words[k].key in r.given), None)
            if inner is not None:
                self.emit(inner, last, "PERSON", 0.6)

    def _org_tail_in(self, first: int, last: int) -> bool:
        return any(self.words[k].key in self.r.org_tails and self.cap(k) for k in range(first, last + 1))

    def _latin_org(self, i: int) -> bool:
        """Capitalised words (with of/for/and/the between) ending in an organisation word."""
        words, r = self.words, self.r
        for phrase in r.org_heads_en:
            m = len(phrase)
            if tuple(x.key for x in words[i : i + m]) == phrase and i + m < len(words) and self.joined(i + m):
                last = self._latin_org_body(i + m)
                if last >= i + m:
                    self.emit(i, last, "ORG", 0.6)
                    return True
        last = self._latin_org_body(i)
        tail = None
        for k in range(i, last + 1):
            if words[k].key in r.org_tails and (self.cap(k) or k > i):
                tail = k
        if tail is not None and tail > i:
            self.emit(i, tail, "ORG", 0.6)
            return True
        # "Badia company": capitalised words and a lower-case organisation word right after
        if (
            last >= i
            and last + 1 < len(words)
            and self.joined(last + 1)
            and words[last + 1].key in r.org_tails
            and words[last + 1].key in ("company", "group", "bank")
        ):
            self.emit(i, last + 1, "ORG", 0.5)
            return True
        return False

    def _latin_org_body(self, i: int) -> int:
        words = self.words
        last = i - 1
        j = i
        while j < len(words) and j - i < MAX_ORG_WORDS + 2:
            w = words[j]
            if j > i and not self.joined(j):
                break
            if self.arabic[j] or w.key.isdigit():
                break
            if w.key in ("and", "of", "for", "the", "&") or w.article or w.key in self.r.particles:
                # a line may break after "and" (PDF layout), never inside the rest of a name
                if j + 1 < len(words) and (self.joined(j + 1) or self._line_break(j + 1)) and self.cap(j + 1):
                    j += 1
                    continue
                break
            if not self.cap(j):
                break
            last = j
            j += 1
        return last


def _structure_score(keys: list[str], rules: NameRules) -> float:
    """0.7 for a name with a nasab or three parts, sure enough to beat a town's name inside
    it; 0.65 for two parts."""
    return 0.7 if len(keys) >= 3 or any(k in rules.nasab for k in keys) else 0.65
