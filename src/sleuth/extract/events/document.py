"""Decisions over a whole document: definite descriptions ("the army") resolved to the
actor the document named, and one-sided tellings of events it tells in full dropped."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from sleuth.extract.events.actors import Actor, actor_key
from sleuth.extract.events.coder import OUTCOME_MODES, CodedEvent
from sleuth.extract.gazetteer import Gazetteer
from sleuth.extract.mention import Mention
from sleuth.text.normalize import normalize

# "the army" in a report that has named the Syrian Arab Army is it; "the government" the
# government named before. Agent sectors and the gazetteer kinds they can stand for.
DEFINITE_KINDS = {
    "military": frozenset({"military"}),
    "government": frozenset({"government"}),
    "police": frozenset({"security"}),
}
DEFINITE_WORDS = frozenset(
    {
        "army",
        "military",
        "government",
        "police",
        "الجيش",
        "الحكومه",
        "الشرطه",
        "القوات الحكوميه",
        "القوات المسلحه",
    }
)


def resolve_definite_agents(
    events: list[tuple[int, CodedEvent]],
    named: Sequence[tuple[int, Mention, str | None]],
    gazetteer: Gazetteer | None,
) -> list[tuple[int, CodedEvent]]:
    """A definite generic actor ("the army", الجيش, "the government") is the last actor of
    that kind the document named before it (or, if none came before, the only one it names)."""
    if gazetteer is None or not named:
        return events
    kinds: list[tuple[int, int, str, Mention, str | None]] = []
    for page, m, key in named:
        entry = gazetteer.get(m.entry) if m.entry else None
        if entry is not None and m.type == "ORG":
            kinds.append((page, m.start, entry.kind, m, key))

    def resolve(page: int, actor: Actor | None) -> Actor | None:
        if actor is None or actor.type != "AGENT" or actor.sector not in DEFINITE_KINDS:
            return actor
        if normalize(actor.text).removeprefix("the ").strip() not in DEFINITE_WORDS:
            return actor
        wanted = DEFINITE_KINDS[actor.sector]
        options = [k for k in kinds if k[2] in wanted]
        before = [k for k in options if (k[0], k[1]) < (page, actor.start)]
        pick = before[-1] if before else (options[0] if len({o[3].entry for o in options}) == 1 else None)
        if pick is None:
            return actor
        m, key = pick[3], pick[4]
        return replace(actor, type="ORG", key=key, entry=m.entry)

    out = []
    for page, e in events:
        source, target = resolve(page, e.source), resolve(page, e.target)
        out.append(
            (
                page,
                e if (source, target) == (e.source, e.target) else replace(e, source=source, target=target),
            )
        )
    return out


def tidy_document(events: list[tuple[int, CodedEvent]]) -> list[tuple[int, CodedEvent]]:
    """Within a document, a one-sided telling of an event the document tells in full is
    dropped: the headline "The army enters Deir Hafir" above "Government forces entered
    Deir Hafer ... and took control of the city from the Islamic State", or the headline "IS
    seizes the Tabqa airbase" above the report of the fight in which it took it."""
    full = [
        (e.type, e.mode, actor_key(e.source), actor_key(e.target))
        for _, e in events
        if e.source is not None and e.target is not None and e.modality == "asserted"
    ]
    out = []
    for page, e in events:
        if e.source is None or e.target is None:
            have = actor_key(e.source) if e.source is not None else actor_key(e.target)
            outcome = e.type == "COERCE" and e.mode in OUTCOME_MODES
            if any(
                have in (a, b) and (t == e.type or (outcome and t == "ASSAULT" and have == a))
                for t, _, a, b in full
            ):
                continue
        out.append((page, e))
    return out
