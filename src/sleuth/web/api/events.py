"""Events: who did what to whom with the evidence, month by month, and the findings of
`sleuth collusion` (cooperation between enemies)."""

from __future__ import annotations

import time
from typing import Any

from fastapi import APIRouter, Depends, Query, Request

from sleuth.access import SessionUser
from sleuth.web.deps import audit, viewer, workbench

router = APIRouter(tags=["events"])

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_EVENTS = 500
MAX_TYPES = 16  # PLOVER has 16


@router.get("/event-types")
def event_types_api(user: SessionUser = Depends(viewer)) -> list[dict[str, str]]:  # noqa: B008
    """The PLOVER event types and their quad class (verbal/material cooperation/conflict)."""
    from sleuth.extract.events.vocabulary import event_types

    return [{"type": name, "quad_class": t.quad_class} for name, t in event_types().items()]


@router.get("/events")
def events_api(request: Request,
               actor: list[str] = Query([], max_length=2,  # noqa: B008
                                        description="An actor (any spelling, either script); two: "
                                                    "the events between them."),
               types: list[str] = Query([], alias="type", max_length=MAX_TYPES,  # noqa: B008
                                        description="A PLOVER type (AGREE, RETREAT, ...)."),
               since: str | None = Query(None, alias="from", pattern=DATE),
               until: str | None = Query(None, alias="to", pattern=DATE),
               show_all: bool = Query(False, alias="all",
                                      description="Also negated, planned, hypothetical and reported events."),
               limit: int = Query(100, ge=1, le=MAX_EVENTS), offset: int = Query(0, ge=0, le=10_000_000),
               user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """`sleuth events`: the case's events, each with its evidence (document, page, sentence)."""
    from sleuth.analyze.query import find_events
    from sleuth.analyze.report import event_items

    case = workbench(request).case
    found = find_events(case, actor, types, since, until, include_uncounted=show_all)
    if actor:
        audit(request, user, "events", " / ".join(actor), types=types or None, since=since, until=until)
    return {"total": len(found), "offset": offset, "limit": limit,
            "events": event_items(case, found[offset:offset + limit])}


@router.get("/timeline")
def timeline_api(request: Request,
                 actor: list[str] = Query([], max_length=2,  # noqa: B008
                                          description="An actor; two: the events between them; none: all."),
                 types: list[str] = Query([], alias="type", max_length=MAX_TYPES,  # noqa: B008
                                          description="A PLOVER type."),
                 since: str | None = Query(None, alias="from", pattern=DATE),
                 until: str | None = Query(None, alias="to", pattern=DATE),
                 show_all: bool = Query(False, alias="all", description="Also events that are not asserted."),
                 user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """`sleuth timeline`: month by month, the counts per quad class and the events of each
    month with their evidence (the first ones of a busy month)."""
    from sleuth.analyze.query import actor_timeline
    from sleuth.analyze.report import MONTH_EVENTS, timeline_months

    case = workbench(request).case
    months = actor_timeline(case, actor, types, since, until, include_uncounted=show_all)
    if actor:
        audit(request, user, "timeline", " / ".join(actor), types=types or None, since=since, until=until)
    return {"actors": actor, "types": types, "from": since, "to": until, "per_month": MONTH_EVENTS,
            "months": timeline_months(case, months)}


@router.get("/findings")
def findings_api(request: Request, user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """`sleuth collusion`: each pair of enemies, why they are enemies, and the cooperation
    events and handovers between them, each with its evidence. Kept between calls until the
    case's events or entities change."""
    from sleuth.analyze.cache import CACHE, case_collusion
    from sleuth.analyze.report import findings_items

    case = workbench(request).case
    started = time.perf_counter()
    found = case_collusion(case)
    pairs = findings_items(case, found)
    # one row per view: the findings quote the documents, as a search does
    audit(request, user, "findings", None, pairs=len(pairs))
    return {"pairs": pairs, "took_ms": round((time.perf_counter() - started) * 1000, 1),
            "computed_ms": round((CACHE.seconds(case, "collusion") or 0) * 1000, 1)}
