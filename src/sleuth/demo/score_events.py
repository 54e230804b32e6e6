"""Score a case's events against the demo trove's truth.json (tests and bench/).

Two measures of (source, type, target), actors compared by the truth's canonical names:

- per telling: each readable file's set of asserted triples against the triples its truth
  lists (a file told twice, as an exact copy, counts twice);
- per event: each truth event is found when a merged Sleuth event with its triple has a
  telling in one of the files that tell it; each counted Sleuth event is right when it is
  such an event.

A Sleuth actor is named as the truth names it: its words are looked up among the entities
the truth lists for the file (so "the regime" in a letter is the Syrian government), else
among all the trove's entity texts, else its entity's canonical name. Reciprocal events
(the two sides agreed, met, traded) match either way round.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sleuth.demo.score import TypeScore, _norm

if TYPE_CHECKING:
    from sleuth.analyze.events import ActorRef
    from sleuth.case import Case

Triple = tuple[str | None, str, str | None]


class Counts(TypeScore):
    """True and false positives and misses, as `demo.score` counts mentions."""

    def as_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 3), "recall": round(self.recall, 3),
                "tp": self.tp, "fp": self.fp, "fn": self.fn}


@dataclass
class EventScores:
    """Both measures, per type too, and the errors."""

    tellings: Counts = field(default_factory=Counts)
    events: Counts = field(default_factory=Counts)
    by_type: dict[str, Counts] = field(default_factory=lambda: defaultdict(Counts))
    missed: Counter[tuple[str, Triple]] = field(default_factory=Counter)
    spurious: Counter[tuple[str, Triple]] = field(default_factory=Counter)
    missed_events: list[str] = field(default_factory=list)
    spurious_events: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        return {
            "tellings": self.tellings.as_dict(),
            "events": self.events.as_dict(),
            "by_type": {t: c.as_dict() for t, c in sorted(self.by_type.items())},
            "missed_events": self.missed_events,
        }


class _Names:
    """Sleuth actors named the truth's way."""

    def __init__(self, truth: dict[str, Any]) -> None:
        self.by_file: dict[str, dict[str, str]] = {}
        everywhere: dict[str, set[str]] = defaultdict(set)
        for f in truth["files"]:
            local = {}
            for e in f.get("entities", []):
                local[_norm(e["text"])] = e["canonical"]
                everywhere[_norm(e["text"])].add(e["canonical"])
            self.by_file[f["path"]] = local
        self.global_ = {k: next(iter(v)) for k, v in everywhere.items() if len(v) == 1}

    def name(self, paths: list[str], text: str | None, fallback: str | None) -> str | None:
        if text is None:
            return None
        key = _norm(text)
        for p in paths:
            if key in self.by_file.get(p, {}):
                return self.by_file[p][key]
        return self.global_.get(key, fallback)


def score_events(case: Case, outdir: Path) -> EventScores:
    """Compare the case's events with the truth of every readable file of the trove."""
    from sleuth.analyze.events import load_events

    truth = json.loads((outdir / "truth.json").read_text(encoding="utf-8"))
    root = outdir.resolve()
    broken = {b["path"] for b in truth.get("broken", [])}
    names = _Names(truth)
    scores = EventScores()
    doc_paths: dict[int, list[str]] = defaultdict(list)
    for f in truth["files"]:
        if f["path"] in broken or f["kind"] in ("archive", "mailbox"):
            continue
        doc = case.store.find_document(str(root / f["path"].replace("!", "!/")))
        if doc is not None:
            doc_paths[doc["id"]].append(f["path"])
    files = {f["path"]: f for f in truth["files"]}
    rows_by_doc: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for row in case.store.events.rows(list(doc_paths)):
        rows_by_doc[row["document_id"]].append(row)
    # per telling
    for doc_id, paths in doc_paths.items():
        ours = {
            _row_triple(names, paths, r): bool(r["reciprocal"])
            for r in rows_by_doc.get(doc_id, [])
            if r["modality"] == "asserted"
        }
        for path in paths:
            want = {(e["source"], e["type"], e["target"]) for e in files[path].get("events", [])}
            _compare(scores, path, want, ours)
    # per event
    tellers: dict[str, set[int]] = defaultdict(set)
    truth_events = {e["event"]: e for e in truth["events"]}
    for doc_id, paths in doc_paths.items():
        for path in paths:
            for e in files[path].get("events", []):
                tellers[e["event"]].add(doc_id)
                truth_events.setdefault(e["event"], e)
    ours_events = [e for e in load_events(case, list(doc_paths), independence=False) if e.counted]
    found: set[str] = set()
    for e in ours_events:
        paths = [p for d in e.documents for p in doc_paths.get(d, [])]
        triple = (_actor_name(names, paths, e.source), e.type, _actor_name(names, paths, e.target))
        hit = [
            tid
            for tid, t in truth_events.items()
            if tellers[tid] & set(e.documents)
            and _matches((t["source"], t["type"], t["target"]), triple, e.reciprocal)
        ]
        if hit:
            scores.events.tp += 1
            found.update(hit)
        else:
            scores.events.fp += 1
            first = e.evidence[0]
            scores.spurious_events.append(f"{triple} {e.date} DOC {first.document}: {first.sentence[:100]}")
    for tid in tellers:
        if tid not in found:
            scores.events.fn += 1
            t = truth_events[tid]
            scores.missed_events.append(f"{tid} {t['source']} {t['type']} {t['target']} {t.get('date')}")
    return scores


def _compare(scores: EventScores, path: str, want: set[Triple], ours: dict[Triple, bool]) -> None:
    matched: set[Triple] = set()
    for triple, reciprocal in ours.items():
        hit = next((w for w in want if w not in matched and _matches(w, triple, reciprocal)), None)
        counts = scores.by_type[triple[1]]
        if hit is not None:
            matched.add(hit)
            scores.tellings.tp += 1
            counts.tp += 1
        else:
            scores.tellings.fp += 1
            counts.fp += 1
            scores.spurious[(path, triple)] += 1
    for w in want - matched:
        scores.tellings.fn += 1
        scores.by_type[w[1]].fn += 1
        scores.missed[(path, w)] += 1


def _matches(want: Triple, got: Triple, reciprocal: bool) -> bool:
    if want == got:
        return True
    return reciprocal and want == (got[2], got[1], got[0])


def _row_triple(names: _Names, paths: list[str], row: dict[str, Any]) -> Triple:
    return (
        names.name(paths, row["source_text"], row.get("source_name") or row["source_text"]),
        row["type"],
        names.name(paths, row["target_text"], row.get("target_name") or row["target_text"]),
    )


def _actor_name(names: _Names, paths: list[str], actor: ActorRef | None) -> str | None:
    if actor is None:
        return None
    name = names.name(paths, actor.name, None)
    if name is None and actor.entity is None and actor.id.startswith("AGENT:"):
        return None  # a generic group the truth does not name (see _row_triple)
    return name or actor.name
