"""One document: its pages, text, mentions, events and provenance; page images and word
boxes; the original as a download; tags and notes.

Routes take integer ids only and find files by the document's sha256 in the blob store,
so no part of a URL ever becomes part of a file path.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Path, Query, Request
from fastapi.responses import FileResponse, Response
from pydantic import BaseModel, Field

from sleuth.access import SessionUser
from sleuth.access.users import Role
from sleuth.read.page_image import StoredDocument, page_image, stored_document
from sleuth.search.case_search import MAX_TAG_CHARS, tag_document, untag_document
from sleuth.web.api.search import MAX_QUERY_CHARS
from sleuth.web.deps import audit, editor, viewer, workbench

router = APIRouter(tags=["documents"])

MAX_NOTE_CHARS = 10_000
MAX_ID = 2**62
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")

DocId = Path(..., ge=1, le=MAX_ID, description="The document number.")
PageNo = Path(..., ge=1, le=1_000_000, description="The 1-based page number.")


class TagIn(BaseModel):
    """A tag to put on a document."""

    tag: str = Field(min_length=1, max_length=MAX_TAG_CHARS)


class NoteIn(BaseModel):
    """A note on a document, or on one of its pages."""

    text: str = Field(min_length=1, max_length=MAX_NOTE_CHARS)
    page: int | None = Field(None, ge=1, le=1_000_000)


def _document(request: Request, doc_id: int) -> StoredDocument:
    doc = stored_document(workbench(request).case, doc_id)
    if doc is None:
        raise HTTPException(404, f"There is no document {doc_id} in this case.")
    return doc


@router.get("/documents/{doc_id}")
def document(request: Request, doc_id: int = DocId, q: str = Query("", max_length=MAX_QUERY_CHARS),
             user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """A document: header fields, metadata, pages (text, method, OCR confidence, whether a
    page image exists, the spans `q` matches), mentions and events (spans in the page
    texts), every path it was found at with its chain of containers, its other paths,
    children, tags and notes."""
    from sleuth.read.document_info import document_info

    info = document_info(workbench(request).case, doc_id, q or None)
    if info is None:
        raise HTTPException(404, f"There is no document {doc_id} in this case.")
    audit(request, user, "open_document", doc_id, query=q or None)
    return info


@router.get("/documents/{doc_id}/pages/{number}/image", response_class=Response,
            responses={200: {"content": {"image/png": {}}}, 404: {"description": "The page has no image."}})
def page_image_api(request: Request, doc_id: int = DocId, number: int = PageNo,
                   user: SessionUser = Depends(viewer)) -> Response:  # noqa: B008
    """Page `number` as a PNG (PDF pages and image files only)."""
    doc = _document(request, doc_id)
    found = page_image(workbench(request).case, doc, number)
    if found is None:
        raise HTTPException(404, f"Page {number} of document {doc_id} has no image.")
    return FileResponse(found, media_type="image/png", headers={"Cache-Control": "private, max-age=3600"})


@router.get("/documents/{doc_id}/pages/{number}/words")
def page_words_api(request: Request, doc_id: int = DocId, number: int = PageNo,
                   q: str = Query("", max_length=MAX_QUERY_CHARS),
                   user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """The page's word boxes as fractions [x, y, w, h] of the page, in reading order, and
    the indices of the words `q` matches."""
    from sleuth.read.page_words import matching_words, page_words

    doc = _document(request, doc_id)
    found = page_words(workbench(request).case, doc, number)
    if found is None:
        raise HTTPException(404, f"Page {number} of document {doc_id} has no word boxes.")
    matches = matching_words([w.text for w in found.words], q) if q.strip() else []
    return found.as_dict(matches)


def download_name(path: str | None, doc_id: int) -> str:
    """A file name safe in any header and on any disk: the original's last path segment
    (after the last archive "!/"), letters outside ASCII folded or dropped, at most 120
    characters; `document-<id>` when nothing is left."""
    base = (path or "").replace("\\", "/").rsplit("/", 1)[-1]
    ascii_name = unicodedata.normalize("NFKD", base).encode("ascii", "ignore").decode("ascii")
    safe = _UNSAFE_NAME.sub("_", ascii_name).strip("._")[:120]
    stem, dot, ext = safe.rpartition(".")
    if not safe or not stem.strip("_"):
        return f"document-{doc_id}" + (f".{ext}" if dot and ext else "")
    return safe


@router.get("/documents/{doc_id}/original", response_class=Response,
            responses={200: {"content": {"application/octet-stream": {}}}})
def original(request: Request, doc_id: int = DocId, user: SessionUser = Depends(viewer)) -> Response:  # noqa: B008
    """The original bytes, as a download that never renders in the browser (a hostile HTML
    or SVG file stays inert: attachment, octet-stream, a sandboxing CSP, nosniff)."""
    case = workbench(request).case
    doc = _document(request, doc_id)
    blob = case.blobs.path(doc.sha256)
    if not blob.is_file():
        raise HTTPException(404, f"The original of document {doc_id} is not in the case's blob store.")
    first = case.store.events.first_paths({doc_id}).get(doc_id)
    name = download_name(first, doc_id)
    audit(request, user, "download", doc_id, sha256=doc.sha256, filename=name)
    return FileResponse(blob, media_type="application/octet-stream", filename=name,
                        headers={"Content-Security-Policy": "sandbox", "X-Content-Type-Options": "nosniff",
                                 "Cache-Control": "no-store"})


@router.post("/documents/{doc_id}/tags", status_code=201)
def add_tag(request: Request, body: TagIn, doc_id: int = DocId,
            user: SessionUser = Depends(editor)) -> dict[str, Any]:  # noqa: B008
    """Tag a document (editors)."""
    if not body.tag.split():
        raise HTTPException(422, "tag: the tag is empty.")
    _document(request, doc_id)
    case = workbench(request).case
    store = case.store
    tag = tag_document(case, doc_id, body.tag, user.name)  # re-indexed: tag: finds it at once
    audit(request, user, "tag", doc_id, tag=tag)
    return {"document_id": doc_id, "tags": store.workbench.tags_of([doc_id]).get(doc_id, [])}


@router.delete("/documents/{doc_id}/tags/{tag:path}")
def remove_tag(request: Request, doc_id: int = DocId,
               tag: str = Path(..., min_length=1, max_length=MAX_TAG_CHARS),
               user: SessionUser = Depends(editor)) -> dict[str, Any]:  # noqa: B008
    """Take a tag off a document (editors)."""
    _document(request, doc_id)
    case = workbench(request).case
    store = case.store
    untag_document(case, doc_id, tag)
    audit(request, user, "untag", doc_id, tag=tag)
    return {"document_id": doc_id, "tags": store.workbench.tags_of([doc_id]).get(doc_id, [])}


@router.post("/documents/{doc_id}/notes", status_code=201)
def add_note(request: Request, body: NoteIn, doc_id: int = DocId,
             user: SessionUser = Depends(editor)) -> dict[str, Any]:  # noqa: B008
    """Add a note to a document or one of its pages (editors)."""
    doc = _document(request, doc_id)
    if body.page is not None and body.page > max(doc.page_count, 1):
        raise HTTPException(422, f"page: document {doc_id} has {doc.page_count} pages.")
    if not body.text.strip():
        raise HTTPException(422, "text: the note is empty.")
    note = workbench(request).case.store.workbench.add_note(doc_id, body.text, user.name, body.page)
    audit(request, user, "note", doc_id, note=note["id"], page=body.page)
    return note


@router.delete("/notes/{note_id}", status_code=204)
def remove_note(request: Request, note_id: int = Path(..., ge=1, le=MAX_ID),
                user: SessionUser = Depends(editor)) -> Response:  # noqa: B008
    """Delete a note (editors delete their own notes, admins anyone's)."""
    store = workbench(request).case.store.workbench
    note = store.note(note_id)
    if note is None:
        raise HTTPException(404, f"There is no note {note_id}.")
    if note["user"] != user.name and not user.may(Role.admin):
        raise HTTPException(403, f"Note {note_id} is {note['user']}'s; only they or an admin may delete it.")
    store.remove_note(note_id)
    audit(request, user, "note_delete", note["document_id"], note=note_id)
    return Response(status_code=204)

