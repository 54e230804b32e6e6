"""A mention: a span of a page's text that names an entity or holds a typed value.

Every mention keeps its evidence: the page it is on and its character span in the page's
stored text, so a finding built on it points back to the exact words.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

#: Entity types (DESIGN.md), NORP (a nationality: Syrian, السوريين), and typed identifiers.
ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FACILITY", "NORP")
VALUE_TYPES = ("DATE", "PHONE", "EMAIL", "URL", "MONEY", "ID")
#: Values that name something (a phone, an address): each value is an entity of its own.
IDENTIFIER_TYPES = frozenset({"PHONE", "EMAIL", "URL", "ID"})

# When two candidate spans overlap, the one from the more trusted source wins; then the longer.
# The uncurated geonames layer ranks below the name rules: "Abu Hamza al-Raqqawi" is a
# person even though some town is called Hamza. A weak alias that its document's context
# confirmed (جيش النظام in a letter about Syria) ranks above the rules.
SOURCE_RANK = {"analyst": 5, "gazetteer": 4, "value": 4, "gazetteer-weak": 3, "spacy": 3, "rule": 2,
               "geonames": 1}


# what a structural name may contain: a place or nationality is its nisba (al-Shaddadi, al-Iraqi)
PLACE_TYPES = frozenset({"GPE", "LOC", "FACILITY", "NORP"})
STRUCTURAL_SCORE = 0.7
# a form's label said it: "Mother's name: Salma" is a woman even where a town is called Salma
LABEL_SCORE = 0.85


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention in one page's text.

    `entry` is the gazetteer entry the words name (its id), when they are in the gazetteer;
    `value` is the normalised value of a date or identifier (ISO date, E.164 phone, ...).
    `source` says what found it: gazetteer (curated files), geonames (the world-cities
    layer), gazetteer-weak, rule, spacy, value.
    """

    start: int
    end: int
    text: str
    type: str
    source: str
    entry: str | None = None
    value: str | None = None
    score: float = 1.0

    @property
    def rank(self) -> tuple[int, int, float]:
        """Sort key of precedence between overlapping mentions."""
        return SOURCE_RANK.get(self.source, 0), self.end - self.start, self.score


def resolve_overlaps(candidates: Iterable[Mention]) -> list[Mention]:
    """Keep the best of every group of overlapping mentions, in text order.

    Greedy by precedence (trusted source, then length, then score), which is what a reader
    expects: "Islamic State of Iraq and al-Sham" is one organisation, not "Islamic State"
    plus the place "Iraq"."""
    items = list(candidates)
    # A name found by its structure beats a place inside it: in "Abu Umar al-Shaddadi"
    # al-Shaddadi is his nisba, not the town; "al-Badia Trading Company" is a company, not
    # the desert.
    holders = [m for m in items if m.source == "rule" and (
        m.type == "ORG" or (m.type == "PERSON" and m.score >= STRUCTURAL_SCORE))]
    if holders:
        items = [m for m in items if not (m.type in PLACE_TYPES and m.source != "rule" and any(
            h.start <= m.start and m.end <= h.end
            and ((h.start, h.end) != (m.start, m.end) or h.score >= LABEL_SCORE) for h in holders))]
    chosen: list[Mention] = []
    taken: list[tuple[int, int]] = []
    for m in sorted(items, key=lambda m: m.rank, reverse=True):
        if any(m.start < end and start < m.end for start, end in taken):
            continue
        chosen.append(m)
        taken.append((m.start, m.end))
    chosen.sort(key=lambda m: (m.start, m.end))
    return chosen
