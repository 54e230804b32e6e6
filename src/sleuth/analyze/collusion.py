"""Cooperation between enemies: `CollusionFinder`.

Two sides are enemies by the weight of the evidence — at least `min_conflict` asserted
material-conflict events between them (fighting, shelling, arrests, sanctions), making at
least `CONFLICT_SHARE` of all their events — or because the analyst says so (the
`enemies` setting). Between enemies Sleuth lists what should not be there: agreements,
trade, consultations, concessions, support, and withdrawals done by arrangement (the
sentence says "as agreed", "without a fight", or the two agreed something in the
`ARRANGED_DAYS` before). It also finds handovers: X withdraws from a place, then Y takes it
within `HANDOVER_DAYS` with no fighting between them recorded there in between.

Sides are blocs: an organisation counts as its topmost parent in the gazetteer (the
Syrian Arab Army as the Syrian government, Diwan al-Rikaz as the Islamic State).
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sleuth.analyze.events import ActorRef, Blocs, Event
from sleuth.extract.events.vocabulary import COOPERATION

if TYPE_CHECKING:
    from sleuth.case import Case

CONFLICT_SHARE = 0.25
ARRANGED_DAYS = 90
HANDOVER_DAYS = 60
TAKEOVER = frozenset({("COERCE", "seize")})


@dataclass
class Handover:
    """X left a place and Y, its enemy, took it with no fighting recorded in between."""

    place: str
    retreat: Event
    takeover: Event

    @property
    def days(self) -> int:
        """Days between the withdrawal and the takeover."""
        return (_day(self.takeover.date) - _day(self.retreat.date)).days

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "place": self.place,
            "days": self.days,
            "withdrawal": self.retreat.as_dict(),
            "takeover": self.takeover.as_dict(),
        }


@dataclass
class Collusion:
    """A pair of enemies and the cooperation between them, with its evidence."""

    a: ActorRef
    b: ActorRef
    conflict: int
    declared: bool
    cooperation: list[Event] = field(default_factory=list)
    handovers: list[Handover] = field(default_factory=list)

    @property
    def score(self) -> int:
        """Rank: cooperation events and handovers, each weighed by its independent sources."""
        return sum(max(1, e.independent) for e in self.cooperation) + sum(
            max(1, h.retreat.independent) + max(1, h.takeover.independent) for h in self.handovers
        )

    @property
    def why_enemies(self) -> str:
        """Why the two count as enemies, in plain words."""
        fights = f"{self.conflict} material-conflict events"
        return f"declared enemies by the analyst ({fights})" if self.declared else f"enemies ({fights})"

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (one `sleuth collusion --json` line)."""
        return {
            "actors": [self.a.name, self.b.name],
            "material_conflict_events": self.conflict,
            "declared": self.declared,
            "score": self.score,
            "cooperation": [e.as_dict() for e in self.cooperation],
            "handovers": [h.as_dict() for h in self.handovers],
        }


class CollusionFinder:
    """Finds cooperation between enemies among a case's events."""

    def __init__(
        self,
        blocs: Blocs | None = None,
        declared: Sequence[tuple[set[str], set[str]]] = (),
        min_conflict: int = 3,
    ) -> None:
        self.blocs = blocs
        self.declared = list(declared)  # pairs of actor-id sets the analyst calls enemies
        self.min_conflict = min_conflict

    def side(self, actor: ActorRef | None) -> ActorRef | None:
        """The bloc an actor acts for."""
        return self.blocs.of(actor) if self.blocs is not None else actor

    def find(self, events: Iterable[Event]) -> list[Collusion]:
        """Every pair of enemies with cooperation or handovers between them, best first."""
        counted = [e for e in events if e.counted]
        pairs: dict[frozenset[str], list[Event]] = defaultdict(list)
        refs: dict[str, ActorRef] = {}
        for e in counted:
            a, b = self.side(e.source), self.side(e.target)
            if a is None or b is None or a.id == b.id:
                continue
            refs.setdefault(a.id, a)
            refs.setdefault(b.id, b)
            pairs[frozenset((a.id, b.id))].append(e)
        index = _PlaceIndex(self, counted)
        found: list[Collusion] = []
        for pair, between in pairs.items():
            x, y = sorted(pair)
            conflict = sum(1 for e in between if e.quad_class == "material conflict")
            declared = self._declared(x, y)
            if not declared and (conflict < self.min_conflict or conflict < CONFLICT_SHARE * len(between)):
                continue
            result = Collusion(refs[x], refs[y], conflict, declared)
            result.cooperation = self._cooperation(between)
            result.handovers = self._handovers(index, x, y)
            if result.cooperation or result.handovers:
                found.append(result)
        found.sort(key=lambda c: (-c.score, c.a.name, c.b.name))
        return found

    def _declared(self, x: str, y: str) -> bool:
        return any((x in p and y in q) or (y in p and x in q) for p, q in self.declared)

    def _cooperation(self, between: list[Event]) -> list[Event]:
        agreements = [e for e in between if e.type == "AGREE" and e.date]
        out = []
        for e in between:
            if e.quad_class not in COOPERATION:
                continue
            if e.type == "RETREAT" and not (e.arranged or _agreed_before(e, agreements)):
                continue
            out.append(e)
        return sorted(out, key=lambda e: (e.date or "9999", e.type))

    def _handovers(self, index: _PlaceIndex, x: str, y: str) -> list[Handover]:
        return sorted(index.handovers.get(frozenset((x, y)), {}).values(), key=lambda h: h.retreat.date or "")


