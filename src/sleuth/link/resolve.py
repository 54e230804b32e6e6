"""Resolution: which mentions, across documents, spellings and scripts, are one entity.

Input is the match keys the extract stage gave each mention; output maps every match key to
one entity (with a confidence) and describes each entity: canonical names in both
scripts, the aliases seen, counts, first and last dates.

1. A gazetteer entry is one entity; its canonical names are the gazetteer's.
2. A typed identifier (phone, e-mail, ID number) is one entity per value.
3. Two names a document says are one person (a form's name and kunya fields) join.
   Names found by rules (match keys "PERSON:abu hmz rk") are grouped: the same name written
   in another script or spelling already has the same key (`link.keys`). Then, within a
   block of names sharing a rare word, names whose words match one for one with small
   differences (OCR noise: Jaro-Winkler >= 0.9 per word on skeletons) join; a name that is
   part of longer names that are all one entity (Abu Hamza -> Abu Hamza al-Raqqawi, when no
   other Abu Hamza is known) joins it with lower confidence; when several longer names
   contain it, the one its document's other entities point to, or a far better-known one;
   and a name whose key is a curated gazetteer person's or organisation's joins that entry.
4. Analyst decisions are replayed last, so they survive re-running: merges join entities,
   renames set the canonical name; a split gave the split-off mentions match keys of their
   own (`MentionStore.apply_splits`), which no rule joins back.
"""

from __future__ import annotations

import math
import time
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from rapidfuzz.distance import JaroWinkler

from sleuth.extract.gazetteer import Gazetteer, load_gazetteer
from sleuth.extract.mention import IDENTIFIER_TYPES
from sleuth.link.keys import name_words, nisbas, skeleton

if TYPE_CHECKING:
    from sleuth.case import Case

MARKERS = frozenset({"abu", "umm"})
WORD_SIMILARITY = 0.9
MAX_BLOCK = 200  # a word shared by more names than this is too common to block on
SUBSET_CONFIDENCE = 0.7
WEAK_SUBSET_CONFIDENCE = 0.6
DOCUMENT_CONFIDENCE = 0.95
CONTEXT_CONFIDENCE = 0.5
CONTEXT_MIN = 0.5        # weight of shared entities a context link needs at least
PROMINENCE = 2           # how much better known than the rest together a name must be
PROMINENCE_CONFIDENCE = 0.4
FUZZY_CONFIDENCE = 0.85


@dataclass
class Group:
    """The mentions that share one match key."""

    key: str
    type: str
    entry: str | None = None
    texts: Counter[str] = field(default_factory=Counter)
    documents: set[int] = field(default_factory=set)
    mentions: int = 0
    score: float = 0.0
    same_as: set[str] = field(default_factory=set)  # own keys of names a document linked here

    @property
    def words(self) -> frozenset[str]:
        """The name's key words (for name groups; a document mark "@12" is not a word)."""
        _, _, rest = self.key.partition(":")
        return frozenset(w for w in rest.split() if not w.startswith("@"))


@dataclass
class ResolveSummary:
    """What one resolution did."""

    mentions: int = 0
    match_keys: int = 0
    entities: int = 0
    seconds: float = 0.0

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form."""
        return {
            "mentions": self.mentions,
            "match_keys": self.match_keys,
            "entities": self.entities,
            "seconds": round(self.seconds, 3),
        }


class UnionFind:
    """Match keys joined into entities, with the lowest confidence of the joins each key
    took part in; `prefer` keeps a chosen key the root."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.confidence: dict[str, float] = {}

    def find(self, x: str) -> str:
        root = x
        while self.parent.get(root, root) != root:
            root = self.parent[root]
        while self.parent.get(x, x) != root:
            self.parent[x], x = root, self.parent[x]
        return root

    def union(self, a: str, b: str, confidence: float, prefer: str | None = None) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return
        if prefer is not None and self.find(prefer) == rb:
            ra, rb = rb, ra
        self.parent[rb] = ra
        for k in (a, b):
            self.confidence[k] = min(self.confidence.get(k, 1.0), confidence)


