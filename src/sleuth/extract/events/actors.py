"""Who can act in a sentence: the entity layer's names, and generic agents.

Named organisations, people and countries come from the mentions of the page. News also
lets unnamed groups act ("Israeli soldiers", "Palestinian officials", "rebels", القوات
التركية): a nationality or country joined to an agent noun (`extract/data/event_agents.yaml`)
is one actor, and an agent noun alone is a generic one. An agent noun joined to a named
actor ("fighters of the Islamic State", مقاتلي الدولة الإسلامية, "Syrian army aircraft") is
that actor.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import yaml

from sleuth.extract.events.vocabulary import DATA
from sleuth.extract.events.words import PhraseIndex, is_arabic, noun_forms, noun_stems, phrase_keys
from sleuth.extract.matcher import Word
from sleuth.extract.mention import Mention
from sleuth.text.normalize import normalize

ACTOR_TYPES = frozenset({"ORG", "PERSON", "NORP", "GPE"})
PLACE_TYPES = frozenset({"GPE", "LOC", "FACILITY"})
# Words that join an agent noun to the actor it belongs to ("fighters of IS").
_OF = frozenset({"of", "from"})


@dataclass(frozen=True, slots=True)
class Actor:
    """A possible source or target: words [first, last] of the sentence."""

    first: int
    last: int
    start: int  # character span in the page
    end: int
    text: str
    type: str  # ORG PERSON NORP GPE, or AGENT
    key: str | None  # the mention's match key (entity layer); None for a generic agent
    entry: str | None  # gazetteer entry id, when there is one
    sector: str = ""  # military, police, ... for agent nouns
    clitic: str = ""  # an Arabic preposition or conjunction glued to the first word (بـ, لل, و)


@dataclass(frozen=True, slots=True)
class Place:
    """A place named in the sentence."""

    first: int
    last: int
    start: int
    end: int
    text: str
    key: str | None
    entry: str | None


@dataclass(frozen=True, slots=True)
class _Agent:
    first: int
    last: int
    sector: str


@lru_cache(maxsize=1)
def agent_phrases() -> dict[tuple[str, ...], str]:
    """Agent noun phrases (word keys, English plurals included) and their sector."""
    path = DATA / "event_agents.yaml"
    if not path.exists():
        return {}
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    out: dict[tuple[str, ...], str] = {}
    for spec in raw.get("agents") or []:
        sector = str(spec.get("sector", ""))
        for phrase in spec.get("en") or []:
            keys = [k for k in phrase_keys(str(phrase)) if k]
            if keys:
                for form in noun_forms(keys[-1]):
                    out.setdefault((*keys[:-1], form), sector)
        for phrase in spec.get("ar") or []:
            keys = [k for k in phrase_keys(str(phrase)) if k]
            if keys:
                out.setdefault(tuple(keys), sector)
                if keys[0].startswith("ال") and len(keys[0]) > 3:  # listed with the article: also without
                    out.setdefault((keys[0][2:], *keys[1:]), sector)
    return out


@lru_cache(maxsize=1)
def _agent_index() -> PhraseIndex[str]:
    return PhraseIndex(agent_phrases().items(), noun_stems)


def find_agents(words: Sequence[Word], taken: set[int]) -> list[_Agent]:
    """Agent noun phrases outside named mentions, longest first."""
    return [_Agent(first, last, sector) for first, last, sector in _agent_index().find(words, taken=taken)]


def sentence_actors(
    text: str,
    words: Sequence[Word],
    mentions: Sequence[tuple[Mention, str | None]],
    countries: Callable[[str], bool] | None = None,
) -> tuple[list[Actor], list[Place]]:
    """The actors and places of one sentence (`words` are its words, spans in `text`).

    A country can act (Turkey shelled ..., Damascus accused ...: `countries` says which
    gazetteer entries are countries); a town or a province is only a place."""
    named: list[tuple[int, int, Mention, str | None]] = []
    for m, key in mentions:
        idx = [i for i, w in enumerate(words) if w.end > m.start and w.start < m.end]
        if idx:
            named.append((idx[0], idx[-1], m, key))
    taken = {i for first, last, *_ in named for i in range(first, last + 1)}
    agents = find_agents(words, taken)
    actors: list[Actor] = []
    places: list[Place] = []
    used_agents: set[int] = set()
    for first, last, m, key in named:
        if m.type in PLACE_TYPES:
            places.append(Place(first, last, m.start, m.end, m.text, key, m.entry))
        if m.type not in ACTOR_TYPES:
            continue
        if m.type == "GPE" and not (m.entry and countries is not None and countries(m.entry)):
            continue
        sector = ""
        lo, hi = first, last
        for n, a in enumerate(agents):
            if n in used_agents:
                continue
            # "Israeli soldiers", "US servicemen", القوات التركية (agent then nationality)
            after = a.first == last + 1 and m.type in ("NORP", "GPE")
            before_ar = a.last == first - 1 and m.type == "NORP" and is_arabic(words[first].key)
            # "fighters of IS", مقاتلي الدولة الإسلامية, "Syrian army aircraft"
            of = (
                (a.last == first - 2 and words[first - 1].key in _OF)
                or (a.last == first - 3 and words[first - 2].key in _OF and words[first - 1].key == "the")
                or (a.last == first - 1 and is_arabic(words[first].key))
            )
            trailing = a.first == last + 1 and m.type == "ORG" and not is_arabic(words[first].key)
            if after or before_ar or of or trailing:
                used_agents.add(n)
                sector = sector or a.sector
                lo, hi = min(lo, a.first), max(hi, a.last)
        start = m.start if lo == first else words[lo].start
        end = m.end if hi == last else words[hi].end
        clitic = text[words[lo].start : start] if lo == first else ""
        actors.append(Actor(lo, hi, start, end, text[start:end], m.type, key, m.entry, sector, clitic))
    for n, a in enumerate(agents):
        if n in used_agents:
            continue
        start, end = words[a.first].start, words[a.last].end
        actors.append(Actor(a.first, a.last, start, end, text[start:end], "AGENT", None, None, a.sector))
    actors.sort(key=lambda a: a.first)
    places.sort(key=lambda p: p.first)
    return actors, places


def actor_key(actor: Actor | None) -> str | None:
    """The key an actor is stored and compared under: its mention's match key, or for a
    generic agent ("rebels", "Israeli soldiers" without a name) its sector and words."""
    if actor is None:
        return None
    if actor.key:
        return actor.key
    return f"AGENT:{actor.sector}:{' '.join(normalize(actor.text).split())}"
