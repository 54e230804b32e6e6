"""The case as a whole: the overview (counts, problems, a running ingest), the audit log
and the users (both for admins)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, Field

from sleuth.access import SessionUser, add_user, audit_entries, remove_user, set_role
from sleuth.access.users import ROLES
from sleuth.web.deps import admin, audit, viewer, workbench

router = APIRouter(tags=["case"])
MAX_PROBLEMS = 500


@router.get("/overview")
def overview(request: Request, user: SessionUser = Depends(viewer)) -> dict[str, Any]:  # noqa: B008
    """Counts per type, stage and entity type, OCR progress, a running ingest, and the
    problems (each file that was not read, with its reason)."""
    from sleuth.ingest.status import case_status

    case = workbench(request).case
    status = case_status(case)
    problems = status.pop("problems")
    return {"case": case.root.name, **status, "problems": problems[:MAX_PROBLEMS],
            "problems_total": len(problems)}


@router.get("/audit")
def audit_log(request: Request, user_name: str | None = Query(None, alias="user", max_length=100),
              action: str | None = Query(None, max_length=40), since: str | None = Query(None, max_length=40),
              limit: int = Query(500, ge=1, le=10_000),
              user: SessionUser = Depends(admin)) -> list[dict[str, Any]]:  # noqa: B008
    """The newest audit entries (admins only)."""
    return [e.as_dict() for e in audit_entries(workbench(request).case, user_name, action, since, limit)]


class NewUser(BaseModel):
    """A user to add."""

    name: str = Field(max_length=100)
    password: str = Field(max_length=1000)
    role: str = Field(pattern="^(" + "|".join(ROLES) + ")$")


class RoleChange(BaseModel):
    """A user's new role."""

    role: str = Field(pattern="^(" + "|".join(ROLES) + ")$")


@router.get("/users")
def users(request: Request, user: SessionUser = Depends(admin)) -> list[dict[str, Any]]:  # noqa: B008
    """The case's users and their roles (admins only)."""
    return [{"name": u["name"], "role": u["role"], "created_at": u["created_at"]}
            for u in workbench(request).case.store.access.users()]


@router.post("/users", status_code=201)
def create_user(request: Request, new: NewUser, user: SessionUser = Depends(admin)) -> dict[str, Any]:  # noqa: B008
    """Add a user (admins only)."""
    made = add_user(workbench(request).case, new.name, new.password, new.role)
    audit(request, user, "user_add", made["name"], role=made["role"])
    return {"name": made["name"], "role": made["role"]}


@router.put("/users/{name}")
def change_role(request: Request, name: str, change: RoleChange,
                user: SessionUser = Depends(admin)) -> dict[str, Any]:  # noqa: B008
    """Change a user's role (admins only)."""
    set_role(workbench(request).case, name, change.role)
    audit(request, user, "user_role", name, role=change.role)
    return {"name": name, "role": change.role}


@router.delete("/users/{name}", status_code=204)
def delete_user(request: Request, name: str, user: SessionUser = Depends(admin)) -> Response:  # noqa: B008
    """Remove a user and end their sessions (admins only; not yourself)."""
    if name == user.name:
        raise HTTPException(400, "You cannot remove yourself.")
    remove_user(workbench(request).case, name)
    audit(request, user, "user_remove", name)
    return Response(status_code=204)
