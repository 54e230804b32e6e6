"""What the search index needs from the mention and entity tables: the entity keys and own
date of each document to index, and entity names for facet labels (`sleuth.search.indexing`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, select

from sleuth.store.batches import batches
from sleuth.store.schema import entities, entity_keys, mentions

if TYPE_CHECKING:
    from sleuth.store.store import Store

DOCUMENT_DATE = "DATE:document"


class SearchStore:
    """The search side of a case store (`store.search`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    def index_fields(self, doc_ids: Sequence[int]) -> tuple[dict[int, set[str]], dict[int, str]]:
        """What the search index keeps of these documents' mentions: the keys of the entities
        each names (a match key not resolved yet stands for itself) and its own date."""
        names: dict[int, set[str]] = {}
        dates: dict[int, str] = {}
        ids = list(doc_ids)
        value = func.coalesce(entities.c.key, mentions.c.match_key)
        joined = mentions.outerjoin(entity_keys, entity_keys.c.match_key == mentions.c.match_key).outerjoin(
            entities, entities.c.id == entity_keys.c.entity_id)
        with self.engine.connect() as conn:
            for chunk in batches(ids):
                query = (
                    select(mentions.c.document_id, value).distinct()
                    .select_from(joined)
                    .where(mentions.c.document_id.in_(chunk), mentions.c.match_key.is_not(None),
                           mentions.c.type != "DATE")
                )
                for doc_id, key in conn.execute(query):
                    names.setdefault(doc_id, set()).add(key)
                dates.update(conn.execute(select(mentions.c.document_id, mentions.c.value).where(
                    mentions.c.document_id.in_(chunk), mentions.c.match_key == DOCUMENT_DATE,
                    mentions.c.value.is_not(None))).all())
        return names, dates

    def entity_key_map(self) -> dict[str, str]:
        """Match key -> the key of the entity it belongs to, as last resolved."""
        query = select(entity_keys.c.match_key, entities.c.key).select_from(
            entity_keys.join(entities, entities.c.id == entity_keys.c.entity_id))
        with self.engine.connect() as conn:
            return dict(conn.execute(query).yield_per(50_000).all())

    def documents_with_keys(self, match_keys: Sequence[str]) -> set[int]:
        """Documents with a mention keyed by any of these match keys."""
        out: set[int] = set()
        keys = list(match_keys)
        with self.engine.connect() as conn:
            for chunk in batches(keys):
                out.update(conn.execute(select(mentions.c.document_id).distinct().where(
                    mentions.c.match_key.in_(chunk))).scalars())
        return out

    def entities_for_keys(self, keys: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The entity (id, key, type, canonical) each key names: an entity key, or a match key
        that belongs to an entity."""
        out: dict[str, dict[str, Any]] = {}
        wanted = list(dict.fromkeys(keys))
        columns = (entities.c.id, entities.c.key, entities.c.type, entities.c.canonical)
        with self.engine.connect() as conn:
            for chunk in batches(wanted):
                for row in conn.execute(select(*columns).where(entities.c.key.in_(chunk))):
                    out[row.key] = dict(row._mapping)
                rest = [k for k in chunk if k not in out]
                if rest:
                    query = select(entity_keys.c.match_key, *columns).select_from(
                        entity_keys.join(entities, entities.c.id == entity_keys.c.entity_id)
                    ).where(entity_keys.c.match_key.in_(rest))
                    for found in conn.execute(query):
                        out[found.match_key] = {c.name: found._mapping[c.name] for c in columns}
        return out

    def canonical_counts(self, names: Sequence[str]) -> dict[str, int]:
        """How many entities have each of these canonical names."""
        query = select(entities.c.canonical, func.count()).where(
            entities.c.canonical.in_(list(set(names)))).group_by(entities.c.canonical)
        with self.engine.connect() as conn:
            return {name: int(n) for name, n in conn.execute(query)}
