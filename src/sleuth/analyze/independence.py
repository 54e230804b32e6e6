"""How many independent sources tell an event.

Documents that are copies of one another count once: an exact copy is already one document
(the store is content-addressed); a re-typed, scanned or photographed copy shares most of
its word sequences with the original; an attachment belongs to the e-mail that carried it.
Two documents are one source when either holds the other, or when at least
`SAME_SOURCE_OVERLAP` of the shorter one's word triples are in the longer one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from sqlalchemy import select

from sleuth.store.batches import batches
from sleuth.store.schema import provenance
from sleuth.text.normalize import normalize
from sleuth.text.tokens import tokenize

if TYPE_CHECKING:
    from sleuth.analyze.events import Event
    from sleuth.case import Case

SAME_SOURCE_OVERLAP = 0.5
SHINGLE = 3


def shingles(text: str) -> frozenset[int]:
    """Hashes of the text's word triples (normalised words)."""
    words = [t.text for t in tokenize(normalize(text))]
    return frozenset(hash(tuple(words[i : i + SHINGLE])) for i in range(max(0, len(words) - SHINGLE + 1)))


def same_source(a: frozenset[int], b: frozenset[int]) -> bool:
    """Whether two documents' word triples say one is a copy of the other."""
    if not a or not b:
        return False
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    return len(small & large) >= SAME_SOURCE_OVERLAP * len(small)


def source_groups(
    doc_ids: Sequence[int], texts: dict[int, frozenset[int]], parents: dict[int, set[int]]
) -> list[set[int]]:
    """The documents grouped into independent sources."""
    parent = {d: d for d in doc_ids}

    def find(d: int) -> int:
        while parent[d] != d:
            parent[d] = parent[parent[d]]
            d = parent[d]
        return d

    for i, a in enumerate(doc_ids):
        for b in doc_ids[i + 1 :]:
            if find(a) == find(b):
                continue
            if (
                b in parents.get(a, ())
                or a in parents.get(b, ())
                or same_source(texts.get(a, frozenset()), texts.get(b, frozenset()))
            ):
                parent[find(b)] = find(a)
    groups: dict[int, set[int]] = {}
    for d in doc_ids:
        groups.setdefault(find(d), set()).add(d)
    return list(groups.values())


def count_independent(case: Case, events: Iterable[Event]) -> None:
    """Set `independent` on every event told by more than one document."""
    multi = [e for e in events if len(e.documents) > 1]
    if not multi:
        return
    needed = sorted({d for e in multi for d in e.documents})
    texts: dict[int, frozenset[int]] = {}
    for chunk in batches(needed):
        for doc_id, pages in case.store.mentions.page_texts(chunk).items():
            texts[doc_id] = shingles("\n".join(pages))
    parents = _containers(case, needed)
    for e in multi:
        e.independent = len(source_groups(e.documents, texts, parents))


def _containers(case: Case, doc_ids: list[int]) -> dict[int, set[int]]:
    """Each document's containers (the e-mail an attachment came in, the archive a file was in)."""
    out: dict[int, set[int]] = {}
    with case.store.engine.connect() as conn:
        for chunk in batches(doc_ids):
            query = select(provenance.c.document_id, provenance.c.parent_id).where(
                provenance.c.document_id.in_(chunk), provenance.c.parent_id.is_not(None)
            )
            for doc_id, parent_id in conn.execute(query):
                out.setdefault(doc_id, set()).add(parent_id)
    return out
