"""Findings in plain words: what `sleuth collusion` and `make demo` print."""

from __future__ import annotations

from collections import Counter
from typing import TYPE_CHECKING

from sleuth.analyze.events import Event

if TYPE_CHECKING:
    from sleuth.analyze.collusion import Collusion, Handover
    from sleuth.analyze.events import ActorRef

SHOWN = 8


def event_phrase(e: Event) -> str:
    """ "AGREE (military) at Deir Hafer, 2017-02-26, 3 sources" """
    mode = f" ({e.mode})" if e.mode else ""
    where = f" at {e.place}" if e.place else ""
    when = f", {e.date}" if e.date else ""
    return f"{e.type}{mode}{where}{when}, {e.independent} source{'s' if e.independent != 1 else ''}"


def see(e: Event, limit: int = 2) -> str:
    """ "DOC 41 p.1, DOC 97 p.2" for an event's first tellings (one per document)."""
    seen: list[str] = []
    for ev in e.evidence:
        label = f"DOC {ev.document} p.{ev.page}"
        if label not in seen:
            seen.append(label)
    more = f" +{len(seen) - limit}" if len(seen) > limit else ""
    return ", ".join(seen[:limit]) + more


def actor_name(a: ActorRef | None) -> str:
    """An actor's name, or a dash."""
    return a.name if a is not None else "-"


def collusion_summary(c: Collusion) -> str:
    """One paragraph: the pair, why they are enemies, what they did together."""
    kinds = Counter(e.type for e in c.cooperation)
    kind_text = ", ".join(f"{n} {t}" for t, n in kinds.most_common())
    head = (
        f"{c.a.name} <-> {c.b.name}: {c.why_enemies}, yet {len(c.cooperation)} cooperation "
        f"event{'s' if len(c.cooperation) != 1 else ''}" + (f" ({kind_text})" if kind_text else "")
    )
    if c.handovers:
        head += f" and {len(c.handovers)} handover{'s' if len(c.handovers) != 1 else ''}"
    return head + "."


def collusion_lines(c: Collusion, shown: int = SHOWN) -> list[str]:
    """The summary, then the strongest evidence line by line."""
    lines = [collusion_summary(c)]
    for h in c.handovers:
        lines.append("  " + handover_phrase(h))
    ranked = sorted(c.cooperation, key=lambda e: (-e.independent, e.date or ""))
    for e in ranked[:shown]:
        who = f"{actor_name(e.source)} -> {actor_name(e.target)}"
        lines.append(f"  {event_phrase(e)}: {who} — see {see(e)}")
        lines.append(f'      "{_short(e.evidence[0].sentence)}"')
    if len(ranked) > shown:
        lines.append(f"  ... and {len(ranked) - shown} more (sleuth collusion --json lists them all)")
    return lines


def handover_phrase(h: Handover) -> str:
    """ "Palmyra: Islamic State withdrew 2016-03-05, Syrian Arab Army took it 2016-03-27 (22 days),
    no fighting recorded in between — see DOC 12 p.1; DOC 40 p.1" """
    r, t = h.retreat, h.takeover
    return (
        f"handover of {h.place}: {actor_name(r.source)} withdrew {r.date}, {actor_name(t.source)} took it "
        f"{t.date} ({h.days} days later), no fighting recorded in between — see {see(r, 1)}; {see(t, 1)}"
    )


def _short(text: str, limit: int = 160) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"
