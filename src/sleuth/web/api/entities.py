"""Entities: the filtered list, one entity's profile, and the analyst's decisions on it
(merge, split, rename: the same library calls as `sleuth merge/split/rename`)."""

from __future__ import annotations

import threading
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from pydantic import BaseModel, Field

from sleuth.access import SessionUser
from sleuth.web.deps import audit, editor, viewer, workbench

router = APIRouter(tags=["entities"])

MAX_PAGE = 500
#: A decision rewrites the entities it touches: two at once would race on the entity tables.
_DECIDING = threading.Lock()


@router.get("/entities")
def entities_api(request: Request, type: str | None = Query(None, max_length=20, pattern="^[A-Za-z_]*$"),
                 q: str | None = Query(None, max_length=200),
                 sort: Literal["mentions", "documents", "name"] = "mentions",
                 offset: int = Query(0, ge=0, le=10_000_000), limit: int = Query(50, ge=1, le=MAX_PAGE),
                 user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """The case's entities: `type` (PERSON, ORG, GPE, ...), `q` (text in the canonical name
    or any alias, either script), sorted by mentions, documents or name; `total` counts
    every match and `types` the matches per type."""
    from sleuth.link.profile import list_entities

    return list_entities(workbench(request).case, type or None, q, sort, offset, limit)


@router.get("/entities/{entity_id}")
def entity_api(request: Request, entity_id: int, sentences: int = Query(30, ge=0, le=200),
               user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """One entity: names and aliases in both scripts with counts, type, first and last
    seen, documents, quoted sentences with the mention's span, the events it takes part in
    (with their evidence), the entities named with it, and the decisions that shaped it."""
    from sleuth.link.profile import entity_profile

    found = entity_profile(workbench(request).case, entity_id, sentences=sentences)
    if found is None:
        raise HTTPException(404, f"There is no entity {entity_id} (a merge or split may have retired it).")
    return found


class MergeRequest(BaseModel):
    """The entity to merge into this one: its number or a name."""

    other: int | Annotated[str, Field(min_length=1, max_length=500)]


class SplitRequest(BaseModel):
    """The spelling whose mentions leave this entity."""

    alias: str = Field(min_length=1, max_length=500)


class RenameRequest(BaseModel):
    """The entity's new canonical name."""

    name: str = Field(min_length=1, max_length=500)


def _ref(value: str | int) -> str:
    """An entity reference for find_entity: a number becomes #number (never a name)."""
    text = str(value).strip()
    return f"#{text.removeprefix('#')}" if text.removeprefix("#").isdigit() else text


def _decided(request: Request, user: SessionUser, action: str, entity_id: int, result: dict[str, Any],
             **detail: Any) -> dict[str, Any]:
    from sleuth.link.graph_view import CACHE as GRAPHS
    from sleuth.link.profile import entity_summary

    audit(request, user, action, entity_id, result=result["id"], **detail)
    GRAPHS.warm(workbench(request).case)  # the graph page's graph follows the entities, in the background
    return {"id": result["id"], "entity": entity_summary(result)}


def _existing(request: Request, entity_id: int) -> dict[str, Any]:
    found = workbench(request).case.store.mentions.entity(entity_id)
    if found is None:
        raise HTTPException(404, f"There is no entity {entity_id}.")
    return found


@router.post("/entities/{entity_id}/merge")
def merge_api(request: Request, entity_id: int, body: MergeRequest,
              user: SessionUser = Depends(editor)) -> dict[str, Any]:  # noqa: B008
    """Merge `other` into this entity (its names win); the two are described again and the
    merged entity returned with its id."""
    from sleuth.link.decisions import merge

    _existing(request, entity_id)
    with _DECIDING:
        result = merge(workbench(request).case, f"#{entity_id}", _ref(body.other), by=user.name)
    return _decided(request, user, "merge", entity_id, result, other=str(body.other))


@router.post("/entities/{entity_id}/split")
def split_api(request: Request, entity_id: int, body: SplitRequest,
              user: SessionUser = Depends(editor)) -> dict[str, Any]:  # noqa: B008
    """Take the mentions written `alias` out of this entity into one of their own; returns
    the new entity (`id`) and what remains of this one (`remaining`)."""
    from sleuth.link.decisions import split_off
    from sleuth.link.profile import entity_summary

    _existing(request, entity_id)
    with _DECIDING:
        result, remaining = split_off(workbench(request).case, f"#{entity_id}", body.alias, by=user.name)
    out = _decided(request, user, "split", entity_id, result, alias=body.alias)
    out["remaining"] = entity_summary(remaining) if remaining is not None else None
    return out


@router.post("/entities/{entity_id}/rename")
def rename_api(request: Request, entity_id: int, body: RenameRequest,
               user: SessionUser = Depends(editor)) -> dict[str, Any]:  # noqa: B008
    """Give this entity another canonical name; returns the renamed entity and its id."""
    from sleuth.link.decisions import rename

    _existing(request, entity_id)
    with _DECIDING:
        result = rename(workbench(request).case, f"#{entity_id}", body.name, by=user.name)
    return _decided(request, user, "rename", entity_id, result, name=body.name)
