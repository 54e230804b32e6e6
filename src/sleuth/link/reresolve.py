"""Applying an analyst decision to the entities it touches, not the whole case.

`resolve` clusters every match key of the case (a minute and a half on 150,000 documents);
a merge, split or rename changes one or two entities. `reresolve` describes again only the
entities a decision touches, from their match keys' current mentions, exactly as `resolve`
would after replaying the decision: a merge joins the two entities' keys under the kept
one's, a split leaves the split-off keys (`split:...`) entities of their own, a rename
sets the canonical name (`describe` reads the renames). The next full resolution (every
ingest ends with one) replays the same decisions and reaches the same entities; after a
split it may raise the confidence of keys that the split-off spelling had joined with
less than certainty (a short name that was part of the longer one).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from sleuth.extract.gazetteer import Gazetteer, load_gazetteer
from sleuth.link.resolve import UnionFind, collect, describe, resolve

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sleuth.case import Case


def reresolve(case: Case, entity_ids: Sequence[int], merge: tuple[str, str] | None = None,
              new_keys: Sequence[str] = ()) -> None:
    """Describe the entities `entity_ids` again: with `merge` ((kept entity key, other
    entity key)) joined, and with the match keys `new_keys` (split off them) as entities of
    their own. Falls back to a whole resolution when the part would collide with an entity
    outside it."""
    store = case.store.mentions
    owned = store.key_confidences(entity_ids)
    old_ids = sorted(set(entity_ids))
    old_keys = {e["id"]: e["key"] for e in (store.entity(i) for i in old_ids) if e is not None}
    groups = collect(store.for_resolution([*owned, *new_keys]))
    uf = UnionFind()
    for match_key, (entity_id, confidence) in owned.items():
        root = old_keys.get(entity_id, match_key)
        if match_key != root:
            uf.parent[match_key] = root
        uf.confidence[match_key] = confidence
    if merge is not None:
        uf.union(merge[0], merge[1], 1.0, prefer=merge[0])
    documents = sorted({doc for g in groups.values() for doc in g.documents})
    renames = {d["subject"]: d["object"] for d in store.decisions() if d["action"] == "rename"}
    # the gazetteer (seconds to load, the first time in a process) only names entry entities
    entries = any(k.startswith("entry:") for k in (*groups, *old_keys.values()))
    gazetteer = load_gazetteer(case.root) if entries else Gazetteer(())
    rows, keys = describe(groups, uf, gazetteer, store.document_dates(documents), renames)
    clash = {k: i for k, i in store.entity_ids_by_key([r["key"] for r in rows]).items() if i not in old_keys}
    if clash:
        resolve(case)
        return
    before = {mk: old_keys[eid] for mk, (eid, _) in owned.items() if eid in old_keys}
    store.replace_some_entities(old_ids, rows, keys)
    # the search index counts documents per entity key: re-index those whose keys moved
    from sleuth.search.indexing import refresh_entities

    refresh_entities(case, before, {mk: ek for mk, (ek, _) in keys.items()})