def resolve(case: Case) -> ResolveSummary:
    """Resolve every mention of the case into entities and store them."""
    started = time.perf_counter()
    summary = ResolveSummary()
    groups = collect(case.store.mentions.for_resolution())
    summary.mentions = sum(g.mentions for g in groups.values())
    summary.match_keys = len(groups)
    gazetteer = load_gazetteer(case.root)
    uf = cluster(groups, gazetteer)
    apply_decisions(uf, groups, case.store.mentions.decisions())
    dates = case.store.mentions.document_dates()
    renames = {d["subject"]: d["object"] for d in case.store.mentions.decisions() if d["action"] == "rename"}
    rows, keys = describe(groups, uf, gazetteer, dates, renames)
    before = case.store.search.entity_key_map()
    case.store.mentions.replace_entities(rows, keys)
    # the search index counts documents per entity key: re-index those whose keys moved
    from sleuth.search.indexing import refresh_entities

    refresh_entities(case, before, {mk: ek for mk, (ek, _) in keys.items()})
    summary.entities = len(rows)
    summary.seconds = time.perf_counter() - started
    return summary


def collect(rows: Iterable[tuple[Any, ...]]) -> dict[str, Group]:
    """Group mention rows (match_key, type, text, entry, document_id, score, own_key) by
    match key."""
    groups: dict[str, Group] = {}
    for match_key, etype, text, entry, doc_id, score, own_key in rows:
        g = groups.get(match_key)
        if g is None:
            g = groups[match_key] = Group(match_key, etype, entry)
        g.texts[text] += 1
        g.documents.add(doc_id)
        g.mentions += 1
        g.score += score
        if own_key and own_key != match_key:
            g.same_as.add(own_key)
    return groups


def cluster(groups: dict[str, Group], gazetteer: Gazetteer) -> UnionFind:
    """Union the match keys that name one entity (steps 1-3 of the module docstring)."""
    uf = UnionFind()
    known = _known_names(gazetteer)
    by_type: dict[str, list[Group]] = defaultdict(list)
    for g in groups.values():
        if (
            g.entry is None
            and not g.key.startswith("split:")
            and g.type in ("PERSON", "ORG", "GPE", "LOC", "FACILITY")
        ):
            by_type[g.type].append(g)
    ambiguous: dict[str, set[str]] = {}
    for g in groups.values():
        for own in g.same_as:  # a form said so: its name field and kunya are one person
            if own in groups:
                uf.union(g.key, own, DOCUMENT_CONFIDENCE, prefer=g.key)
    for etype, names in by_type.items():
        for g in names:
            entry = known.get((etype, g.words))
            if entry is not None:
                uf.union(f"entry:{entry}", g.key, FUZZY_CONFIDENCE, prefer=f"entry:{entry}")
        ambiguous.update(_cluster_names(names, uf))
    _by_context(ambiguous, groups, uf)
    return uf


def _known_names(gazetteer: Gazetteer) -> dict[tuple[str, frozenset[str]], str]:
    """Curated entries by (type, name words) of each of their names, where unambiguous."""
    out: dict[tuple[str, frozenset[str]], str] = {}
    clash: set[tuple[str, frozenset[str]]] = set()
    for e in gazetteer:
        if e.layer == "geonames":
            continue
        for name in e.names():
            words = frozenset(name_words(name))
            if len(words) < 2 and e.type == "PERSON":
                continue
            k = (e.type, words)
            if k in out and out[k] != e.id:
                clash.add(k)
            out[k] = e.id
    for k in clash:
        del out[k]
    return out


def _cluster_names(names: list[Group], uf: UnionFind) -> dict[str, set[str]]:
    """Join names of one type; returns the short names whose longer names are several."""
    blocks: dict[str, list[Group]] = defaultdict(list)
    for g in names:
        for w in _distinctive(g.words):
            blocks[w].append(g)
    seen: set[tuple[str, str]] = set()
    supersets: dict[str, set[str]] = defaultdict(set)
    size = {g.key: len(g.words) for g in names}
    groups_words = {g.key: g.words for g in names}
    for members in blocks.values():
        if len(members) > MAX_BLOCK:
            continue
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                pair = (a.key, b.key) if a.key < b.key else (b.key, a.key)
                if pair in seen:
                    continue
                seen.add(pair)
                relation = compare(a.words, b.words)
                if relation == "same" and "@" not in a.key and "@" not in b.key:
                    uf.union(a.key, b.key, FUZZY_CONFIDENCE)  # (one document's "Maryam" is not another's)
                elif relation == "a<b":
                    supersets[a.key].add(b.key)
                elif relation == "b<a":
                    supersets[b.key].add(a.key)
    # Longest short names first, so "Badia Trading Company" joins "Badia Trading and
    # Transport Company" before "Badia Company" asks whether its longer names are one.
    ambiguous: dict[str, set[str]] = {}
    for short in sorted(supersets, key=lambda k: -size[k]):
        roots = {uf.find(k) for k in supersets[short]}
        if len(roots) == 1:
            strong = len(_distinctive(groups_words[short])) >= 2
            confidence = SUBSET_CONFIDENCE if strong else WEAK_SUBSET_CONFIDENCE
            uf.union(next(iter(supersets[short])), short, confidence)
        else:
            ambiguous[short] = supersets[short]
    return ambiguous


