"""The case's events: coded sentences resolved to entities and merged across documents.

A stored event row is one sentence's telling. Its actors are resolved through the entity
layer at load time (so an analyst's merge or split counts at once), and the tellings of
one event are merged: same source, type and target (either way round for reciprocal
events), same place if both name one, and dates within `SAME_EVENT_DAYS` (a month-only
date matches any day of that month). Each merged `Event` lists its evidence and counts its
independent sources: documents that are copies of each other (re-typed, scanned, forwarded)
count once (`analyze/independence.py`).
"""

from __future__ import annotations

import datetime as dt
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sleuth.extract.events.vocabulary import COOPERATION
from sleuth.text.normalize import normalize

if TYPE_CHECKING:
    from sleuth.case import Case
    from sleuth.extract.gazetteer import Gazetteer

SAME_EVENT_DAYS = 3


@dataclass(frozen=True, slots=True)
class ActorRef:
    """An actor as the case knows it: an entity, or a generic agent ("rebels")."""

    id: str  # entity key, or the stored agent key
    name: str
    entity: int | None = None
    entry: str | None = None


@dataclass(slots=True)
class Evidence:
    """One telling of an event: where it is written."""

    event_row: int
    document: int
    page: int
    path: str | None
    sentence: str
    sentence_span: tuple[int, int]
    trigger: str
    modality: str
    date_from: str
    arranged: bool


