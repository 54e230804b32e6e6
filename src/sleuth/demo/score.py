"""Score a case built from the demo trove against its truth.json (tests and bench/).

Entities are scored as mentions, file by file: the multiset of (type, text) a file's truth
lists against the mentions Sleuth stored for the file's document, texts compared after
normalisation. Files the truth lists as broken (unreadable on purpose) are left out.

Resolution is scored per planted actor (the invented cast and the organisations, places
and facilities of the story): all its spellings should land in one Sleuth entity
("resolved"), and no Sleuth entity should hold two actors ("pure"). Spellings two actors
share (a bare "Abu Yusuf") are left out of this count.
"""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sleuth.text.normalize import normalize

if TYPE_CHECKING:
    from sleuth.case import Case

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FACILITY")


@dataclass
class TypeScore:
    """Counts for one entity type."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


@dataclass
class EntityScores:
    """Mention scores per type, resolution of each truth entity, and the errors."""

    types: dict[str, TypeScore] = field(default_factory=dict)
    resolved: dict[str, set[int]] = field(default_factory=dict)   # truth canonical -> entity ids
    impure: dict[int, set[str]] = field(default_factory=dict)     # entity id -> truth canonicals
    missed: Counter[tuple[str, str]] = field(default_factory=Counter)
    spurious: Counter[tuple[str, str]] = field(default_factory=Counter)

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        split = {k: sorted(v) for k, v in self.resolved.items() if len(v) > 1}
        return {
            "types": {t: {"precision": round(s.precision, 3), "recall": round(s.recall, 3),
                          "f1": round(s.f1, 3), "tp": s.tp, "fp": s.fp, "fn": s.fn}
                      for t, s in self.types.items()},
            "truth_entities": len(self.resolved),
            "resolved_to_one": sum(1 for v in self.resolved.values() if len(v) == 1),
            "split": split, "impure": {k: sorted(v) for k, v in self.impure.items()},
        }


def score_entities(case: Case, outdir: Path) -> EntityScores:
    """Compare the case's mentions with the truth of every readable file of the trove."""
    truth = json.loads((outdir / "truth.json").read_text(encoding="utf-8"))
    root = outdir.resolve()
    broken = {b["path"] for b in truth.get("broken", [])}
    scores = EntityScores(types={t: TypeScore() for t in ENTITY_TYPES})
    holders: dict[int, set[str]] = defaultdict(set)
    planted = _planted(truth)
    for entry in truth["files"]:
        if entry["path"] in broken or entry["kind"] in ("archive", "mailbox"):
            continue
        doc = case.store.find_document(str(root / entry["path"].replace("!", "!/")))
        if doc is None:
            continue
        got: dict[tuple[str, str], list[int | None]] = defaultdict(list)
        for m in case.store.mentions.for_document(doc["id"]):
            if m["type"] in ENTITY_TYPES:
                got[(m["type"], _norm(m["text"]))].append(m["entity_id"])
        want: Counter[tuple[str, str]] = Counter()
        canonical: dict[tuple[str, str], str] = {}
        for e in entry["entities"]:
            key = (e["type"], _norm(e["text"]))
            want[key] += e["count"]
            canonical[key] = e["canonical"]
        for key in set(got) | set(want):
            etype = key[0]
            have = got.get(key, [])
            hit = min(len(have), want[key])
            s = scores.types[etype]
            s.tp += hit
            s.fp += len(have) - hit
            s.fn += want[key] - hit
            if want[key] > hit:
                scores.missed[key] += want[key] - hit
            if len(have) > hit:
                scores.spurious[key] += len(have) - hit
            name = canonical.get(key)
            if name is None or (etype, name) not in planted or key in planted[(etype, name)]:
                continue  # not a planted actor, or a spelling two actors share ("Abu Yusuf")
            ids = {i for i in have[:hit] if i is not None}
            scores.resolved.setdefault(f"{etype}:{name}", set()).update(ids)
            for i in ids:
                holders[i].add(f"{etype}:{name}")
    scores.impure = {i: names for i, names in holders.items() if len(names) > 1}
    return scores


def _planted(truth: dict[str, Any]) -> dict[tuple[str, str], set[tuple[str, str]]]:
    """The planted actors (the invented cast, and the organisations, places and facilities
    the story names), each with the spellings it shares with another actor: a bare
    "Abu Yusuf" may be any of three men, and no resolver can be asked to know which."""
    people = {p["canonical"] for p in truth["people"]}
    owners: dict[tuple[str, str], set[str]] = defaultdict(set)
    actors: set[tuple[str, str]] = set()
    for f in truth["files"]:
        for e in f["entities"]:
            if e["type"] == "PERSON" and e["canonical"] not in people:
                continue  # a name written once (a mother on a form): no actor of the story
            actors.add((e["type"], e["canonical"]))
            owners[(e["type"], _norm(e["text"]))].add(e["canonical"])
    shared = {k for k, names in owners.items() if len(names) > 1}
    return {a: {k for k in shared if k[0] == a[0] and a[1] in owners[k]} for a in actors}


def _norm(text: str) -> str:
    """Texts as compared: normalised, punctuation at the ends dropped, and without a leading
    title or place word (العقيد, General, مدينة, the town of), which some writers count as
    part of a name and others do not."""
    words = normalize(text).replace("-", " ").strip(" .,;:()«»\"'").split()
    lead = _leading_words()
    while len(words) > 1 and words[0] in lead:
        words = words[1:]
    return " ".join(words)


@lru_cache(maxsize=1)
def _leading_words() -> frozenset[str]:
    from sleuth.extract.finder import PLACE_CUES
    from sleuth.extract.names import load_rules

    return load_rules().titles | PLACE_CUES | {"the", "of"}