def _by_context(ambiguous: dict[str, set[str]], groups: dict[str, Group], uf: UnionFind) -> None:
    """A short name that several longer names contain ("Abu Bilal": al-Deiri, al-Faransi)
    joins the one whose documents name the same people, units and places as its own, when
    that one clearly wins (twice the next one's weight of shared entities, rare entities
    weighing more than common ones)."""
    if not ambiguous:
        return
    doc_roots: dict[int, set[str]] = defaultdict(set)
    root_docs: dict[str, set[int]] = defaultdict(set)
    for g in groups.values():
        root = uf.find(g.key)
        root_docs[root] |= g.documents
        for d in g.documents:
            doc_roots[d].add(root)
    weight = {root: 1.0 / math.log2(2 + len(docs)) for root, docs in root_docs.items()}
    nearby: dict[str, set[str]] = {}

    def near(root: str) -> set[str]:
        if root not in nearby:
            nearby[root] = set().union(*(doc_roots[d] for d in root_docs[root])) - {root}
        return nearby[root]

    for short, candidates in ambiguous.items():
        roots = {uf.find(k) for k in candidates}
        own = uf.find(short)
        if len(roots) < 2 or own in roots:
            continue
        context = set().union(*(doc_roots[d] for d in groups[short].documents)) - roots - {own}
        scored = []
        for root in roots:
            scored.append((sum(weight.get(n, 0.0) for n in context & near(root)), root))
        scored.sort(reverse=True)
        (best, root), (second, _) = scored[0], scored[1]
        if best >= CONTEXT_MIN and best >= 2 * second:
            uf.union(root, short, CONTEXT_CONFIDENCE, prefer=root)
            continue
        # No clear context: a name far better known than all the others put together is
        # the likelier reading (the commander in forty letters, not a recruit in one form).
        known = sorted(((len(root_docs[r]), r) for r in roots), reverse=True)
        if known[0][0] >= PROMINENCE * sum(n for n, _ in known[1:]):
            uf.union(known[0][1], short, PROMINENCE_CONFIDENCE, prefer=known[0][1])


def _distinctive(words: frozenset[str]) -> frozenset[str]:
    """The words that tell names apart: not a kunya marker, not an organisation concept."""
    return frozenset(w for w in words if w not in MARKERS and not w.startswith("#"))


def compare(a: frozenset[str], b: frozenset[str]) -> str:
    """'same' when the names match word for word (allowing small spelling differences),
    'a<b' / 'b<a' when one is part of the other, '' otherwise."""
    if len(a) == len(b):
        return "same" if _enough(a) and _covered(a, b) else ""
    small, large, rel = (a, b, "a<b") if len(a) < len(b) else (b, a, "b<a")
    if _enough(small) and small & MARKERS == large & MARKERS and (small <= large or _covered(small, large)):
        return rel
    return ""


def _enough(words: frozenset[str]) -> bool:
    """Enough of a name to stand for a longer one: two words that tell names apart, or one
    with a kunya or an organisation word (Abu Hamza, Badia Company)."""
    distinctive = _distinctive(words)
    return len(distinctive) >= 2 or (len(distinctive) == 1 and len(words) >= 2)


def _covered(small: frozenset[str], large: frozenset[str]) -> bool:
    """Every word of `small` matches a distinct word of `large` (exactly or nearly)."""
    free = set(large)
    for w in sorted(small, key=len, reverse=True):
        if w in free:
            free.discard(w)
            continue
        best = max(free, key=lambda x: _word_similarity(w, x), default=None)
        if best is None or _word_similarity(w, best) < WORD_SIMILARITY:
            return False
        free.discard(best)
    return True