@dataclass
class Event:
    """One event, merged from all its tellings."""

    type: str
    mode: str
    quad_class: str
    source: ActorRef | None
    target: ActorRef | None
    place: str | None
    place_key: str | None
    date: str | None
    reciprocal: bool
    modality: str
    evidence: list[Evidence] = field(default_factory=list)
    independent: int = 0

    @property
    def ids(self) -> tuple[str | None, str | None]:
        """The source's and the target's ids."""
        return (self.source.id if self.source else None, self.target.id if self.target else None)

    @property
    def counted(self) -> bool:
        """Asserted by at least one telling: counts in timelines and collusion."""
        return self.modality == "asserted"

    @property
    def arranged(self) -> bool:
        """Some telling says it was done by arrangement (as agreed, without a fight)."""
        return any(e.arranged for e in self.evidence)

    @property
    def documents(self) -> list[int]:
        """The documents that tell it, in order of first telling."""
        return list(dict.fromkeys(e.document for e in self.evidence))

    def involves(self, actor_ids: set[str]) -> bool:
        """Whether the source or the target is one of these actors."""
        return any(a is not None and a.id in actor_ids for a in (self.source, self.target))

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (the `sleuth events --json` line)."""
        return {
            "type": self.type,
            "mode": self.mode,
            "quad_class": self.quad_class,
            "source": self.source.name if self.source else None,
            "target": self.target.name if self.target else None,
            "location": self.place,
            "date": self.date,
            "modality": self.modality,
            "reciprocal": self.reciprocal,
            "arranged": self.arranged,
            "independent_sources": self.independent,
            "evidence": [
                {
                    "document": e.document,
                    "page": e.page,
                    "path": e.path,
                    "sentence": e.sentence,
                    "trigger": e.trigger,
                    "modality": e.modality,
                }
                for e in self.evidence
            ],
        }


_SIDE_COLUMNS = {
    side: tuple(f"{side}_{c}" for c in ("key", "entity", "text", "entity_key", "name", "entry"))
    for side in ("source", "target")
}


def actor_of(
    row: dict[str, Any], side: str, cache: dict[tuple[Any, ...], ActorRef] | None = None
) -> ActorRef | None:
    """The resolved actor of one side of a stored event row (one object per actor when a
    cache is given: a million rows name a few thousand actors)."""
    key_col, entity_col, text_col, entity_key_col, name_col, entry_col = _SIDE_COLUMNS[side]
    key = row.get(key_col)
    if key is None:
        return None
    entity = row.get(entity_col)
    ident = (key, entity, row.get(text_col) if entity is None else None)
    if cache is not None:
        found = cache.get(ident)
        if found is not None:
            return found
    if entity is not None:
        actor = ActorRef(row[entity_key_col], row[name_col], entity, row.get(entry_col))
    else:
        actor = ActorRef(key, row.get(text_col) or key)
    if cache is not None:
        cache[ident] = actor
    return actor


def load_events(
    case: Case, document_ids: Sequence[int] | None = None, independence: bool = True, sentences: bool = True
) -> list[Event]:
    """Every event of the case (or of some documents), merged across its tellings. Without
    `sentences` the evidence has no sentences and paths yet: `fill_evidence` adds them to
    the events that are shown."""
    # A million tellings make a million small objects and no cycles: the cyclic garbage
    # collector would walk them again and again while they are built.
    collecting = gc.isenabled()
    gc.disable()
    try:
        events = merge_tellings(case.store.events.rows(document_ids, sentences=sentences))
    finally:
        if collecting:
            gc.enable()
    if sentences:
        fill_evidence(case, events, sentences=False)
    if independence:
        from sleuth.analyze.independence import count_independent

        count_independent(case, events)
    return events


def fill_evidence(case: Case, events: Iterable[Event], sentences: bool = True) -> None:
    """Give these events' evidence its document paths (and sentences, when they were left
    out at loading)."""
    events = list(events)
    evidence = [ev for e in events for ev in e.evidence]
    paths = case.store.events.first_paths({ev.document for ev in evidence})
    found = case.store.events.sentences([ev.event_row for ev in evidence]) if sentences else {}
    for ev in evidence:
        ev.path = paths.get(ev.document)
        if ev.event_row in found:
            ev.sentence, ev.trigger = found[ev.event_row]


def merge_tellings(rows: Iterable[dict[str, Any]]) -> list[Event]:
    """Merge stored event rows into events (see the module docstring)."""
    groups: dict[tuple[Any, ...], list[Event]] = defaultdict(list)
    out: list[Event] = []
    actors: dict[tuple[Any, ...], ActorRef] = {}
    for row in rows:
        source, target = actor_of(row, "source", actors), actor_of(row, "target", actors)
        reciprocal = bool(row["reciprocal"])
        ids = (source.id if source else None, target.id if target else None)
        pair = ids if (ids[0] or "") <= (ids[1] or "") else (ids[1], ids[0])
        evidence = Evidence(
            row["id"],
            row["document_id"],
            row["page"],
            row.get("path"),
            row.get("sentence", ""),
            (row["sentence_start"], row["sentence_end"]),
            row.get("trigger", ""),
            row["modality"],
            row["date_from"],
            bool(row["arranged"]),
        )
        place_key = _place_id(row)
        bucket = groups[(row["type"], *pair)]
        # the same direction, or either telling has none ("X and Y traded", "in return")
        match = None
        date = row["date"]
        for e in bucket:
            if (e.reciprocal or reciprocal or e.ids == ids) and _same_event(e, date, place_key):
                match = e
                break
        if match is None:
            match = Event(
                row["type"],
                row["mode"],
                row["quad_class"],
                source,
                target,
                row.get("place_name") or row["place_text"],
                place_key,
                row["date"],
                reciprocal,
                row["modality"],
            )
            bucket.append(match)
            out.append(match)
        else:
            _absorb(match, row, place_key)
        match.evidence.append(evidence)
    for e in out:
        e.independent = len(e.documents)
    out.sort(key=lambda e: (e.date or "9999", e.type))
    return out


def _place_id(row: dict[str, Any]) -> str | None:
    if row.get("place_entity_key"):
        return str(row["place_entity_key"])
    if row.get("place_key"):
        return str(row["place_key"])
    text = row.get("place_text")
    return f"PLACE:{normalize(text)}" if text else None


def _absorb(event: Event, row: dict[str, Any], place_key: str | None) -> None:
    """A further telling: an asserted telling makes the event asserted; a sentence's own
    date beats one taken from a document; a named place fills a gap."""
    if row["modality"] == "asserted":
        event.modality = "asserted"
    if row["reciprocal"]:
        event.reciprocal = True
    if event.place_key is None and place_key is not None:
        event.place_key, event.place = place_key, row.get("place_name") or row["place_text"]
    if row["date"] and (
        event.date is None or (row["date_from"] == "sentence" and len(row["date"]) > len(event.date))
    ):
        event.date = row["date"]


def _same_event(event: Event, date: str | None, place_key: str | None) -> bool:
    # a fight elsewhere is another fight; a deal or a delivery is told from either end
    # (loaded at the oil field, delivered at Homs)
    if event.place_key and place_key and event.place_key != place_key and event.quad_class not in COOPERATION:
        return False
    if event.date == date:
        return True
    if event.date is None or date is None:
        return False
    if len(event.date) < 10 or len(date) < 10:
        return event.date.startswith(date) or date.startswith(event.date)
    return abs((_day(event.date) - _day(date)).days) <= SAME_EVENT_DAYS


@lru_cache(maxsize=100_000)
def _day(iso: str) -> dt.date:
    return dt.date.fromisoformat(iso[:10])


# ---- filters ----------------------------------------------------------------------------


def matching_actor_ids(case: Case, name: str) -> set[str]:
    """The actor ids a name given on the command line means: the entity it names (any
    spelling, either script, or #number; a gazetteer alias the case never used works too:
    داعش finds the Islamic State), or the generic agents written that way.
    Raises SleuthError when it names nothing or several entities."""
    from sleuth.errors import SleuthError
    from sleuth.link.decisions import find_entity

    wanted = " ".join(normalize(name).split())
    try:
        return {find_entity(case, name)["key"]}
    except SleuthError:
        by_alias = _gazetteer_entities(case, name)
        if by_alias:
            return by_alias
        agents = case.store.events.agent_keys(wanted)
        if agents:
            return agents
        raise


def _gazetteer_entities(case: Case, name: str) -> set[str]:
    """Entities of the gazetteer entries whose alias is the whole of `name`."""
    from sleuth.extract.gazetteer import load_gazetteer
    from sleuth.extract.matcher import AliasMatcher

    matcher = AliasMatcher.from_gazetteer(load_gazetteer(case.root, geonames=False))
    text = name.strip()
    out: set[str] = set()
    for m in matcher.find(text):
        if m.start == 0 and m.end == len(text):
            for entry in m.entries:
                entity = case.store.mentions.entity_by_key(f"entry:{entry}")
                if entity is not None:
                    out.add(entity["key"])
    return out


def filter_events(
    events: Iterable[Event],
    actors: set[str] | None = None,
    types: set[str] | None = None,
    since: str | None = None,
    until: str | None = None,
    counted_only: bool = False,
    blocs: Blocs | None = None,
    other: set[str] | None = None,
) -> Iterator[Event]:
    """The events that pass all the given filters (dates compared as ISO prefixes). With
    `blocs`, an actor filter also takes the organisations inside the actor (Islamic State
    takes Diwan al-Rikaz). With `other` too, only the events between an actor of `actors`
    and one of `other` (either way round)."""
    for e in events:
        if actors is not None and other is not None:
            source, target = actor_ids(e.source, blocs), actor_ids(e.target, blocs)
            if not ((source & actors and target & other) or (source & other and target & actors)):
                continue
        elif actors is not None and not (
            e.involves(actors)
            or (
                blocs is not None
                and any(b is not None and b.id in actors for b in (blocs.of(e.source), blocs.of(e.target)))
            )
        ):
            continue
        if types and e.type not in types:
            continue
        if since and (e.date is None or e.date[: len(since)] < since):
            continue
        if until and (e.date is None or e.date[: len(until)] > until):
            continue
        if counted_only and not e.counted:
            continue
        yield e


def actor_ids(actor: ActorRef | None, blocs: Blocs | None = None) -> set[str]:
    """The ids an actor answers to: its own and, with `blocs`, its bloc's."""
    if actor is None:
        return set()
    ids = {actor.id}
    bloc = blocs.of(actor) if blocs is not None else None
    if bloc is not None:
        ids.add(bloc.id)
    return ids


