"""The case store: documents, provenance, pages, metadata, stage bookkeeping, failures.

Written against SQLAlchemy Core so that a PostgreSQL backend only has to supply an engine
(and the dialect's upsert); callers never see SQL.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from functools import cached_property
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, and_, bindparam, create_engine, delete, event, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from sleuth.store.batches import batches
from sleuth.store.records import FailureRecord, FileRecord
from sleuth.store.schema import (
    SCHEMA_VERSION,
    case_info,
    doc_metadata,
    documents,
    failures,
    metadata,
    ocr_pages,
    pages,
    provenance,
    stages,
)

if TYPE_CHECKING:
    from sleuth.store.access_store import AccessStore
    from sleuth.store.event_store import EventStore
    from sleuth.store.mention_store import MentionStore
    from sleuth.store.ocr_store import OcrStore
    from sleuth.store.search_store import SearchStore
    from sleuth.store.workbench_store import WorkbenchStore

READ = "read"
INDEX = "index"
EXTRACT = "extract"


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


_READ_DONE = (
    select(stages.c.status)
    .select_from(documents.join(stages, stages.c.document_id == documents.c.id))
    .where(documents.c.sha256 == bindparam("sha"), stages.c.stage == bindparam("stage"),
           stages.c.stage_version == bindparam("version"))
)


class Store:
    """Access to one case's database. Open with `Store(url)`; `create()` makes the tables."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine: Engine = create_engine(url, future=True)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self._insert = postgresql.insert if self.engine.dialect.name == "postgresql" else sqlite.insert

    def create(self) -> None:
        """Create the tables (idempotent) and record the schema version."""
        metadata.create_all(self.engine)
        self._add_missing_columns()
        with self.engine.begin() as conn:
            conn.execute(
                self._insert(case_info)
                .values(key="schema_version", value=str(SCHEMA_VERSION))
                .on_conflict_do_nothing()
            )

    def _add_missing_columns(self) -> None:
        """Columns and indexes a newer version added to a table an older case already has
        (nullable columns only, so adding them is all the migration there is)."""
        from sqlalchemy import inspect
        from sqlalchemy.schema import CreateColumn

        inspector = inspect(self.engine)
        with self.engine.begin() as conn:
            for table in metadata.sorted_tables:
                have = {c["name"] for c in inspector.get_columns(table.name)}
                for column in table.columns:
                    if column.name not in have and column.nullable:
                        ddl = CreateColumn(column).compile(dialect=self.engine.dialect)
                        conn.exec_driver_sql(f'ALTER TABLE "{table.name}" ADD COLUMN {ddl}')
                indexes = {i["name"] for i in inspector.get_indexes(table.name)}
                for index in table.indexes:
                    if index.name not in indexes:
                        index.create(conn, checkfirst=True)

    def info(self, key: str) -> str | None:
        """A value of the case_info table (schema version, fingerprints of inputs)."""
        with self.engine.connect() as conn:
            value = conn.execute(select(case_info.c.value).where(case_info.c.key == key)).scalar()
        return str(value) if value is not None else None

    def set_info(self, key: str, value: str) -> None:
        """Set a value of the case_info table."""
        stmt = self._insert(case_info).values(key=key, value=value)
        with self.engine.begin() as conn:
            conn.execute(stmt.on_conflict_do_update(index_elements=[case_info.c.key], set_={"value": value}))

    def metadata_values(self, doc_ids: Sequence[int], key: str) -> dict[int, set[str]]:
        """Each document's values of one metadata key."""
        out: dict[int, set[str]] = {}
        with self.engine.connect() as conn:
            query = select(doc_metadata.c.document_id, doc_metadata.c.value).where(
                doc_metadata.c.document_id.in_(list(doc_ids)), doc_metadata.c.key == key)
            for doc_id, value in conn.execute(query):
                out.setdefault(doc_id, set()).add(value)
        return out

    def forget_stage(self, stage: str, doc_ids: Sequence[int] | None = None) -> None:
        """Drop every document's row (or these documents' rows) for a stage, so the next run
        does it again."""
        with self.engine.begin() as conn:
            if doc_ids is None:
                conn.execute(delete(stages).where(stages.c.stage == stage))
                return
            ids = list(doc_ids)
            for chunk in batches(ids):
                conn.execute(delete(stages).where(stages.c.stage == stage,
                                                  stages.c.document_id.in_(chunk)))

    @cached_property
    def ocr(self) -> OcrStore:
        """The OCR tables."""
        from sleuth.store.ocr_store import OcrStore

        return OcrStore(self)

    @cached_property
    def mentions(self) -> MentionStore:
        """The mention and entity tables."""
        from sleuth.store.mention_store import MentionStore

        return MentionStore(self)

    @cached_property
    def access(self) -> AccessStore:
        """Users, browser sessions and the audit log."""
        from sleuth.store.access_store import AccessStore

        return AccessStore(self)

    @cached_property
    def workbench(self) -> WorkbenchStore:
        """Tags, notes and saved searches."""
        from sleuth.store.workbench_store import WorkbenchStore

        return WorkbenchStore(self)

    @cached_property
    def search(self) -> SearchStore:
        """What the search index reads of mentions and entities."""
        from sleuth.store.search_store import SearchStore

        return SearchStore(self)

    @cached_property
    def events(self) -> EventStore:
        """The events table."""
        from sleuth.store.event_store import EventStore

        return EventStore(self)

    def close(self) -> None:
        """Release connections."""
        self.engine.dispose()

    # ---- ingest -------------------------------------------------------------------

    def read_done(self, sha256: str, version: int) -> bool:
        """Whether content with this hash was already read by this reader version."""
        with self.engine.connect() as conn:
            params = {"sha": sha256, "stage": READ, "version": version}
            return conn.execute(_READ_DONE, params).first() is not None

    def path_done(self, path: str, size: int, mtime: float | None, version: int) -> bool:
        """Whether this exact file (path, size, mtime) was already ingested and read."""
        query = (
            select(provenance.c.id)
            .select_from(provenance.join(stages, stages.c.document_id == provenance.c.document_id))
            .where(provenance.c.path == path, provenance.c.size == size, provenance.c.mtime == mtime,
                   stages.c.stage == READ, stages.c.stage_version == version)
        )
        with self.engine.connect() as conn:
            return conn.execute(query).first() is not None

    def write_batch(self, records: Sequence[FileRecord], failed: Sequence[FailureRecord],
                    read_version: int) -> set[int]:
        """Store a batch of read results in one transaction. Returns the ids of documents
        whose searchable content changed (newly read or found at a new path)."""
        now = time.time()
        touched: set[int] = set()
        with self.engine.begin() as conn:
            if records:
                ids = self._ensure_documents(conn, records, now)
                parent_ids = self._ids_for(conn, {r.parent_sha for r in records if r.parent_sha})
                touched |= self._add_provenance(conn, records, ids, parent_ids, now)
                done = self._read_done_ids(conn, ids.values(), read_version)
                fresh: dict[int, FileRecord] = {}
                for record in records:
                    doc_id = ids[record.sha256]
                    if record.pages is None or doc_id in done or doc_id in fresh:
                        continue
                    fresh[doc_id] = record
                if fresh:
                    self._write_reads(conn, fresh, read_version, now)
                    touched |= set(fresh)
            if failed:
                parent_ids = self._ids_for(conn, {f.parent_sha for f in failed if f.parent_sha})
                for failure in failed:
                    row = {"path": failure.path, "reason": failure.reason, "at": now,
                           "parent_id": parent_ids.get(failure.parent_sha or "")}
                    conn.execute(
                        self._insert(failures).values(**row).on_conflict_do_update(
                            index_elements=[failures.c.path],
                            set_={"reason": row["reason"], "at": now, "parent_id": row["parent_id"]})
                    )
        return touched

    def _ensure_documents(self, conn: Connection, records: Sequence[FileRecord],
                          now: float) -> dict[str, int]:
        rows: dict[str, dict[str, Any]] = {}
        for r in records:
            rows.setdefault(r.sha256, {"sha256": r.sha256, "size": r.size, "mime": r.mime,
                                       "kind": r.kind, "page_count": 0, "created_at": now})
        conn.execute(self._insert(documents).on_conflict_do_nothing(), list(rows.values()))
        return self._ids_for(conn, set(rows))

    def _ids_for(self, conn: Connection, shas: set[str]) -> dict[str, int]:
        if not shas:
            return {}
        result: dict[str, int] = {}
        ordered = sorted(shas)
        for chunk in batches(ordered):
            for sha, doc_id in conn.execute(
                select(documents.c.sha256, documents.c.id).where(documents.c.sha256.in_(chunk))
            ):
                result[sha] = doc_id
        return result

    def _add_provenance(self, conn: Connection, records: Sequence[FileRecord], ids: dict[str, int],
                        parent_ids: dict[str, int], now: float) -> set[int]:
        new_paths: set[int] = set()
        for r in records:
            doc_id = ids[r.sha256]
            res = conn.execute(
                self._insert(provenance).values(
                    document_id=doc_id, path=r.path, size=r.size, mtime=r.mtime, mime=r.mime,
                    parent_id=parent_ids.get(r.parent_sha or ""), found_at=now,
                ).on_conflict_do_nothing()
            )
            if res.rowcount:
                new_paths.add(doc_id)
        # A path that failed in an earlier run and now reads is no longer a failure.
        paths = [r.path for r in records]
        for chunk in batches(paths):
            conn.execute(delete(failures).where(failures.c.path.in_(chunk)))
        return new_paths

    def _read_done_ids(self, conn: Connection, doc_ids: Iterable[int], version: int) -> set[int]:
        id_list = list(set(doc_ids))
        done: set[int] = set()
        for chunk in batches(id_list):
            done.update(conn.execute(
                select(stages.c.document_id).where(
                    stages.c.document_id.in_(chunk),
                    stages.c.stage == READ, stages.c.stage_version == version)
            ).scalars())
        return done

    def _write_reads(self, conn: Connection, fresh: dict[int, FileRecord], version: int,
                     now: float) -> None:
        """Pages, metadata, document fields and the read stage of newly read documents, each
        table in one statement (executemany) for the whole batch."""
        ids = list(fresh)
        for chunk in batches(ids):
            conn.execute(delete(pages).where(pages.c.document_id.in_(chunk)))
            conn.execute(delete(doc_metadata).where(doc_metadata.c.document_id.in_(chunk)))
            conn.execute(delete(ocr_pages).where(ocr_pages.c.document_id.in_(chunk)))
            # new text: the mentions found in the old one are found again
            conn.execute(delete(stages).where(stages.c.document_id.in_(chunk), stages.c.stage == EXTRACT))
        page_rows = [{"document_id": doc_id, "number": p.number, "text": p.text,
                      "needs_ocr": p.needs_ocr, "method": p.method}
                     for doc_id, r in fresh.items() for p in r.pages or []]
        if page_rows:
            conn.execute(pages.insert(), page_rows)
        meta_rows = [{"document_id": doc_id, "key": k, "value": v}
                     for doc_id, r in fresh.items() for k, values in r.metadata.items() for v in values]
        if meta_rows:
            conn.execute(doc_metadata.insert(), meta_rows)
        conn.execute(
            update(documents).where(documents.c.id == bindparam("doc_id")).values(
                mime=bindparam("mime"), kind=bindparam("kind"), language=bindparam("language"),
                title=bindparam("title"), page_count=bindparam("page_count")),
            [{"doc_id": doc_id, "mime": r.mime, "kind": r.kind, "language": r.language, "title": r.title,
              "page_count": len(r.pages or [])} for doc_id, r in fresh.items()])
        self._set_stages(conn, [
            {"document_id": doc_id, "stage": READ, "stage_version": version, "status": r.status,
             "error": r.error, "duration": r.duration, "updated_at": now}
            for doc_id, r in fresh.items()])

    def _set_stages(self, conn: Connection, rows: list[dict[str, Any]]) -> None:
        """Insert or replace stage rows (one executemany)."""
        if not rows:
            return
        stmt = self._insert(stages)
        conn.execute(stmt.on_conflict_do_update(
            index_elements=[stages.c.document_id, stages.c.stage],
            set_={k: stmt.excluded[k]
                  for k in ("stage_version", "status", "error", "duration", "updated_at")}),
            rows)

    def mark_stage(self, doc_ids: Iterable[int], stage: str, version: int, status: str = "ok",
                   error: str | None = None) -> None:
        """Record that a stage finished for these documents."""
        now = time.time()
        rows = [{"document_id": doc_id, "stage": stage, "stage_version": version, "status": status,
                 "error": error, "duration": None, "updated_at": now} for doc_id in doc_ids]
        with self.engine.begin() as conn:
            self._set_stages(conn, rows)

    def pending(self, stage: str, version: int, after: str = READ) -> list[int]:
        """Documents whose `after` stage has run but `stage` has not (at this version)."""
        done = select(stages.c.document_id).where(stages.c.stage == stage,
                                                   stages.c.stage_version == version)
        query = (select(stages.c.document_id)
                 .where(stages.c.stage == after, stages.c.document_id.not_in(done))
                 .order_by(stages.c.document_id))
        with self.engine.connect() as conn:
            return list(conn.execute(query).scalars())

    # ---- reading back -------------------------------------------------------------

    def texts(self, doc_ids: Sequence[int]) -> dict[int, str]:
        """Full text of each document, pages joined by form feeds."""
        out: dict[int, list[str]] = {i: [] for i in doc_ids}
        with self.engine.connect() as conn:
            for chunk in batches(doc_ids):
                for doc_id, text in conn.execute(
                    select(pages.c.document_id, pages.c.text)
                    .where(pages.c.document_id.in_(list(chunk)))
                    .order_by(pages.c.document_id, pages.c.number)
                ):
                    out[doc_id].append(text)
        return {i: "\f".join(parts) for i, parts in out.items()}

    def sha256_for(self, doc_ids: Sequence[int]) -> dict[int, str]:
        """The sha256 of each document id."""
        if not doc_ids:
            return {}
        with self.engine.connect() as conn:
            return dict(conn.execute(select(documents.c.id, documents.c.sha256)
                                     .where(documents.c.id.in_(list(doc_ids)))).all())

    def documents_for_index(self, doc_ids: Sequence[int],
                            texts: dict[int, str] | None = None) -> Iterator[dict[str, Any]]:
        """Rows with what the search index needs: id, sha256, kind, mime, language, title,
        text and every provenance path. `texts`: the documents' texts, when the caller has
        them at hand (else they are read)."""
        if texts is None or any(i not in texts for i in doc_ids):
            texts = self.texts(doc_ids)
        with self.engine.connect() as conn:
            paths: dict[int, list[str]] = {i: [] for i in doc_ids}
            for doc_id, path in conn.execute(
                select(provenance.c.document_id, provenance.c.path)
                .where(provenance.c.document_id.in_(list(doc_ids))).order_by(provenance.c.id)
            ):
                paths[doc_id].append(path)
            for row in conn.execute(select(documents).where(documents.c.id.in_(list(doc_ids)))):
                data = dict(row._mapping)
                data["text"] = texts.get(data["id"], "")
                data["paths"] = paths.get(data["id"], [])
                yield data

    def find_document(self, ref: str) -> dict[str, Any] | None:
        """A document by id, sha256 (or a unique prefix of at least 6 characters) or path."""
        with self.engine.connect() as conn:
            row = None
            if ref.isdigit():
                row = conn.execute(select(documents).where(documents.c.id == int(ref))).first()
            if row is None and len(ref) >= 6 and all(c in "0123456789abcdef" for c in ref.lower()):
                rows = conn.execute(select(documents).where(
                    documents.c.sha256.like(ref.lower() + "%")).limit(2)).all()
                row = rows[0] if len(rows) == 1 else None
            if row is None:
                doc_id = conn.execute(select(provenance.c.document_id).where(
                    (provenance.c.path == ref) | provenance.c.path.like("%/" + ref)).limit(1)).scalar()
                if doc_id is not None:
                    row = conn.execute(select(documents).where(documents.c.id == doc_id)).first()
            return dict(row._mapping) if row is not None else None

    def document_detail(self, doc_id: int) -> dict[str, Any]:
        """Everything stored about one document: pages, metadata, provenance, stages."""
        with self.engine.connect() as conn:
            doc = dict(conn.execute(select(documents).where(documents.c.id == doc_id)).one()._mapping)
            doc["pages"] = [dict(r._mapping) for r in conn.execute(
                select(pages.c.number, pages.c.text, pages.c.needs_ocr, pages.c.method,
                       pages.c.confidence).where(pages.c.document_id == doc_id).order_by(pages.c.number))]
            ocr = self.ocr.page_results(doc_id)
            for page in doc["pages"]:
                page["ocr"] = ocr.get(page["number"])
            meta: dict[str, list[str]] = {}
            for key, value in conn.execute(select(doc_metadata.c.key, doc_metadata.c.value).where(
                    doc_metadata.c.document_id == doc_id).order_by(doc_metadata.c.id)):
                meta.setdefault(key, []).append(value)
            doc["metadata"] = meta
            parent = documents.alias("parent")
            doc["provenance"] = [dict(r._mapping) for r in conn.execute(
                select(provenance.c.path, provenance.c.size, provenance.c.mtime, provenance.c.mime,
                       parent.c.id.label("parent_id"), parent.c.sha256.label("parent_sha256"))
                .select_from(provenance.outerjoin(parent, parent.c.id == provenance.c.parent_id))
                .where(provenance.c.document_id == doc_id).order_by(provenance.c.id))]
            doc["children"] = [dict(r._mapping) for r in conn.execute(
                select(provenance.c.document_id, provenance.c.path)
                .where(provenance.c.parent_id == doc_id).order_by(provenance.c.id))]
            doc["stages"] = [dict(r._mapping) for r in conn.execute(
                select(stages.c.stage, stages.c.stage_version, stages.c.status, stages.c.error,
                       stages.c.duration).where(stages.c.document_id == doc_id))]
        return doc

    def summary(self) -> dict[str, Any]:
        """Counts for `sleuth status`: documents, per kind, per stage and status, failures."""
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(documents)).scalar_one()
            paths = conn.execute(select(func.count()).select_from(provenance)).scalar_one()
            kinds: dict[str, int] = dict(conn.execute(select(documents.c.kind, func.count())
                                      .group_by(documents.c.kind).order_by(func.count().desc())).all())
            per_stage: dict[str, dict[str, int]] = {}
            for stage, status, count in conn.execute(
                    select(stages.c.stage, stages.c.status, func.count())
                    .group_by(stages.c.stage, stages.c.status)):
                per_stage.setdefault(stage, {})[status] = count
            needs_ocr = conn.execute(select(func.count(func.distinct(pages.c.document_id)))
                                     .where(pages.c.needs_ocr.is_(True))).scalar_one()
            n_failures = conn.execute(select(func.count()).select_from(failures)).scalar_one()
        return {"documents": total, "paths": paths, "kinds": kinds, "stages": per_stage,
                "needs_ocr": needs_ocr, "failures": n_failures}

    def problems(self) -> list[dict[str, Any]]:
        """Every document whose read (or extraction) did not succeed and every path that
        never became a document, each with its reason."""
        out: list[dict[str, Any]] = []
        first_path = (select(func.min(provenance.c.path)).where(
            provenance.c.document_id == documents.c.id).scalar_subquery())
        with self.engine.connect() as conn:
            for row in conn.execute(
                select(documents.c.id, documents.c.sha256, documents.c.mime, first_path.label("path"),
                       stages.c.status, stages.c.error)
                .select_from(documents.join(stages, and_(stages.c.document_id == documents.c.id,
                                                         stages.c.stage == READ)))
                .where(stages.c.status != "ok").order_by(documents.c.id)
            ):
                out.append({"document": row.id, "sha256": row.sha256, "path": row.path,
                            "mime": row.mime, "status": row.status, "reason": row.error})
            for failed in conn.execute(
                select(documents.c.id, documents.c.sha256, documents.c.mime, first_path.label("path"),
                       stages.c.error)
                .select_from(documents.join(stages, and_(stages.c.document_id == documents.c.id,
                                                         stages.c.stage == EXTRACT)))
                .where(stages.c.status == "failed").order_by(documents.c.id)
            ):
                out.append({"document": failed.id, "sha256": failed.sha256, "path": failed.path,
                            "mime": failed.mime, "status": "extract failed", "reason": failed.error})
            for row in conn.execute(select(failures).order_by(failures.c.id)):
                out.append({"document": None, "sha256": None, "path": row.path, "mime": None,
                            "status": "not ingested", "reason": row.reason})
        return out
