"""The events table: rows from coded events, and the queries the event commands need."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, and_, delete, func, select
from sqlalchemy.sql import Select

from sleuth.extract.events.actors import actor_key
from sleuth.store.batches import batches
from sleuth.store.schema import entities, entity_decisions, entity_keys, events, provenance

if TYPE_CHECKING:
    from sleuth.extract.stage import PageEvent
    from sleuth.store.store import Store


def event_rows(coded: dict[int, list[PageEvent]]) -> list[dict[str, Any]]:
    """Table rows of the events coded in some documents."""
    rows: list[dict[str, Any]] = []
    for doc_id, found in coded.items():
        for page, e in found:
            row: dict[str, Any] = {
                "document_id": doc_id,
                "page": page,
                "sentence_start": e.sentence[0],
                "sentence_end": e.sentence[1],
                "trigger_start": e.trigger[0],
                "trigger_end": e.trigger[1],
                "trigger": e.trigger_text,
                "type": e.type,
                "mode": e.mode,
                "quad_class": e.quad_class,
                "modality": e.modality,
                "place_key": e.place.key if e.place else None,
                "place_text": " ".join(e.place.text.split()) if e.place else None,
                "date": e.date,
                "date_from": e.date_from,
                "reciprocal": e.reciprocal,
                "arranged": e.arranged,
                "sentence": e.sentence_text,
            }
            for side, actor in (("source", e.source), ("target", e.target)):
                row[f"{side}_key"] = actor_key(actor)
                row[f"{side}_text"] = " ".join(actor.text.split()) if actor else None
                row[f"{side}_type"] = actor.type if actor else None
            rows.append(row)
    return rows


class EventStore:
    """The event side of a case store (`store.events`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    def replace(
        self, conn: Connection, document_ids: Sequence[int], coded: dict[int, list[PageEvent]]
    ) -> None:
        """Replace these documents' events, inside the caller's transaction (the extract
        stage writes mentions, records and events of a document together)."""
        conn.execute(delete(events).where(events.c.document_id.in_(list(document_ids))))
        rows = event_rows(coded)
        if rows:
            conn.execute(events.insert(), rows)

    def rows(
        self, document_ids: Sequence[int] | None = None, sentences: bool = True
    ) -> Iterator[dict[str, Any]]:
        """Every stored event with its actors resolved to entities (id and canonical name).
        Without `sentences` the sentence and trigger words are left out (`sentences()` gives
        them for the events a caller shows): reading a million rows is then much lighter."""
        query = self._query(sentences)
        if document_ids is not None:
            query = query.where(events.c.document_id.in_(list(document_ids)))
        with self.engine.connect() as conn:
            result = conn.execute(query.order_by(events.c.id)).yield_per(20_000)
            keys = list(result.keys())
            for row in result:
                yield dict(zip(keys, row, strict=True))

    def types_of(self, document_ids: Sequence[int], modality: str = "asserted") -> dict[int, set[str]]:
        """The types of the events each document tells with this modality (for the index)."""
        out: dict[int, set[str]] = {}
        ids = list(document_ids)
        with self.engine.connect() as conn:
            for chunk in batches(ids):
                query = select(events.c.document_id, events.c.type).distinct().where(
                    events.c.document_id.in_(chunk), events.c.modality == modality)
                for doc_id, etype in conn.execute(query):
                    out.setdefault(doc_id, set()).add(etype)
        return out

    def first_paths(self, document_ids: set[int]) -> dict[int, str]:
        """The first path each document was found at."""
        out: dict[int, str] = {}
        ids = sorted(document_ids)
        with self.engine.connect() as conn:
            for chunk in batches(ids, 900):
                first = (
                    select(provenance.c.document_id, func.min(provenance.c.id).label("first"))
                    .where(provenance.c.document_id.in_(chunk))
                    .group_by(provenance.c.document_id)
                    .subquery()
                )
                query = select(first.c.document_id, provenance.c.path).join(
                    provenance, provenance.c.id == first.c.first
                )
                out.update({doc_id: path for doc_id, path in conn.execute(query)})
        return out

    def agent_keys(self, words: str) -> set[str]:
        """Keys of the generic agents written with these (normalised) words."""
        query = (
            select(events.c.source_key)
            .where(events.c.source_key.like("AGENT:%:" + words))
            .union(select(events.c.target_key).where(events.c.target_key.like("AGENT:%:" + words)))
        )
        with self.engine.connect() as conn:
            return {k for k in conn.execute(query).scalars() if k}

    def count(self) -> int:
        """How many events the case holds."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(events)).scalar_one())

    def state(self) -> tuple[int, ...]:
        """A cheap fingerprint of what loaded events depend on: the event rows (how many,
        the newest id), the entities they resolve to (how many, the newest id) and the
        analyst's decisions. It changes when an ingest, a resolution or a merge does."""
        parts = [
            select(func.count()).select_from(events),
            select(func.coalesce(func.max(events.c.id), 0)),
            select(func.count()).select_from(entities),
            select(func.coalesce(func.max(entities.c.id), 0)),
            select(func.count()).select_from(entity_decisions),
        ]
        with self.engine.connect() as conn:
            row = conn.execute(select(*(p.scalar_subquery() for p in parts))).one()
        return tuple(int(v) for v in row)

    def sentences(self, row_ids: Sequence[int]) -> dict[int, tuple[str, str]]:
        """(sentence, trigger words) of some event rows."""
        out: dict[int, tuple[str, str]] = {}
        ids = sorted(set(row_ids))
        with self.engine.connect() as conn:
            for chunk in batches(ids, 900):
                query = select(events.c.id, events.c.sentence, events.c.trigger).where(
                    events.c.id.in_(chunk)
                )
                out.update({i: (sentence, trigger) for i, sentence, trigger in conn.execute(query)})
        return out

    def _query(self, sentences: bool = True) -> Select[Any]:
        src_key, tgt_key = entity_keys.alias("src_key"), entity_keys.alias("tgt_key")
        src, tgt = entities.alias("src"), entities.alias("tgt")
        plc_key, plc = entity_keys.alias("plc_key"), entities.alias("plc")
        columns = [c for c in events.c if sentences or c.name not in ("sentence", "trigger")]
        return select(
            *columns,
            src.c.id.label("source_entity"),
            src.c.canonical.label("source_name"),
            src.c.entry.label("source_entry"),
            src.c.key.label("source_entity_key"),
            tgt.c.id.label("target_entity"),
            tgt.c.canonical.label("target_name"),
            tgt.c.entry.label("target_entry"),
            tgt.c.key.label("target_entity_key"),
            plc.c.canonical.label("place_name"),
            plc.c.key.label("place_entity_key"),
        ).select_from(
            events.outerjoin(src_key, src_key.c.match_key == events.c.source_key)
            .outerjoin(src, src.c.id == src_key.c.entity_id)
            .outerjoin(tgt_key, tgt_key.c.match_key == events.c.target_key)
            .outerjoin(tgt, and_(tgt.c.id == tgt_key.c.entity_id))
            .outerjoin(plc_key, plc_key.c.match_key == events.c.place_key)
            .outerjoin(plc, plc.c.id == plc_key.c.entity_id)
        )
