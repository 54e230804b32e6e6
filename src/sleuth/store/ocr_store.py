"""OCR tables: pages waiting for OCR, the result cache, and per-page bookkeeping."""

from __future__ import annotations

import json
import time
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import and_, bindparam, delete, exists, func, select, update

from sleuth.store.records import OcrJob, OcrRecord
from sleuth.store.schema import documents, ocr_pages, ocr_results, pages, provenance, stages

if TYPE_CHECKING:
    from sleuth.store.store import Store

OCR = "ocr"
INDEX = "index"
READ = "read"
EXTRACT = "extract"


class OcrStore:
    """The OCR side of a case store (`store.ocr`)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    def _waiting(self, version: int) -> Any:
        done = exists().where(ocr_pages.c.document_id == pages.c.document_id,
                              ocr_pages.c.number == pages.c.number, ocr_pages.c.version == version)
        read_ok = exists().where(stages.c.document_id == pages.c.document_id, stages.c.stage == READ,
                                 stages.c.status == "ok")
        return and_(pages.c.needs_ocr.is_(True), ~done, read_ok)

    def pending(self, version: int) -> list[OcrJob]:
        """Pages that need OCR and have not had it at this version, in document order."""
        query = (select(pages.c.document_id, documents.c.sha256, documents.c.mime, documents.c.kind,
                        pages.c.number, pages.c.text, pages.c.method)
                 .select_from(pages.join(documents, documents.c.id == pages.c.document_id))
                 .where(self._waiting(version)).order_by(pages.c.document_id, pages.c.number))
        with self.engine.connect() as conn:
            # text that an earlier OCR put there is not a text layer
            return [OcrJob(doc_id, sha, mime, kind, number, "" if method == "ocr" else text)
                    for doc_id, sha, mime, kind, number, text, method in conn.execute(query)]

    def count_pending(self, version: int) -> int:
        """How many pages wait for OCR."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(pages)
                                    .where(self._waiting(version))).scalar_one())

    def cached(self, key: str) -> dict[str, Any] | None:
        """A stored OCR result by cache key, or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(ocr_results).where(ocr_results.c.key == key)).first()
        return dict(row._mapping) if row is not None else None

    def write(self, records: Sequence[OcrRecord], version: int) -> set[int]:
        """Store a batch of page results in one transaction. Documents whose text changed
        lose their index stage row, so the next index pass re-indexes them. Returns their ids."""
        now = time.time()
        insert = self.store._insert
        touched: set[int] = set()
        with self.engine.begin() as conn:
            results = [{"key": r.key, "text": r.text, "confidence": r.confidence, "languages": r.languages,
                        "width": r.width, "height": r.height, "words": r.words_json,
                        "seconds": r.seconds, "created_at": now}
                       for r in records if r.status == "ok" and r.key and not r.cached]
            if results:
                conn.execute(insert(ocr_results).on_conflict_do_nothing(), results)
            rows = [{"document_id": r.document_id, "number": r.number, "version": version,
                     "status": r.status, "error": r.error, "result_key": r.key, "seconds": r.seconds,
                     "updated_at": now} for r in records]
            stmt = insert(ocr_pages)
            conn.execute(stmt.on_conflict_do_update(
                index_elements=[ocr_pages.c.document_id, ocr_pages.c.number],
                set_={k: stmt.excluded[k] for k in ("version", "status", "error", "result_key", "seconds",
                                                     "updated_at")}), rows)
            texts = [{"doc_id": r.document_id, "num": r.number, "text": r.text, "confidence": r.confidence}
                     for r in records if r.status == "ok" and r.replace_text]
            if texts:
                conn.execute(update(pages).where(pages.c.document_id == bindparam("doc_id"),
                                                 pages.c.number == bindparam("num"))
                             .values(text=bindparam("text"), method="ocr",
                                     confidence=bindparam("confidence")), texts)
                touched = {r.document_id for r in records if r.status == "ok" and r.replace_text}
                conn.execute(delete(stages).where(stages.c.document_id.in_(sorted(touched)),
                                                  stages.c.stage.in_([INDEX, EXTRACT])))
        return touched

    def finished_documents(self, doc_ids: Iterable[int], version: int) -> dict[int, list[tuple[int, str]]]:
        """Of these documents, those with no page left waiting: id -> [(page, error)] of
        pages whose OCR failed (empty when every page was read)."""
        ids = sorted(set(doc_ids))
        if not ids:
            return {}
        with self.engine.connect() as conn:
            waiting = set(conn.execute(select(pages.c.document_id).where(
                pages.c.document_id.in_(ids), self._waiting(version))).scalars())
            out: dict[int, list[tuple[int, str]]] = {i: [] for i in ids if i not in waiting}
            for doc_id, number, error in conn.execute(
                    select(ocr_pages.c.document_id, ocr_pages.c.number, ocr_pages.c.error)
                    .where(ocr_pages.c.document_id.in_(list(out)), ocr_pages.c.status == "failed",
                           ocr_pages.c.version == version).order_by(ocr_pages.c.number)):
                out[doc_id].append((number, error or ""))
        return out

    def set_document_language(self, languages: dict[int, str | None]) -> None:
        """Update the language of documents whose text came from OCR."""
        if not languages:
            return
        with self.engine.begin() as conn:
            conn.execute(update(documents).where(documents.c.id == bindparam("doc_id"))
                         .values(language=bindparam("language")),
                         [{"doc_id": k, "language": v} for k, v in languages.items()])

    def page_results(self, doc_id: int) -> dict[int, dict[str, Any]]:
        """OCR bookkeeping of a document's pages: number -> status, error, confidence,
        languages, image size and word boxes (the words as [text, conf, l, t, w, h, line])."""
        query = (select(ocr_pages.c.number, ocr_pages.c.status, ocr_pages.c.error, ocr_pages.c.version,
                        ocr_results.c.confidence, ocr_results.c.languages, ocr_results.c.width,
                        ocr_results.c.height, ocr_results.c.words)
                 .select_from(ocr_pages.outerjoin(ocr_results, ocr_results.c.key == ocr_pages.c.result_key))
                 .where(ocr_pages.c.document_id == doc_id).order_by(ocr_pages.c.number))
        out: dict[int, dict[str, Any]] = {}
        with self.engine.connect() as conn:
            for row in conn.execute(query):
                data = dict(row._mapping)
                data["words"] = json.loads(data["words"]) if data["words"] else []
                out[data.pop("number")] = data
        return out

    def summary(self, version: int) -> dict[str, int]:
        """Pages that need OCR: how many in all, read, failed, still waiting."""
        with self.engine.connect() as conn:
            total = conn.execute(select(func.count()).select_from(pages)
                                 .where(pages.c.needs_ocr.is_(True))).scalar_one()
            counts: dict[str, int] = dict(conn.execute(select(ocr_pages.c.status, func.count())
                                       .where(ocr_pages.c.version == version)
                                       .group_by(ocr_pages.c.status)).all())
            waiting = conn.execute(select(func.count()).select_from(pages)
                                   .where(self._waiting(version))).scalar_one()
        return {"pages": int(total), "ok": int(counts.get("ok", 0)), "failed": int(counts.get("failed", 0)),
                "waiting": int(waiting)}

    def first_paths(self, doc_ids: Iterable[int]) -> dict[int, str]:
        """The first path each document was found at."""
        ids = sorted(set(doc_ids))
        with self.engine.connect() as conn:
            return dict(conn.execute(select(provenance.c.document_id, func.min(provenance.c.path))
                                     .where(provenance.c.document_id.in_(ids))
                                     .group_by(provenance.c.document_id)).all())

    def failures(self, version: int) -> list[dict[str, Any]]:
        """Pages whose OCR failed, with the document's first path and the reason."""
        first_path = (select(func.min(provenance.c.path)).where(
            provenance.c.document_id == ocr_pages.c.document_id).scalar_subquery())
        with self.engine.connect() as conn:
            return [dict(r._mapping) for r in conn.execute(
                select(ocr_pages.c.document_id, ocr_pages.c.number, ocr_pages.c.error,
                       first_path.label("path"))
                .where(ocr_pages.c.status == "failed", ocr_pages.c.version == version)
                .order_by(ocr_pages.c.document_id, ocr_pages.c.number))]
