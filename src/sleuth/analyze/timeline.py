"""Month by month: the dated events between actors, cooperation and conflict side by side."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sleuth.analyze.events import Blocs, Event, actor_ids
from sleuth.extract.events.vocabulary import COOPERATION, QUAD_CLASSES


@dataclass
class Month:
    """The events of one month ("2016-03"; "undated" for events without a date)."""

    month: str
    cooperation: list[Event] = field(default_factory=list)
    conflict: list[Event] = field(default_factory=list)

    @property
    def events(self) -> list[Event]:
        """Cooperation and conflict together, in date order."""
        return sorted((*self.cooperation, *self.conflict), key=lambda e: (e.date or "", e.type))

    def counts(self) -> dict[str, int]:
        """Events per quad class (verbal and material cooperation and conflict)."""
        out = dict.fromkeys(QUAD_CLASSES, 0)
        for e in (*self.cooperation, *self.conflict):
            out[e.quad_class] += 1
        return out

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "month": self.month,
            "cooperation": [e.as_dict() for e in self.cooperation],
            "conflict": [e.as_dict() for e in self.conflict],
        }


def timeline(
    events: Iterable[Event],
    first: set[str] | None,
    second: set[str] | None = None,
    blocs: Blocs | None = None,
    include_uncounted: bool = False,
    since: str | None = None,
    until: str | None = None,
) -> list[Month]:
    """The events with an actor of `first` on one side (and, if given, of `second` on the
    other), grouped by month in date order; the organisations inside an actor count as it.
    `first` None: every event.
    `since` / `until` ("2016", "2016-03") keep the months between them, undated ones out."""
    months: dict[str, Month] = {}
    for e in events:
        if not (e.counted or include_uncounted):
            continue
        if first is not None:
            sides = [actor_ids(a, blocs) for a in (e.source, e.target)]
            if second is None:
                if not (sides[0] & first or sides[1] & first):
                    continue
            elif not ((sides[0] & first and sides[1] & second) or (sides[0] & second and sides[1] & first)):
                continue
        key = e.date[:7] if e.date else "undated"
        if (since or until) and (
            key == "undated" or (since and key[: len(since)] < since) or (until and key[: len(until)] > until)
        ):
            continue
        month = months.setdefault(key, Month(key))
        (month.cooperation if e.quad_class in COOPERATION else month.conflict).append(e)
    return [months[k] for k in sorted(months, key=lambda k: (k == "undated", k))]


