"""The questions `sleuth events` and `sleuth timeline` answer, as functions over the kept
events of a case (`analyze/cache.py`): actors given by name (any spelling, either script),
PLOVER types checked, dates as ISO prefixes."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from sleuth.analyze.cache import CACHE, AnalysisCache, case_blocs, case_events
from sleuth.analyze.events import Event, filter_events, matching_actor_ids
from sleuth.errors import SleuthError

if TYPE_CHECKING:
    from sleuth.analyze.timeline import Month
    from sleuth.case import Case


def event_types_named(types: Sequence[str]) -> set[str]:
    """The PLOVER types asked for (any case); SleuthError names an unknown one."""
    from sleuth.extract.events.vocabulary import event_types

    wanted = {t.strip().upper() for t in types if t.strip()}
    unknown = wanted - set(event_types())
    if unknown:
        raise SleuthError(f"Unknown event type {sorted(unknown)[0]!r}. The types: {', '.join(event_types())}")
    return wanted


def actor_pair(case: Case, names: Sequence[str]) -> tuple[set[str] | None, set[str] | None]:
    """The actor ids of up to two names: (None, None) for none, (first, None) for one."""
    wanted = [n for n in names if n.strip()]
    if len(wanted) > 2:
        raise SleuthError("Give one actor, or two to see the events between them.")
    first = matching_actor_ids(case, wanted[0]) if wanted else None
    second = matching_actor_ids(case, wanted[1]) if len(wanted) > 1 else None
    return first, second


def find_events(case: Case, actors: Sequence[str] = (), types: Sequence[str] = (),
                since: str | None = None, until: str | None = None, include_uncounted: bool = False,
                cache: AnalysisCache = CACHE) -> list[Event]:
    """`sleuth events`: the events of an actor (or between two), of some types, between two
    dates; asserted ones only unless `include_uncounted`."""
    wanted = event_types_named(types)
    first, second = actor_pair(case, actors)
    return list(filter_events(case_events(case, cache), first, wanted, since, until,
                              counted_only=not include_uncounted,
                              blocs=case_blocs(case, cache) if first is not None else None, other=second))


def actor_timeline(case: Case, actors: Sequence[str] = (), types: Sequence[str] = (),
                   since: str | None = None, until: str | None = None, include_uncounted: bool = False,
                   cache: AnalysisCache = CACHE) -> list[Month]:
    """`sleuth timeline`: month by month, the events of an actor (or between two; with no
    actor, every event), of some types, between two months."""
    from sleuth.analyze.timeline import timeline

    wanted = event_types_named(types)
    first, second = actor_pair(case, actors)
    events = case_events(case, cache)
    if wanted:
        events = [e for e in events if e.type in wanted]
    return timeline(events, first, second, case_blocs(case, cache), include_uncounted=include_uncounted,
                    since=since, until=until)
