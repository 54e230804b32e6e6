"""All mentions of a document's pages: gazetteer, name rules, dates and identifiers.

A document is read as a whole, because some decisions need the other pages: a weak alias
("the regime", النظام) counts only where the document also names something of that
country, and a name that several entries share (Tripoli) goes to the entry whose country
the document is about.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sleuth.extract.gazetteer import Gazetteer
from sleuth.extract.matcher import AliasMatch, AliasMatcher, Word, text_words
from sleuth.extract.mention import Mention, resolve_overlaps
from sleuth.extract.names import NameRules, find_names, load_rules

# Words right before a weak place alias that say it is a place (مدينة الباب, the town of Hit).
PLACE_CUES = frozenset({"مدينه", "بلده", "قريه", "ريف", "محافظه", "منطقه", "بلدة", "city", "town",
                        "village", "district", "province", "governorate", "countryside"})


@dataclass
class _PageMatches:
    words: list[Word]
    aliases: list[AliasMatch]


class MentionFinder:
    """Finds mentions with one gazetteer (built once, reused for every document)."""

    def __init__(self, gazetteer: Gazetteer, rules: NameRules | None = None, values: bool = True,
                 extra: Callable[[str], list[Mention]] | None = None) -> None:
        self.gazetteer = gazetteer
        self.matcher = AliasMatcher.from_gazetteer(gazetteer)
        self.rules = rules or load_rules()
        self.values = values
        self.extra = extra  # a plug-in finder, e.g. a spaCy pipeline (extract/spacy_ner.py)

    def find(self, text: str) -> list[Mention]:
        """Mentions in one text (a document of one page)."""
        return self.find_pages([text])[0]

    def find_pages(self, pages: Sequence[str]) -> list[list[Mention]]:
        """Mentions of each page, in text order, overlaps resolved."""
        matched = []
        for text in pages:
            words = text_words(text)
            matched.append(_PageMatches(words, self.matcher.find_words(words)))
        countries = self._countries(m for p in matched for m in p.aliases if not m.weak)
        out: list[list[Mention]] = []
        for text, page in zip(pages, matched, strict=True):
            candidates = [self._mention(text, m, countries, page.words) for m in page.aliases]
            found = [m for m in candidates if m is not None]
            found += find_names(text, page.words, self.rules)
            if self.values:
                found += value_mentions(text)
            if self.extra is not None:
                found += self.extra(text)
            out.append(resolve_overlaps(found))
        return out

    def _countries(self, matches: Iterable[AliasMatch]) -> Counter[str]:
        """How often the document names each country through unambiguous strong aliases."""
        counts: Counter[str] = Counter()
        for m in matches:
            if len(m.entries) == 1:
                entry = self.gazetteer.get(m.entries[0])
                if entry is not None:
                    counts.update(entry.countries)
        return counts

    def _mention(self, text: str, m: AliasMatch, countries: Counter[str],
                 words: list[Word]) -> Mention | None:
        entries = [e for e in (self.gazetteer.get(i) for i in m.entries) if e is not None]
        if not entries:
            return None
        if len(entries) > 1:
            entries.sort(key=lambda e: -sum(countries[c] for c in e.countries))
        entry = entries[0]
        if m.weak:
            own = sum(countries[c] for c in entry.countries)
            if not own and not _after_place_cue(words, m.start):
                return None
        score = 0.6 if m.weak else (0.9 if len(entries) > 1 else 1.0)
        source = "gazetteer-weak" if m.weak else "geonames" if entry.layer == "geonames" else "gazetteer"
        return Mention(m.start, m.end, text[m.start:m.end], entry.type, source, entry=entry.id, score=score)


def _after_place_cue(words: list[Word], start: int) -> bool:
    for i, w in enumerate(words):
        if w.start >= start:
            return i > 0 and words[i - 1].key in PLACE_CUES
    return False


def value_mentions(text: str) -> list[Mention]:
    """Dates and typed identifiers (phones, e-mails, sums of money, ID numbers)."""
    from sleuth.extract.identifiers import find_identifiers
    from sleuth.text.dates import find_dates

    out = [Mention(d.start, d.end, d.text, "DATE", "value", value=d.iso) for d in find_dates(text)]
    out += [Mention(i.start, i.end, i.text, i.type, "value", value=i.value) for i in find_identifiers(text)]
    return out
