"""Everything the document page shows about one document, in one call: its pages (with
the search query's matches), metadata, mentions, events, where it was found (each path
with the chain of archives and attachments around it), its other paths, its children,
tags and notes."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.exc import NoResultFound

from sleuth.errors import QueryError
from sleuth.read.page_image import has_page_image
from sleuth.search.query import ParsedQuery, parse_query
from sleuth.search.snippets import find_matches
from sleuth.store.schema import documents, provenance

if TYPE_CHECKING:
    from sleuth.case import Case
    from sleuth.store.store import Store

#: How many containers up a provenance chain is followed (archives nest at most
#: `archive_max_depth` deep; this only guards against a damaged case).
MAX_CHAIN = 32
MENTION_FIELDS = ("page", "start", "end", "type", "text", "value", "entity_id", "canonical")


def document_info(case: Case, doc_id: int, query: str | None = None) -> dict[str, Any] | None:
    """One document for display, or None when the case has none with this id. With a
    `query`, each page carries `matches`: [start, end) spans of its text where the query's
    words occur (as search marks them); a query that does not parse gives `query_error`."""
    store = case.store
    try:
        detail = store.document_detail(doc_id)
    except NoResultFound:
        return None
    parsed, query_error = _parse(query)
    blob_ok = case.blobs.exists(detail["sha256"])
    out: dict[str, Any] = {k: detail[k] for k in ("id", "title", "kind", "mime", "size", "sha256", "language",
                                                  "page_count", "created_at")}
    out["has_original"] = blob_ok
    out["metadata"] = detail["metadata"]
    out["stages"] = detail["stages"]
    out["pages"] = [_page(p, detail["kind"], blob_ok, parsed) for p in detail["pages"]]
    out["query"] = query or ""
    out["query_error"] = query_error
    out["mentions"] = [{k: m[k] for k in MENTION_FIELDS} for m in store.mentions.for_document(doc_id)]
    out["events"] = [_event(e) for e in store.events.rows([doc_id])]
    out["provenance"] = provenance_chains(store, doc_id)
    out["duplicates"] = [p["path"] for p in out["provenance"][1:]]
    out["children"] = _children(store, detail["children"])
    out["tags"] = store.workbench.tags_of([doc_id]).get(doc_id, [])
    out["notes"] = [_note(n) for n in store.workbench.notes_of(doc_id)]
    return out


def _parse(query: str | None) -> tuple[ParsedQuery | None, str | None]:
    if not query or not query.strip():
        return None, None
    try:
        return parse_query(query), None
    except QueryError as exc:
        return None, str(exc)


def _page(page: dict[str, Any], kind: str, blob_ok: bool, parsed: ParsedQuery | None) -> dict[str, Any]:
    ocr = page.get("ocr") or {}
    image = blob_ok and has_page_image(kind)
    return {
        "number": page["number"], "text": page["text"], "method": page["method"],
        "needs_ocr": bool(page["needs_ocr"]),
        "confidence": page["confidence"] if page["confidence"] is not None else ocr.get("confidence"),
        "ocr_status": ocr.get("status"), "ocr_error": ocr.get("error"), "ocr_languages": ocr.get("languages"),
        "has_image": image,
        # boxes exist for OCR'd pages and PDF text layers (page_words decides for sure)
        "has_words": image and (kind == "pdf" or ocr.get("status") == "ok"),
        "matches": [[s, e] for s, e, _ in find_matches(page["text"], parsed)] if parsed else [],
    }


def _event(e: dict[str, Any]) -> dict[str, Any]:
    return {
        "id": e["id"], "page": e["page"], "sentence": [e["sentence_start"], e["sentence_end"]],
        "trigger": [e["trigger_start"], e["trigger_end"]], "trigger_text": e["trigger"],
        "type": e["type"], "mode": e["mode"], "quad_class": e["quad_class"], "modality": e["modality"],
        "source": _actor(e["source_text"], e["source_entity"], e["source_name"]),
        "target": _actor(e["target_text"], e["target_entity"], e["target_name"]),
        "place": _actor(e["place_text"], None, e["place_name"]),
        "date": e["date"], "date_from": e["date_from"], "reciprocal": bool(e["reciprocal"]),
        "arranged": bool(e["arranged"]),
    }


def _actor(text: str | None, entity_id: int | None, name: str | None) -> dict[str, Any] | None:
    if not text and entity_id is None and not name:
        return None
    return {"text": text, "entity_id": entity_id, "name": name or text}


def _note(n: dict[str, Any]) -> dict[str, Any]:
    return {"id": n["id"], "page": n["page"], "text": n["text"], "user": n["user"], "at": n["at"]}


def _labels(store: Store, ids: set[int]) -> dict[int, dict[str, Any]]:
    """Title and kind of some documents."""
    if not ids:
        return {}
    with store.engine.connect() as conn:
        rows = conn.execute(select(documents.c.id, documents.c.title, documents.c.kind)
                            .where(documents.c.id.in_(sorted(ids)))).all()
    return {int(r.id): {"title": r.title, "kind": r.kind} for r in rows}


def provenance_chains(store: Store, doc_id: int) -> list[dict[str, Any]]:
    """Every path the document was found at, in the order found, each with `chain`: the
    containing documents from the file on disk inward ({document_id, path, title, kind}),
    empty for a file found on disk itself."""
    rows_of: dict[int, list[dict[str, Any]]] = {}

    def rows(document: int) -> list[dict[str, Any]]:
        if document not in rows_of:
            with store.engine.connect() as conn:
                rows_of[document] = [dict(r._mapping) for r in conn.execute(
                    select(provenance.c.path, provenance.c.parent_id, provenance.c.size, provenance.c.mtime,
                           provenance.c.mime).where(provenance.c.document_id == document)
                    .order_by(provenance.c.id))]
        return rows_of[document]

    out: list[dict[str, Any]] = []
    for row in rows(doc_id):
        chain: list[dict[str, Any]] = []
        path, parent = row["path"], row["parent_id"]
        seen = {doc_id}
        while parent is not None and parent not in seen and len(chain) < MAX_CHAIN:
            seen.add(parent)
            # the container's own path is the start of the member's: "<container>!/<member>"
            candidates = [r for r in rows(parent) if path.startswith(r["path"] + "!")] or rows(parent)[:1]
            if not candidates:
                break
            found = max(candidates, key=lambda r: len(r["path"]))
            chain.append({"document_id": parent, "path": found["path"]})
            path, parent = found["path"], found["parent_id"]
        chain.reverse()
        out.append({"path": row["path"], "size": row["size"], "mtime": row["mtime"], "mime": row["mime"],
                    "parent_id": row["parent_id"], "chain": chain})
    labels = _labels(store, {c["document_id"] for p in out for c in p["chain"]})
    for p in out:
        for c in p["chain"]:
            c.update(labels.get(c["document_id"], {"title": None, "kind": None}))
    return out


def _children(store: Store, children: list[dict[str, Any]]) -> list[dict[str, Any]]:
    labels = _labels(store, {int(c["document_id"]) for c in children})
    return [{"document_id": c["document_id"], "path": c["path"],
             **labels.get(int(c["document_id"]), {"title": None, "kind": None})} for c in children]