def _word_similarity(a: str, b: str) -> float:
    """How alike two key words are. Markers and concepts match only themselves; two given
    names the lexicon tells apart (=hasan, =hussein) never match; a lexicon name and a
    spelling it lacks are compared by skeleton (=dhib and db: Deeb and Dib)."""
    if a == b:
        return 1.0
    if a in MARKERS or b in MARKERS or a.startswith("#") or b.startswith("#"):
        return 0.0
    if a[:1] in "=^" and b[:1] in "=^":
        return 0.0  # two names (or two nisbas) the lexicons tell apart
    a, b = _skeleton_of(a), _skeleton_of(b)
    if a == b:
        return 1.0
    if min(len(a), len(b)) < 3:
        return 0.0
    return float(JaroWinkler.normalized_similarity(a, b))


def _skeleton_of(word: str) -> str:
    if word.startswith("^"):
        return nisbas()[1].get(word, word)
    return skeleton(word[1:].replace("_", "")) if word.startswith("=") else word


def apply_decisions(uf: UnionFind, groups: dict[str, Group], decisions: list[dict[str, Any]]) -> None:
    """Replay analyst merges in the order they were made (splits act on match keys:
    `MentionStore.apply_splits`)."""
    for d in decisions:
        if d["action"] == "merge" and d["object"]:
            uf.union(d["subject"], d["object"], 1.0, prefer=d["subject"])


def describe(
    groups: dict[str, Group],
    uf: UnionFind,
    gazetteer: Gazetteer,
    dates: dict[int, str],
    renames: dict[str, str],
) -> tuple[list[dict[str, Any]], dict[str, tuple[str, float]]]:
    """Entity rows and the match key -> (entity key, confidence) map."""
    members: dict[str, list[Group]] = defaultdict(list)
    for g in groups.values():
        members[uf.find(g.key)].append(g)
    rows: list[dict[str, Any]] = []
    keys: dict[str, tuple[str, float]] = {}
    for root, gs in members.items():
        gs.sort(key=lambda g: -g.mentions)
        entry_key = next((g.key for g in gs if g.key.startswith("entry:")), None)
        if entry_key is None and root.startswith("entry:"):
            entry_key = root
        ekey = entry_key or root
        texts: Counter[str] = Counter()
        docs: set[int] = set()
        for g in gs:
            texts.update(g.texts)
            docs |= g.documents
            keys[g.key] = (ekey, round(uf.confidence.get(g.key, 1.0), 3))
        entry = gazetteer.get(entry_key.removeprefix("entry:")) if entry_key else None
        etype = entry.type if entry else Counter({g.type: g.mentions for g in gs}).most_common(1)[0][0]
        canonical, canonical_ar = _canonical(texts, entry)
        if etype in IDENTIFIER_TYPES:  # a phone, e-mail or ID number is named by its normalised value
            canonical, canonical_ar = ekey.partition(":")[2], None
        canonical = renames.get(ekey, canonical)
        seen = sorted(dates[d] for d in docs if d in dates)
        n = sum(texts.values())
        score = sum(g.score for g in gs) / n if n else 0.0
        rows.append(
            {
                "key": ekey,
                "type": etype,
                "canonical": canonical,
                "canonical_ar": canonical_ar,
                "entry": entry.id if entry else None,
                "aliases": [[t, c] for t, c in texts.most_common()],
                "mentions": n,
                "documents": len(docs),
                "first_seen": seen[0] if seen else None,
                "last_seen": seen[-1] if seen else None,
                "confidence": round(min(score, min(keys[g.key][1] for g in gs)), 3),
            }
        )
    return rows, keys


def _canonical(texts: Counter[str], entry: Any) -> tuple[str, str | None]:
    """The gazetteer's names, or the most used full spelling in Latin and in Arabic script."""
    if entry is not None:
        return entry.name, entry.name_ar or None
    latin = [(t, c) for t, c in texts.most_common() if not _arabic(t)]
    arabic = [(t, c) for t, c in texts.most_common() if _arabic(t)]

    def best(items: list[tuple[str, int]]) -> str | None:
        if not items:
            return None
        top = items[0][1]
        # among spellings used at least half as often as the most used, the longest name
        return max(
            (t for t, c in items if c * 2 >= top), key=lambda t: (len(t.split()), -items.index((t, texts[t])))
        )

    name_ar = best(arabic)
    return best(latin) or name_ar or "", name_ar


def _arabic(text: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in text)
