"""Score mentions against the actors people marked in PLOVER's example sentences.

`../shared/corpora/plover/PLOVER_GSR_CAMEO.json` holds 322 news-style sentences with their
source and target actors marked by hand (`actorText`). An actor counts as found when a
PERSON, ORG, GPE, LOC, FACILITY or NORP mention overlaps its words in the sentence (many
actors are nationalities: "Israeli soldiers", "the Sudanese government"). Only the
event's actors are marked, not every entity, so the precision here is a lower bound: the
share of Sleuth's mentions that overlap a marked actor.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sleuth.extract.finder import MentionFinder
from sleuth.extract.mention import ENTITY_TYPES


@dataclass
class ActorScore:
    """Marked actors found, and Sleuth mentions that overlap a marked actor."""

    actors: int = 0
    found: int = 0
    mentions: int = 0
    on_actor: int = 0
    missed: list[str] = field(default_factory=list)

    @property
    def recall(self) -> float:
        return self.found / self.actors if self.actors else 1.0

    @property
    def precision(self) -> float:
        return self.on_actor / self.mentions if self.mentions else 1.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {"actors": self.actors, "found": self.found, "recall": round(self.recall, 3),
                "mentions": self.mentions, "on_actor": self.on_actor,
                "precision_lower_bound": round(self.precision, 3)}


def score_plover(path: Path, finder: MentionFinder) -> ActorScore:
    """Recall of the marked actors and the precision lower bound, over every sentence."""
    score = ActorScore()
    for r in load_records(path):
        text = r["text"]
        spans = marked_spans(text, [*record_actors(r.get("source")), *record_actors(r.get("target"))])
        found = [m for m in finder.find(text) if m.type in ENTITY_TYPES]
        score.mentions += len(found)
        score.on_actor += sum(1 for m in found if any(m.start < e and s < m.end for s, e, _ in spans))
        for s, e, name in spans:
            score.actors += 1
            if any(m.start < e and s < m.end for m in found):
                score.found += 1
            else:
                score.missed.append(name)
    return score


def load_records(path: Path) -> list[dict[str, Any]]:
    """The corpus's coded sentences (its first record only holds provenance)."""
    return [r for r in json.loads(path.read_text(encoding="utf-8")) if r.get("event") != "DOCUMENT"]


def marked_spans(text: str, actors: list[dict[str, Any]]) -> list[tuple[int, int, str]]:
    """Where in the sentence the words people marked for these actors stand."""
    spans = []
    for actor in actors:
        name = (actor.get("actorText") or "").strip()
        if not name:
            continue
        at = text.find(name)
        if at < 0:
            at = text.lower().find(name.lower())
        if at >= 0:
            spans.append((at, at + len(name), name))
    return spans


def record_actors(value: Any) -> list[dict[str, Any]]:
    """The actor list of a record (a few records hold an empty string or nothing)."""
    return [a for a in value if isinstance(a, dict)] if isinstance(value, list) else []
