"""The entities as the workbench shows them: a filtered, sorted, paged list, and one
entity's profile (its names in both scripts, documents, quoted sentences, the events it
takes part in, the entities named with it, and the analyst decisions that shaped it)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sleuth.errors import SleuthError
from sleuth.text.normalize import normalize

if TYPE_CHECKING:
    from sleuth.analyze.events import Event
    from sleuth.case import Case

SORTS = ("mentions", "documents", "name")
ALSO_SHOWN = 4
#: Tellings quoted per event on the entity page (`evidence_total` counts them all).
EVIDENCE_SHOWN = 5


def script_of(text: str) -> str:
    """"ar" when the text holds Arabic letters, else "latin" (what the alias columns split on)."""
    return "ar" if any("\u0600" <= ch <= "\u06ff" or "\u0750" <= ch <= "\u077f" for ch in text) else "latin"


ENTITY_FIELDS = ("id", "key", "type", "canonical", "canonical_ar", "entry", "mentions", "documents",
                 "first_seen", "last_seen", "confidence")


def entity_fields(e: dict[str, Any]) -> dict[str, Any]:
    """An entity row's own fields, as the CLI's and the API's JSON give them."""
    return {k: e[k] for k in ENTITY_FIELDS}


def entity_summary(e: dict[str, Any]) -> dict[str, Any]:
    """The JSON of an entity row: names, type, counts, dates, and a few other spellings."""
    shown = {e["canonical"], e["canonical_ar"]}
    return {**entity_fields(e), "aliases_total": len(e["aliases"]),
            "also": [a for a, _ in e["aliases"] if a not in shown][:ALSO_SHOWN]}


def list_entities(case: Case, etype: str | None = None, q: str | None = None, sort: str = "mentions",
                  offset: int = 0, limit: int = 50) -> dict[str, Any]:
    """One page of the case's entities: of one type, and/or whose canonical name or any
    alias contains `q` (normalised: either script, any case, with or without hamza and
    tashkeel), sorted by mentions, documents or name. `total` counts every match; `types`
    counts the matches per type, before the type filter (for the filter's menu)."""
    if sort not in SORTS:
        raise SleuthError(f"Sort by one of {', '.join(SORTS)}, not {sort!r}.")
    wanted = " ".join(normalize(q or "").split())
    rows = case.store.mentions.entities(limit=None)
    if wanted:
        rows = [e for e in rows if _names_contain(e, wanted)]
    types: dict[str, int] = {}
    for e in rows:
        types[e["type"]] = types.get(e["type"], 0) + 1
    if etype:
        rows = [e for e in rows if e["type"] == etype.upper()]
    if sort == "name":
        rows.sort(key=lambda e: (normalize(e["canonical"]), e["id"]))
    else:
        other = "documents" if sort == "mentions" else "mentions"
        rows.sort(key=lambda e: (-e[sort], -e[other], normalize(e["canonical"])))
    if wanted:
        # a name that is exactly what was typed comes first, whatever the order
        rows.sort(key=lambda e: not _names_equal(e, wanted))
    return {
        "total": len(rows),
        "offset": offset,
        "limit": limit,
        "sort": sort,
        "types": dict(sorted(types.items(), key=lambda kv: -kv[1])),
        "entities": [entity_summary(e) for e in rows[offset : offset + limit]],
    }


def _names(e: dict[str, Any]) -> list[str]:
    return [" ".join(normalize(n).split()) for n in (e["canonical"], e["canonical_ar"] or "",
                                                      *(a for a, _ in e["aliases"])) if n]


def _names_contain(e: dict[str, Any], wanted: str) -> bool:
    return any(wanted in n for n in _names(e))


def _names_equal(e: dict[str, Any], wanted: str) -> bool:
    return wanted in _names(e)


def entity_profile(case: Case, entity_id: int, sentences: int = 30, linked: int = 20,
                   events: int = 200) -> dict[str, Any] | None:
    """Everything the entity page shows about one entity, or None when there is no such
    entity (an id that a merge or split retired)."""
    from sleuth.link.report import entity_report

    store = case.store.mentions
    entity = store.entity(entity_id)
    if entity is None:
        return None
    report = entity_report(case, f"#{entity_id}", sentences=sentences, linked=linked)
    dates = store.document_dates([d["id"] for d in report["documents"]])
    found = entity_events(case, entity)
    return {
        "entity": entity_summary(entity),
        "aliases": [{"text": a, "mentions": n, "script": script_of(a)} for a, n in entity["aliases"]],
        "documents": [{"id": d["id"], "title": d.get("title") or "", "kind": d.get("kind"),
                       "language": d.get("language"), "path": d.get("path"), "mentions": d["mentions"],
                       "date": dates.get(d["id"])} for d in report["documents"]],
        "sentences": [{"document": s["document"], "page": s["page"], "title": s.get("title") or "",
                       "text": s["text"], "mention": s["mention"]} for s in report["sentences"]],
        "events_total": len(found),
        "events": _events_json(case, found[:events], entity["key"]),
        "linked": [{"id": o["id"], "canonical": o["canonical"], "type": o["type"], "weight": o["pages"]}
                   for o in report["linked"]],
        "decisions": decisions_about(case, entity),
    }


def entity_events(case: Case, entity: dict[str, Any]) -> list[Event]:
    """The events an entity takes part in, as source or target, in date order (from the
    case's kept events, so they are the ones the timeline shows)."""
    from sleuth.analyze.cache import case_events
    from sleuth.analyze.events import filter_events

    return list(filter_events(case_events(case), actors={entity["key"]}))


def _events_json(case: Case, found: list[Event], key: str) -> list[dict[str, Any]]:
    """The events as the timeline's API gives them, each with the entity's `role` in it."""
    from sleuth.analyze.report import event_items

    out = event_items(case, found, shown=EVIDENCE_SHOWN)
    for e, item in zip(found, out, strict=True):
        source, target = e.ids
        item["role"] = "both" if source == target == key else "source" if source == key else "target"
    return out


def decisions_about(case: Case, entity: dict[str, Any]) -> list[dict[str, Any]]:
    """The merges, splits and renames that name this entity or one of its match keys,
    oldest first, with who made them."""
    store = case.store.mentions
    keys = {entity["key"], *store.match_keys_of(entity["id"])}
    out = []
    for d in store.decisions():
        if d["subject"] in keys or d["object"] in keys or any(
                k.startswith(f"split:{d['subject']}:") for k in keys):
            out.append({"id": d["id"], "action": d["action"], "subject": d["subject"], "object": d["object"],
                        "made_at": d["made_at"], "made_by": d["made_by"]})
    return out
