"""Events, timelines and findings as a reader sees them: every event with its evidence —
the document (number and title), the page and the sentence that tell it — ready for JSON.
The workbench's events, timeline and findings pages show these."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sleuth.analyze.events import ActorRef, Event, fill_evidence
from sleuth.analyze.findings import collusion_summary, event_phrase, handover_phrase

if TYPE_CHECKING:
    from sleuth.analyze.collusion import Collusion, Handover
    from sleuth.analyze.timeline import Month
    from sleuth.case import Case

#: Tellings shown per event (an event told in hundreds of documents lists the first ones).
EVIDENCE_SHOWN = 50
#: Events listed per month of a timeline (the counts cover them all).
MONTH_EVENTS = 100


def document_titles(case: Case, events: Iterable[Event], shown: int = EVIDENCE_SHOWN) -> dict[int, str]:
    """The title of each document that tells these events (its file name when it has none)."""
    ids = sorted({ev.document for e in events for ev in e.evidence[:shown]})
    labels = case.store.mentions.document_labels(ids)
    return {doc_id: label["title"] or (label["path"] or "").rsplit("/", 1)[-1] or f"DOC {doc_id}"
            for doc_id, label in labels.items()}


def actor_item(actor: ActorRef | None) -> dict[str, Any] | None:
    """An actor: its name, its id among actors, its entity number (None for a side that is
    only in the gazetteer, or a generic agent such as "rebels")."""
    if actor is None:
        return None
    return {"name": actor.name, "id": actor.id, "entity": actor.entity}


def event_item(e: Event, titles: dict[int, str], shown: int = EVIDENCE_SHOWN) -> dict[str, Any]:
    """One event with its evidence (the first `shown` tellings; `evidence_total` counts all)."""
    return {
        "type": e.type,
        "mode": e.mode,
        "quad_class": e.quad_class,
        "modality": e.modality,
        "source": actor_item(e.source),
        "target": actor_item(e.target),
        "place": e.place,
        "date": e.date,
        "reciprocal": e.reciprocal,
        "arranged": e.arranged,
        "independent_sources": e.independent,
        "phrase": event_phrase(e),
        "evidence_total": len(e.evidence),
        "evidence": [
            {
                "document": ev.document,
                "page": ev.page,
                "title": titles.get(ev.document, f"DOC {ev.document}"),
                "path": ev.path,
                "sentence": ev.sentence,
                "start": ev.sentence_span[0],
                "end": ev.sentence_span[1],
                "trigger": ev.trigger,
                "modality": ev.modality,
            }
            for ev in e.evidence[:shown]
        ],
    }


def event_items(case: Case, events: Sequence[Event], shown: int = EVIDENCE_SHOWN) -> list[dict[str, Any]]:
    """These events with their evidence; sentences and paths are read now for them alone."""
    _fill(case, events)
    titles = document_titles(case, events, shown)
    return [event_item(e, titles, shown) for e in events]


def timeline_months(case: Case, months: Sequence[Month],
                    per_month: int = MONTH_EVENTS) -> list[dict[str, Any]]:
    """A timeline's months for a chart: every month from the first to the last dated one
    (empty months too, so the columns are evenly spaced in time), then "undated" if any;
    each with its counts per quad class and its first `per_month` events with evidence."""
    by_key = {m.month: m for m in months}
    dated = [m.month for m in months if m.month != "undated"]
    keys = month_range(dated[0], dated[-1]) if dated else []
    if "undated" in by_key:
        keys.append("undated")
    listed = {k: by_key[k].events[:per_month] for k in keys if k in by_key}
    shown = [e for events in listed.values() for e in events]
    _fill(case, shown)
    titles = document_titles(case, shown)
    out: list[dict[str, Any]] = []
    for key in keys:
        month = by_key.get(key)
        counts = month.counts() if month is not None else _empty_counts()
        out.append({
            "month": key,
            "counts": counts,
            "cooperation": len(month.cooperation) if month else 0,
            "conflict": len(month.conflict) if month else 0,
            "events_total": sum(counts.values()),
            "events": [event_item(e, titles) for e in listed.get(key, [])],
        })
    return out


def _fill(case: Case, events: Iterable[Event]) -> None:
    """Read the sentences of the events loaded without them (kept events keep them)."""
    fill_evidence(case, [e for e in events if any(not ev.sentence for ev in e.evidence)])


def month_range(first: str, last: str) -> list[str]:
    """Every month from `first` to `last` ("2016-11", "2017-02" -> 4 months)."""
    year, month = int(first[:4]), int(first[5:7])
    out = []
    while f"{year:04d}-{month:02d}" <= last:
        out.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def _empty_counts() -> dict[str, int]:
    from sleuth.extract.events.vocabulary import QUAD_CLASSES

    return dict.fromkeys(QUAD_CLASSES, 0)


def findings_items(case: Case, found: Sequence[Collusion]) -> list[dict[str, Any]]:
    """`sleuth collusion` for a reader: each pair of enemies with the plain-words summary,
    why they are enemies, and every cooperation event and handover with its evidence."""
    events = [e for c in found
              for e in (*c.cooperation, *(x for h in c.handovers for x in (h.retreat, h.takeover)))]
    _fill(case, events)
    titles = document_titles(case, events)
    return [
        {
            "actors": [actor_item(c.a), actor_item(c.b)],
            "summary": collusion_summary(c),
            "why_enemies": c.why_enemies,
            "material_conflict_events": c.conflict,
            "declared": c.declared,
            "score": c.score,
            "cooperation": [event_item(e, titles) for e in c.cooperation],
            "handovers": [_handover_item(h, titles) for h in c.handovers],
        }
        for c in found
    ]


def _handover_item(h: Handover, titles: dict[int, str]) -> dict[str, Any]:
    return {
        "place": h.place,
        "days": h.days,
        "phrase": handover_phrase(h),
        "withdrawal": event_item(h.retreat, titles),
        "takeover": event_item(h.takeover, titles),
    }
