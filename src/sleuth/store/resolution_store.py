"""Resolution's side of the mention tables: the mentions it groups, the entities and match
keys it writes (for the whole case or for the entities one decision touches), and the
analyst's decisions it replays."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import bindparam, delete, func, select, update

from sleuth.store.batches import batches
from sleuth.store.schema import case_info, entities, entity_decisions, entity_keys, mentions

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from sleuth.store.store import Store

#: case_info key set by every resolution, so readers that cache what they built from the
#: entities (the workbench's graph) know when to build it again.
ENTITIES_VERSION = "entities_version"
#: What a resolution writes of an entity row besides its key.
ENTITY_FIELDS = ("type", "canonical", "canonical_ar", "entry", "aliases", "mentions", "documents",
                 "first_seen", "last_seen", "confidence")


class ResolutionStore:
    """What resolution reads and writes (a base of `MentionStore`: `store.mentions`)."""

    store: Store
    engine: Engine

    def for_resolution(self, match_keys: Sequence[str] | None = None) -> Iterator[tuple[Any, ...]]:
        """(match_key, type, text, entry, document_id, score, own_key) of every mention that
        refers to something (or only of those keyed by `match_keys`), grouped by match key."""
        if match_keys is not None:
            wanted = sorted(set(match_keys))
            for chunk in batches(wanted):
                yield from self._for_resolution(chunk)
            return
        yield from self._for_resolution(None)

    def _for_resolution(self, match_keys: Sequence[str] | None) -> Iterator[tuple[Any, ...]]:
        query = (
            select(
                mentions.c.match_key,
                mentions.c.type,
                mentions.c.text,
                mentions.c.entry,
                mentions.c.document_id,
                mentions.c.score,
                mentions.c.own_key,
            )
            .where(mentions.c.match_key.is_not(None), mentions.c.type != "DATE")
            .order_by(mentions.c.match_key)
        )
        if match_keys is not None:
            query = query.where(mentions.c.match_key.in_(match_keys))
        with self.engine.connect() as conn:
            yield from conn.execute(query).yield_per(10_000)

    def replace_entities(self, rows: list[dict[str, Any]], keys: dict[str, tuple[str, float]]) -> None:
        """Store a resolution: entity rows (by stable `key`) and match key -> (entity key,
        confidence). Entities that no longer exist are removed; ids of the others stay."""
        with self.engine.begin() as conn:
            existing = dict(conn.execute(select(entities.c.key, entities.c.id)).all())
            wanted = {r["key"] for r in rows}
            gone = [i for k, i in existing.items() if k not in wanted]
            conn.execute(delete(entity_keys))
            for chunk in batches(gone):
                conn.execute(delete(entities).where(entities.c.id.in_(chunk)))
            self._write_entities(conn, rows, keys)

    def replace_some_entities(self, old_ids: Sequence[int], rows: list[dict[str, Any]],
                              keys: dict[str, tuple[str, float]]) -> None:
        """Store the resolution of part of the case: the entities `old_ids` (and their match
        keys) become `rows` and `keys`. An old entity whose key is among the rows keeps its
        id; the others are removed."""
        wanted = {r["key"] for r in rows}
        with self.engine.begin() as conn:
            old = dict(conn.execute(select(entities.c.id, entities.c.key)
                                    .where(entities.c.id.in_(list(old_ids)))).all())
            conn.execute(delete(entity_keys).where(entity_keys.c.entity_id.in_(list(old))))
            match_keys = list(keys)
            for chunk in batches(match_keys):
                conn.execute(delete(entity_keys).where(entity_keys.c.match_key.in_(chunk)))
            gone = [i for i, k in old.items() if k not in wanted]
            if gone:
                conn.execute(delete(entities).where(entities.c.id.in_(gone)))
            self._write_entities(conn, rows, keys)

    def entity_ids_by_key(self, keys: Sequence[str]) -> dict[str, int]:
        """The ids of the entities with these keys (those that exist)."""
        wanted = sorted(set(keys))
        found: dict[str, int] = {}
        with self.engine.connect() as conn:
            for chunk in batches(wanted):
                found.update(conn.execute(select(entities.c.key, entities.c.id).where(
                    entities.c.key.in_(chunk))).all())
        return found

    def key_confidences(self, entity_ids: Sequence[int]) -> dict[str, tuple[int, float]]:
        """Match key -> (entity id, confidence) of every match key of these entities."""
        query = select(entity_keys.c.match_key, entity_keys.c.entity_id, entity_keys.c.confidence).where(
            entity_keys.c.entity_id.in_(list(entity_ids)))
        with self.engine.connect() as conn:
            return {mk: (eid, conf) for mk, eid, conf in conn.execute(query)}

    def _write_entities(self, conn: Connection, rows: list[dict[str, Any]],
                        keys: dict[str, tuple[str, float]]) -> None:
        """Upsert entity rows by key, add their match keys, mark the entities changed."""
        insert = self.store._insert
        for some in batches(rows, 2000):
            batch = [{**r, "aliases": json.dumps(r["aliases"], ensure_ascii=False)} for r in some]
            stmt = insert(entities)
            conn.execute(
                stmt.on_conflict_do_update(
                    index_elements=[entities.c.key],
                    set_={c: stmt.excluded[c] for c in ENTITY_FIELDS},
                ),
                batch,
            )
        wanted = sorted({ek for ek, _ in keys.values()})
        if len(wanted) > 5000:  # a whole resolution: one pass over the table
            ids = dict(conn.execute(select(entities.c.key, entities.c.id)).all())
        else:
            ids = {}
            for chunk in batches(wanted):
                ids.update(conn.execute(select(entities.c.key, entities.c.id).where(
                    entities.c.key.in_(chunk))).all())
        key_rows = [
            {"match_key": mk, "entity_id": ids[ek], "confidence": conf} for mk, (ek, conf) in keys.items()
        ]
        for some in batches(key_rows, 5000):
            conn.execute(entity_keys.insert(), some)
        stamp = f"{time.time():.6f}"
        conn.execute(self.store._insert(case_info).values(key=ENTITIES_VERSION, value=stamp)
                     .on_conflict_do_update(index_elements=[case_info.c.key], set_={"value": stamp}))

    def entities_version(self) -> str:
        """A value that changes whenever the entities do: the time of the last resolution,
        with the entity and decision counts (for cases resolved before the time was kept)."""
        with self.engine.connect() as conn:
            stamp = conn.execute(
                select(case_info.c.value).where(case_info.c.key == ENTITIES_VERSION)).scalar()
            count, top, total = conn.execute(
                select(func.count(), func.max(entities.c.id), func.sum(entities.c.mentions))).one()
            decided = conn.execute(select(func.count(), func.max(entity_decisions.c.id))).one()
        return f"{stamp}:{count}:{top}:{total}:{decided[0]}:{decided[1]}"

    # ---- analyst decisions --------------------------------------------------------

    def add_decision(self, action: str, subject: str, obj: str | None, by: str | None = None) -> None:
        """Record a merge, split or rename (`by`: the workbench user who made it)."""
        with self.engine.begin() as conn:
            conn.execute(
                entity_decisions.insert().values(
                    action=action, subject=subject, object=obj, made_at=time.time(), made_by=by
                )
            )

    def splits(self) -> dict[str, set[str]]:
        """Split decisions: match key -> normalised spellings that were split off it."""
        out: dict[str, set[str]] = {}
        for d in self.decisions():
            if d["action"] == "split" and d["object"]:
                out.setdefault(d["subject"], set()).add(d["object"])
        return out

    def apply_splits(self) -> None:
        """Give the mentions an analyst split off their entity their own match key."""
        from sleuth.link.decisions import split_key
        from sleuth.text.normalize import normalize

        splits = self.splits()
        if not splits:
            return
        with self.engine.begin() as conn:
            rows = conn.execute(
                select(mentions.c.id, mentions.c.match_key, mentions.c.text).where(
                    mentions.c.match_key.in_(list(splits))
                )
            ).all()
            changes = [
                {"mid": mid, "key": split_key(key, normalize(text))}
                for mid, key, text in rows
                if normalize(text) in splits[key]
            ]
            if changes:
                conn.execute(
                    update(mentions)
                    .where(mentions.c.id == bindparam("mid"))
                    .values(match_key=bindparam("key")),
                    changes,
                )

    def decisions(self) -> list[dict[str, Any]]:
        """Every analyst decision, oldest first."""
        with self.engine.connect() as conn:
            return [
                dict(r._mapping)
                for r in conn.execute(select(entity_decisions).order_by(entity_decisions.c.id))
            ]
