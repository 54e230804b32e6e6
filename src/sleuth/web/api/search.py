"""Search: ranked hits with snippets and facets, saved searches, batch search and its CSV."""

from __future__ import annotations

from typing import Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Query, Request, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from sleuth.access import SessionUser
from sleuth.web.deps import audit, editor, viewer, workbench

router = APIRouter(tags=["search"])

MAX_QUERY_CHARS = 1000
MAX_PAGE = 100
MAX_UPLOAD_BYTES = 1024 * 1024
#: sleuth.search.base.SORTS, spelled out so the OpenAPI schema lists them
Sort = Literal["relevance", "newest", "oldest", "number"]


class Snippet(BaseModel):
    """An excerpt of a page's original text; `highlights` are [start, end) code-point spans."""

    page: int
    text: str
    highlights: list[list[int]]


class SearchHit(BaseModel):
    """One matching document."""

    id: int
    title: str
    kind: str
    language: str
    path: str
    date: str | None = None  #: the document's own date, YYYY-MM-DD
    score: float
    snippets: list[Snippet]


class SearchPage(BaseModel):
    """A page of results with the facet counts over every matching document."""

    query: str
    total: int
    offset: int
    limit: int
    took_ms: float
    sort: str
    #: counts per value over every match: kind, language, entity, event, tag, year. A value
    #: clicked becomes the filter type:, lang:, entity:, event:, tag: or date: with it.
    facets: dict[str, dict[str, int]]
    #: names to show for values that are not their own (an entity's #id)
    facet_labels: dict[str, dict[str, str]]
    hits: list[SearchHit]


@router.get("/search", response_model=SearchPage)
def search_api(request: Request, q: str = Query("", max_length=MAX_QUERY_CHARS),
               limit: int = Query(20, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=100_000),
               sort: Sort = Query("relevance"),  # noqa: B008
               user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """Search the case in the query language of `sleuth search` (docs/search.md), ordered
    by relevance, the documents' own dates (newest or oldest first) or document number."""
    from sleuth.search.case_search import search

    wb = workbench(request)
    results, hits = search(wb.case, q, limit=limit, offset=offset, index=wb.index, sort=sort)
    audit(request, user, "search", q, total=results.total, offset=offset or None,
          sort=None if sort == "relevance" else sort)
    return {"query": q, "total": results.total, "offset": offset, "limit": limit, "sort": sort,
            "took_ms": round(results.took_ms, 1), "facets": results.facets, "facet_labels": results.labels,
            "hits": [_hit(h.as_dict()) for h in hits]}


def _hit(h: dict[str, Any]) -> dict[str, Any]:
    return {"id": h["id"], "title": h["title"] or "", "kind": h["kind"], "language": h["language"],
            "path": h["path"], "date": h["date"], "score": h["score"], "snippets": h["snippets"]}


class SavedSearch(BaseModel):
    """A named query."""

    name: str = Field(min_length=1, max_length=200)
    query: str = Field(max_length=MAX_QUERY_CHARS)


@router.get("/saved-searches")
def saved_searches(request: Request, user: SessionUser = Depends(viewer)) -> list[dict[str, Any]]:  # noqa: B008
    """The user's saved searches, newest first."""
    return workbench(request).case.store.workbench.saved_searches(user.name)


@router.post("/saved-searches", status_code=201)
def save_search(request: Request, saved: SavedSearch,
                user: SessionUser = Depends(editor)) -> dict[str, Any]:  # noqa: B008
    """Save a query under a name (the same name again replaces it)."""
    workbench(request).case.store.workbench.save_search(user.name, saved.name, saved.query)
    audit(request, user, "save_search", saved.name, query=saved.query)
    return {"name": saved.name, "query": saved.query}


@router.delete("/saved-searches/{search_id}", status_code=204)
def delete_saved_search(request: Request, search_id: int,
                        user: SessionUser = Depends(editor)) -> Response:  # noqa: B008
    """Forget one of the user's saved searches."""
    if not workbench(request).case.store.workbench.remove_saved_search(user.name, search_id):
        raise HTTPException(404, f"You have no saved search {search_id}.")
    return Response(status_code=204)


async def _batch_text(terms: str, upload: UploadFile | None) -> str:
    if upload is None:
        return terms
    data = await upload.read(MAX_UPLOAD_BYTES + 1)
    if len(data) > MAX_UPLOAD_BYTES:
        raise HTTPException(413, f"The list is larger than {MAX_UPLOAD_BYTES // 1024} KiB.")
    from sleuth.read.text import decode_bytes

    return decode_bytes(data)[0] + "\n" + terms


@router.post("/search/batch")
async def batch_search_api(request: Request, terms: str = Form("", max_length=200_000),
                           upload: UploadFile | None = File(None), per_term: int = Form(5, ge=1, le=50),  # noqa: B008
                           as_csv: bool = Form(False),
                           user: SessionUser = Depends(viewer)) -> Any:  # noqa: B008
    """Search each line of a pasted list or an uploaded file (text or CSV, first column);
    hits per term as JSON, or as CSV with `as_csv`."""
    from starlette.concurrency import run_in_threadpool

    from sleuth.search.batch import batch_csv, batch_search, batch_terms

    found = batch_terms(await _batch_text(terms, upload))
    results = await run_in_threadpool(batch_search, workbench(request).case, found, per_term)
    audit(request, user, "export" if as_csv else "batch_search", f"{len(found)} terms",
          format="csv" if as_csv else None, terms=found[:20])
    if as_csv:
        return Response(batch_csv(results).encode("utf-8-sig"), media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": 'attachment; filename="batch-search.csv"'})
    return {"terms": len(found), "results": [r.as_dict() for r in results]}