class _PlaceIndex:
    """Every handover of the case, found once: withdrawals by side, takeovers by place and
    side in date order, fighting by place and pair of sides in date order."""

    def __init__(self, finder: CollusionFinder, events: list[Event]) -> None:
        retreats: list[tuple[str, Event]] = []
        takeovers: dict[str, list[tuple[str, str, Event]]] = defaultdict(list)  # place -> (date, side, event)
        self.assaults: dict[tuple[str, frozenset[str | None]], list[str]] = defaultdict(list)
        for e in events:
            if not e.date or not e.place_key:
                continue
            source = _id(finder.side(e.source))
            if source is None:
                continue
            if e.type == "RETREAT":
                retreats.append((source, e))
            elif (e.type, e.mode) in TAKEOVER:
                takeovers[e.place_key].append((e.date, source, e))
            elif e.type == "ASSAULT":
                self.assaults[(e.place_key, frozenset((source, _id(finder.side(e.target)))))].append(e.date)
        for dates in self.assaults.values():
            dates.sort()
        for found in takeovers.values():
            found.sort(key=lambda item: item[0])
        # pair of sides -> takeover -> the last withdrawal before it
        self.handovers: dict[frozenset[str], dict[int, Handover]] = defaultdict(dict)
        for leaving, r in retreats:
            assert r.date is not None and r.place_key is not None
            at_place = takeovers.get(r.place_key, [])
            first = bisect_right(at_place, r.date, key=lambda item: item[0])
            seen: set[str] = set()
            for date, taking, t in at_place[first:]:
                if (_day(date) - _day(r.date)).days > HANDOVER_DAYS:
                    break
                if taking == leaving or taking in seen or date == r.date:
                    continue
                seen.add(taking)  # the first takeover by each side after the withdrawal
                if self.fought(leaving, taking, r.place_key, r.date, date):
                    continue
                by_takeover = self.handovers[frozenset((leaving, taking))]
                known = by_takeover.get(id(t))
                if (
                    known is None
                    or (known.retreat.date or "") < r.date
                    or (known.retreat.date == r.date and known.retreat.independent < r.independent)
                ):
                    by_takeover[id(t)] = Handover(r.place or "", r, t)

    def fought(self, x: str, y: str, place: str, start: str, end: str) -> bool:
        """Fighting between x and y recorded at the place between the two dates."""
        dates = self.assaults.get((place, frozenset((x, y))), [])
        i = bisect_left(dates, start)
        return i < len(dates) and dates[i] <= end


def _agreed_before(e: Event, agreements: list[Event]) -> bool:
    if not e.date:
        return False
    return any(0 <= (_day(e.date) - _day(a.date)).days <= ARRANGED_DAYS for a in agreements if a.date)


def _id(actor: ActorRef | None) -> str | None:
    return actor.id if actor is not None else None


@lru_cache(maxsize=100_000)
def _day(iso: str | None) -> dt.date:
    assert iso is not None
    text = iso[:10]
    if len(text) == 7:
        text += "-15"
    elif len(text) == 4:
        text += "-07-01"
    return dt.date.fromisoformat(text)


def find_collusion(case: Case) -> list[Collusion]:
    """`sleuth collusion`: the case's events, its blocs and the analyst's declared enemies."""
    from sleuth.analyze.events import blocs_for, fill_evidence, load_events, matching_actor_ids
    from sleuth.errors import SleuthError

    declared: list[tuple[set[str], set[str]]] = []
    for a, b in case.settings.enemies:
        try:
            declared.append((matching_actor_ids(case, a), matching_actor_ids(case, b)))
        except SleuthError as exc:
            raise SleuthError(f"The setting 'enemies' names {a!r} and {b!r}: {exc}") from exc
    finder = CollusionFinder(blocs_for(case), declared, case.settings.enemy_min_conflict)
    found = finder.find(load_events(case, sentences=False))
    fill_evidence(
        case,
        [
            e
            for c in found
            for e in (*c.cooperation, *(x for h in c.handovers for x in (h.retreat, h.takeover)))
        ],
    )
    return found
