"""Score the event coder on PLOVER's human-coded example sentences.

`../shared/corpora/plover/PLOVER_GSR_CAMEO.json` holds 322 sentences, each coded by people
with one event: its type (old PLOVER 0.5 names, mapped as the corpus README says: DEMAND ->
REQUEST, DISAPPROVE and INVESTIGATE -> ACCUSE, FIGHT -> ASSAULT) and the words of its
source and target actors. Sleuth codes every sentence; per sentence:

- type: the gold type is found when one of Sleuth's events has it (recall); precision is
  the share of Sleuth's event types that are the gold one;
- source / target: for a sentence whose gold type Sleuth found, whether that event's source
  (target) overlaps the words people marked;
- triple: type, source and target all right;
- main event: as a one-event-per-sentence coder would answer, Sleuth's first asserted event
  (else its first): the share of sentences where its type is the gold one.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sleuth.extract.events.coder import EventCoder
from sleuth.extract.finder import MentionFinder
from sleuth.extract.plover import load_records, marked_spans, record_actors
from sleuth.extract.stage import code_document, extract_document

OLD_NAMES = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


@dataclass
class GoldScore:
    """Counts over the corpus."""

    sentences: int = 0
    predicted: int = 0
    type_found: int = 0
    with_source: int = 0
    source_right: int = 0
    with_target: int = 0
    target_right: int = 0
    triple_right: int = 0
    main_right: int = 0
    confusion: dict[str, dict[str, int]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""

        def ratio(a: int, b: int) -> float:
            return round(a / b, 3) if b else 0.0

        return {
            "sentences": self.sentences,
            "type_recall": ratio(self.type_found, self.sentences),
            "type_precision": ratio(self.type_found, self.predicted),
            "source_accuracy": ratio(self.source_right, self.with_source),
            "target_accuracy": ratio(self.target_right, self.with_target),
            "triple_accuracy": ratio(self.triple_right, self.sentences),
            "main_event_type_accuracy": ratio(self.main_right, self.sentences),
        }


def score_gold(path: Path, finder: MentionFinder, coder: EventCoder) -> GoldScore:
    """Code every sentence of the corpus and compare with what people coded."""
    score = GoldScore()
    for r in load_records(path):
        text = r["text"]
        gold = OLD_NAMES.get(r["event"], r["event"])
        events = [e for _, e in code_document(coder, [text], extract_document([text], finder))]
        types = {e.type for e in events}
        score.sentences += 1
        score.predicted += len(types)
        row = score.confusion.setdefault(gold, {})
        for t in types or {"-"}:
            row[t] = row.get(t, 0) + 1
        ordered = sorted(events, key=lambda e: (e.modality != "asserted", e.trigger[0]))
        score.main_right += bool(ordered) and ordered[0].type == gold
        if gold not in types:
            continue
        score.type_found += 1
        event = next(e for e in events if e.type == gold)
        sources = [(a, b) for a, b, _ in marked_spans(text, record_actors(r.get("source")))]
        targets = [(a, b) for a, b, _ in marked_spans(text, record_actors(r.get("target")))]
        src_ok = _overlaps(event.source, sources) if sources else True
        tgt_ok = _overlaps(event.target, targets) if targets else event.target is None or not targets
        if sources:
            score.with_source += 1
            score.source_right += src_ok
        if targets:
            score.with_target += 1
            score.target_right += tgt_ok
        score.triple_right += src_ok and tgt_ok
    return score


def _overlaps(actor: Any, spans: list[tuple[int, int]]) -> bool:
    if actor is None:
        return False
    return any(actor.start < e and s < actor.end for s, e in spans)