# ---- roll-up ------------------------------------------------------------------------------


class Blocs:
    """The side an actor belongs to: an organisation's topmost parent in the gazetteer
    (Diwan al-Rikaz -> Islamic State, Syrian Arab Army -> Syrian government)."""

    def __init__(self, gazetteer: Gazetteer, entity_by_entry: dict[str, tuple[str, str]]) -> None:
        self.gazetteer = gazetteer
        self.entity_by_entry = entity_by_entry  # entry id -> (entity key, canonical)
        self._memo: dict[tuple[str, str], ActorRef] = {}

    def of(self, actor: ActorRef | None) -> ActorRef | None:
        """The actor's bloc (the actor itself when it has no parent)."""
        if actor is None or actor.entry is None:
            return actor
        memo_key = (actor.id, actor.entry)
        found = self._memo.get(memo_key)
        if found is None:
            found = self._memo[memo_key] = self._root(actor)
        return found

    def _root(self, actor: ActorRef) -> ActorRef:
        assert actor.entry is not None
        root = actor.entry
        seen = {root}
        while True:
            entry = self.gazetteer.get(root)
            parent = entry.part_of if entry is not None else None
            if parent is None or parent in seen or self.gazetteer.get(parent) is None:
                break
            if entry is not None and entry.type == "NORP":
                break  # "Syrians" are not the Syrian state
            seen.add(parent)
            root = parent
        if root == actor.entry:
            return actor
        key, name = self.entity_by_entry.get(root) or (f"entry:{root}", self.gazetteer.get(root).name)  # type: ignore[union-attr]
        return ActorRef(key, name, None, root)


def blocs_for(case: Case) -> Blocs:
    """The roll-up of a case: its gazetteer and which entity stands for each entry."""
    from sleuth.extract.gazetteer import load_gazetteer

    mapping = {
        row["entry"]: (row["key"], row["canonical"])
        for row in case.store.mentions.entities(limit=None)
        if row.get("entry")
    }
    return Blocs(load_gazetteer(case.root, geonames=False), mapping)
