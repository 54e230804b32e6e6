"""Mention and entity tables: what the extract stage found and what resolution made of it."""

from __future__ import annotations

import json
import time
from collections import defaultdict
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import delete, func, select

from sleuth.store.batches import batches
from sleuth.store.resolution_store import ResolutionStore
from sleuth.store.schema import (
    documents,
    entities,
    entity_keys,
    mentions,
    pages,
    provenance,
    records,
)

if TYPE_CHECKING:
    from numpy.typing import NDArray

    from sleuth.extract.forms import Record
    from sleuth.extract.stage import PageEvent, PageMention
    from sleuth.store.store import Store

EXTRACT = "extract"
DOCUMENT_DATE = "DATE:document"


class MentionStore(ResolutionStore):
    """The mention side of a case store (`store.mentions`): what the extract stage wrote,
    read back by document, entity and page; resolution and decisions are
    `ResolutionStore`'s."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    # ---- the extract stage --------------------------------------------------------

    def page_texts(self, doc_ids: Sequence[int]) -> dict[int, list[str]]:
        """Each document's page texts, in page order (page n at index n - 1)."""
        out: dict[int, list[str]] = {i: [] for i in doc_ids}
        with self.engine.connect() as conn:
            for doc_id, text in conn.execute(
                select(pages.c.document_id, pages.c.text)
                .where(pages.c.document_id.in_(list(doc_ids)))
                .order_by(pages.c.document_id, pages.c.number)
            ):
                out[doc_id].append(text)
        return out

    def write(self, results: Sequence[tuple[int, list[PageMention], str | None]], version: int,
              forms: dict[int, list[Record]] | None = None,
              coded: dict[int, list[PageEvent]] | None = None) -> None:
        """Replace the mentions (and form records and events) of these documents and mark
        their extract stage, in one transaction (a crash leaves either the old ones or the
        new, never both)."""

        now = time.time()
        ids = [doc_id for doc_id, *_ in results]
        rows: list[dict[str, Any]] = [
            {
                "document_id": doc_id,
                "page": pm.page,
                "start": pm.mention.start,
                "end": pm.mention.end,
                "text": pm.mention.text,
                "type": pm.mention.type,
                "source": pm.mention.source,
                "entry": pm.mention.entry,
                "value": pm.mention.value,
                "score": pm.mention.score,
                "match_key": pm.match_key,
                "own_key": pm.own_key,
            }
            for doc_id, found, _ in results
            for pm in found
        ]
        splits = self.splits()
        if splits:
            from sleuth.link.decisions import split_key
            from sleuth.text.normalize import normalize

            for row in rows:
                if row["match_key"] in splits and normalize(row["text"]) in splits[row["match_key"]]:
                    row["match_key"] = split_key(row["match_key"], normalize(row["text"]))
        form_rows = [{"document_id": doc_id, "page": r.page, "form": r.form,
                      "fields": json.dumps(r.fields, ensure_ascii=False)}
                     for doc_id, found in (forms or {}).items() for r in found]
        with self.engine.begin() as conn:
            conn.execute(delete(mentions).where(mentions.c.document_id.in_(ids)))
            conn.execute(delete(records).where(records.c.document_id.in_(ids)))
            self.store.events.replace(conn, ids, coded or {})
            if rows:
                conn.execute(mentions.insert(), rows)
            if form_rows:
                conn.execute(records.insert(), form_rows)
            self.store._set_stages(
                conn,
                [
                    {
                        "document_id": doc_id,
                        "stage": EXTRACT,
                        "stage_version": version,
                        "status": "failed" if error else "ok",
                        "error": error,
                        "duration": None,
                        "updated_at": now,
                    }
                    for doc_id, _, error in results
                ],
            )

    # ---- reading back -------------------------------------------------------------

    def document_dates(self, doc_ids: Sequence[int] | None = None) -> dict[int, str]:
        """Each document's own date, where the extract stage found one (the DATE mention it
        keyed `DATE:document`: a letter's, e-mail's or form's date, not a date of birth);
        of the documents `doc_ids` only, when given."""
        query = select(mentions.c.document_id, mentions.c.value).where(
            mentions.c.match_key == DOCUMENT_DATE, mentions.c.value.is_not(None))
        with self.engine.connect() as conn:
            if doc_ids is None or len(doc_ids) > 2000:  # one pass beats many lookups
                every = dict(conn.execute(query).all())
                return every if doc_ids is None else {d: every[d] for d in doc_ids if d in every}
            found: dict[int, str] = {}
            wanted = sorted(set(doc_ids))
            for chunk in batches(wanted):
                found.update(conn.execute(query.where(mentions.c.document_id.in_(chunk))).all())
            return found

    def for_document(self, doc_id: int) -> list[dict[str, Any]]:
        """A document's mentions in page and text order, with the entity each resolves to."""
        query = (
            select(
                mentions.c.page,
                mentions.c.start,
                mentions.c.end,
                mentions.c.text,
                mentions.c.type,
                mentions.c.source,
                mentions.c.value,
                mentions.c.score,
                entities.c.id.label("entity_id"),
                entities.c.canonical,
                entity_keys.c.confidence,
            )
            .select_from(
                mentions.outerjoin(entity_keys, entity_keys.c.match_key == mentions.c.match_key).outerjoin(
                    entities, entities.c.id == entity_keys.c.entity_id
                )
            )
            .where(mentions.c.document_id == doc_id)
            .order_by(mentions.c.page, mentions.c.start)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def entities(
        self, etype: str | None = None, limit: int | None = None, min_mentions: int = 1
    ) -> list[dict[str, Any]]:
        """Entities, most mentioned first."""
        query = select(entities).where(entities.c.mentions >= min_mentions)
        if etype:
            query = query.where(entities.c.type == etype.upper())
        query = query.order_by(entities.c.documents.desc(), entities.c.mentions.desc(), entities.c.canonical)
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [_entity(r._mapping) for r in conn.execute(query)]

    def entity(self, entity_id: int) -> dict[str, Any] | None:
        """One entity by id."""
        with self.engine.connect() as conn:
            row = conn.execute(select(entities).where(entities.c.id == entity_id)).first()
        return _entity(row._mapping) if row is not None else None

    def entity_by_key(self, key: str) -> dict[str, Any] | None:
        """The entity a match key belongs to (or whose own key it is)."""
        with self.engine.connect() as conn:
            row = conn.execute(select(entities).where(entities.c.key == key)).first()
            if row is None:
                row = conn.execute(
                    select(entities)
                    .select_from(entities.join(entity_keys, entity_keys.c.entity_id == entities.c.id))
                    .where(entity_keys.c.match_key == key)
                ).first()
        return _entity(row._mapping) if row is not None else None

    def match_keys_of(self, entity_id: int) -> list[str]:
        """The match keys of an entity."""
        query = select(entity_keys.c.match_key).where(entity_keys.c.entity_id == entity_id)
        with self.engine.connect() as conn:
            return sorted(conn.execute(query).scalars())

    def find_entities(self, name: str) -> list[dict[str, Any]]:
        """Entities whose canonical name or one of whose aliases is `name` (normalised), or
        whose key is `name`; an exact canonical match first."""
        from sleuth.text.normalize import normalize

        wanted = normalize(name).strip()
        out: list[dict[str, Any]] = []
        with self.engine.connect() as conn:
            for row in conn.execute(select(entities).order_by(entities.c.mentions.desc())):
                e = _entity(row._mapping)
                names = [e["canonical"], e["canonical_ar"] or "", *(a for a, _ in e["aliases"])]
                if e["key"] == name or any(normalize(n) == wanted for n in names if n):
                    out.append(e)
        out.sort(key=lambda e: normalize(e["canonical"]) != wanted)
        return out

    def mentions_of(self, entity_id: int, limit: int = 200) -> list[dict[str, Any]]:
        """Mentions of an entity: document, page, span, text, in document order."""
        query = (
            select(mentions.c.document_id, mentions.c.page, mentions.c.start, mentions.c.end, mentions.c.text)
            .select_from(mentions.join(entity_keys, entity_keys.c.match_key == mentions.c.match_key))
            .where(entity_keys.c.entity_id == entity_id)
            .order_by(mentions.c.document_id, mentions.c.page, mentions.c.start)
            .limit(limit)
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def documents_naming(self, entity_id: int, limit: int) -> tuple[int, list[tuple[int, int]]]:
        """How many documents name an entity, and the `limit` that name it most often:
        (document, mentions), most first, then by document."""
        named = (
            select(mentions.c.document_id, func.count().label("n"))
            .select_from(mentions.join(entity_keys, entity_keys.c.match_key == mentions.c.match_key))
            .where(entity_keys.c.entity_id == entity_id)
            .group_by(mentions.c.document_id)
        ).subquery()
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(named)).scalar_one()
            top = conn.execute(select(named.c.document_id, named.c.n)
                               .order_by(named.c.n.desc(), named.c.document_id).limit(limit)).all()
        return int(total), [(int(doc), int(n)) for doc, n in top]

    def documents_of(self, entity_ids: Sequence[int]) -> set[int]:
        """Documents that mention any of these entities."""
        query = (
            select(mentions.c.document_id)
            .distinct()
            .select_from(mentions.join(entity_keys, entity_keys.c.match_key == mentions.c.match_key))
            .where(entity_keys.c.entity_id.in_(list(entity_ids)))
        )
        with self.engine.connect() as conn:
            return set(conn.execute(query).scalars())

    def co_mentioned(self, entity_id: int, limit: int = 10) -> list[dict[str, Any]]:
        """Entities mentioned on the same pages as this one, by number of shared pages."""
        mine = (
            select(mentions.c.document_id, mentions.c.page)
            .select_from(mentions.join(entity_keys, entity_keys.c.match_key == mentions.c.match_key))
            .where(entity_keys.c.entity_id == entity_id)
            .distinct()
            .subquery()
        )
        other = (
            select(
                entity_keys.c.entity_id,
                func.count(func.distinct(mentions.c.document_id * 100_000 + mentions.c.page)).label("pages"),
            )
            .select_from(
                mentions.join(
                    mine, (mine.c.document_id == mentions.c.document_id) & (mine.c.page == mentions.c.page)
                ).join(entity_keys, entity_keys.c.match_key == mentions.c.match_key)
            )
            .where(entity_keys.c.entity_id != entity_id)
            .group_by(entity_keys.c.entity_id)
            .order_by(func.count().desc())
            .limit(limit)
            .subquery()
        )
        query = (
            select(entities.c.id, entities.c.canonical, entities.c.type, other.c.pages)
            .select_from(other.join(entities, entities.c.id == other.c.entity_id))
            .order_by(other.c.pages.desc())
        )
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(query)]

    def page_entities(self) -> Iterator[tuple[int, int, int]]:
        """(document, page, entity) for every page that names an entity, once each."""
        query = (
            select(mentions.c.document_id, mentions.c.page, entity_keys.c.entity_id)
            .distinct()
            .select_from(mentions.join(entity_keys, entity_keys.c.match_key == mentions.c.match_key))
        )
        with self.engine.connect() as conn:
            yield from conn.execute(query).yield_per(10_000)

    def page_entity_array(self) -> NDArray[np.int64]:
        """(document, page, entity) rows like `page_entities`, as an array and not made
        distinct (the caller sorts them anyway): the graph page reads millions, so through
        the driver's own cursor, a third faster than through result rows."""
        query = select(mentions.c.document_id, mentions.c.page, entity_keys.c.entity_id).select_from(
            mentions.join(entity_keys, entity_keys.c.match_key == mentions.c.match_key))
        parts = [np.zeros((0, 3), dtype=np.int64)]
        with self.engine.connect() as conn:
            cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
            try:
                cursor.execute(str(query.compile(self.engine)))
                while rows := cursor.fetchmany(200_000):
                    parts.append(np.array(rows, dtype=np.int64).reshape(-1, 3))
            finally:
                cursor.close()
        return np.concatenate(parts)

    def document_labels(self, doc_ids: Sequence[int]) -> dict[int, dict[str, Any]]:
        """Title, kind, MIME type, language, sha256 and first path of each document."""
        first_path = (
            select(func.min(provenance.c.path))
            .where(provenance.c.document_id == documents.c.id)
            .scalar_subquery()
        )
        out: dict[int, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for chunk in batches(doc_ids):
                query = select(documents.c.id, documents.c.title, documents.c.kind, documents.c.mime,
                               documents.c.language, documents.c.sha256, first_path.label("path")).where(
                    documents.c.id.in_(list(chunk)))
                for row in conn.execute(query):
                    out[row.id] = {"title": row.title, "kind": row.kind, "mime": row.mime,
                                   "language": row.language, "sha256": row.sha256, "path": row.path}
        return out

    def document_ids(self) -> list[int]:
        """Every document that names an entity."""
        with self.engine.connect() as conn:
            return list(conn.execute(select(mentions.c.document_id).distinct()
                                     .where(mentions.c.match_key.is_not(None))).scalars())

    def named_in(self) -> dict[tuple[int, int], set[str]]:
        """(document, entity) -> the spellings the document names the entity with."""
        out: dict[tuple[int, int], set[str]] = defaultdict(set)
        query = (select(mentions.c.document_id, entity_keys.c.entity_id, mentions.c.text)
                 .select_from(mentions.join(entity_keys, entity_keys.c.match_key == mentions.c.match_key)))
        with self.engine.connect() as conn:
            for doc_id, entity_id, text in conn.execute(query).yield_per(10_000):
                out[(doc_id, entity_id)].add(text)
        return out

    def export_rows(self) -> Iterator[dict[str, Any]]:
        """Every mention with its document's first path and its entity (CSV export)."""
        first_path = (
            select(func.min(provenance.c.path)).where(provenance.c.document_id == mentions.c.document_id)
            .scalar_subquery()
        )
        query = (select(mentions.c.document_id, first_path.label("path"), mentions.c.page, mentions.c.start,
                        mentions.c.end, mentions.c.text, mentions.c.type, mentions.c.value, mentions.c.source,
                        entities.c.id.label("entity_id"), entities.c.canonical)
                 .select_from(mentions.outerjoin(entity_keys, entity_keys.c.match_key == mentions.c.match_key)
                              .outerjoin(entities, entities.c.id == entity_keys.c.entity_id))
                 .order_by(mentions.c.document_id, mentions.c.page, mentions.c.start))
        with self.engine.connect() as conn:
            for row in conn.execute(query).yield_per(10_000):
                yield dict(row._mapping)

    def newest_id(self) -> int:
        """The highest mention id (0 for none): changes when mentions are written."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.coalesce(func.max(mentions.c.id), 0))).scalar_one())

    def counts(self) -> dict[str, dict[str, int]]:
        """Mentions per type and entities per type (for `sleuth status`)."""
        with self.engine.connect() as conn:
            per_type: dict[str, int] = dict(
                conn.execute(select(mentions.c.type, func.count()).group_by(mentions.c.type)).all()
            )
            ents: dict[str, int] = dict(
                conn.execute(select(entities.c.type, func.count()).group_by(entities.c.type)).all()
            )
        return {"mentions": per_type, "entities": ents}

    def form_records(self, form: str | None = None) -> list[dict[str, Any]]:
        """Form records, in document order, each field with the entity its words name (for
        fields whose span holds a mention of a person, place or organisation)."""
        query = select(records).order_by(records.c.document_id, records.c.page)
        if form:
            query = query.where(records.c.form == form)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        by_doc: dict[int, list[dict[str, Any]]] = {}
        for row in rows:
            row["fields"] = json.loads(row["fields"])
            if row["document_id"] not in by_doc:
                by_doc[row["document_id"]] = self.for_document(row["document_id"])
            for value in row["fields"].values():
                inside = [m for m in by_doc[row["document_id"]] if m["page"] == row["page"]
                          and m["entity_id"] and value["start"] <= m["start"] and m["end"] <= value["end"]
                          and m["type"] in ("PERSON", "ORG", "GPE", "LOC", "FACILITY")]
                if inside:
                    value["entity_id"], value["entity"] = inside[0]["entity_id"], inside[0]["canonical"]
        return rows

def _entity(row: Any) -> dict[str, Any]:
    data = dict(row)
    data["aliases"] = json.loads(data["aliases"]) if data.get("aliases") else []
    return data
