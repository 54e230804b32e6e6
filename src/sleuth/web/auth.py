"""Logging in and out: the login form, the JSON login for API clients, and the session."""

from __future__ import annotations

import hmac
import secrets
from typing import Any

from fastapi import APIRouter, Depends, Form, HTTPException, Request
from fastapi.responses import JSONResponse, RedirectResponse, Response
from pydantic import BaseModel, Field

from sleuth.access import SessionUser, add_user, authenticate, end_session, open_session, session_user
from sleuth.web.deps import COOKIE, audit, client_address, current_user, optional_user, workbench
from sleuth.web.security import same_origin
from sleuth.web.templating import render

router = APIRouter()


class Credentials(BaseModel):
    """A user name and password."""

    name: str = Field(max_length=100)
    password: str = Field(max_length=1000)


class SessionInfo(BaseModel):
    """Who is logged in, and the token writes must send in the X-CSRF-Token header."""

    user: str
    role: str
    csrf: str


def _log_in(request: Request, name: str, password: str) -> str:
    """Check a login (rate-limited); the new session's token, or an HTTPException."""
    wb = workbench(request)
    address = client_address(request)
    wait = wb.limiter.wait(address, name)
    if wait > 0:
        raise HTTPException(429, f"Too many failed logins. Try again in {int(wait) + 1} s.",
                            headers={"Retry-After": str(int(wait) + 1)})
    user = authenticate(wb.case, name, password)
    if user is None:
        wb.limiter.failed(address, name)
        audit(request, name or "-", "login_failed")
        raise HTTPException(401, "Wrong user name or password.")
    wb.limiter.succeeded(address, name)
    audit(request, user["name"], "login")
    return open_session(wb.case, user["id"])


def _set_cookie(request: Request, response: Response, token: str) -> None:
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")


def _safe_next(target: str | None) -> str:
    """Only a path on this server (never //elsewhere or a full URL)."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


@router.get("/login", include_in_schema=False)
def login_page(request: Request, next: str | None = None, token: str | None = None) -> Response:
    """The login form; `?token=` is the one-time login `sleuth serve` prints when the case
    has no users yet (loopback only)."""
    wb = workbench(request)
    if token and wb.local_token and hmac.compare_digest(token, wb.local_token):
        wb.local_token = None  # once
        response: Response = RedirectResponse(_safe_next(next), status_code=303)
        _set_cookie(request, response, open_session(wb.case, _local_admin(request)))
        return response
    if optional_user(request) is not None:
        return RedirectResponse(_safe_next(next), status_code=303)
    return render(request, "login.html", {"next": _safe_next(next), "error": None})


@router.post("/login", include_in_schema=False)
def login_form(request: Request, name: str = Form("", max_length=100),
               password: str = Form("", max_length=1000), next: str = Form("/")) -> Response:
    """Log in from the form: a session cookie and back to where the user was going."""
    if not same_origin(request):
        raise HTTPException(403, "The request comes from another site.")
    try:
        token = _log_in(request, name, password)
    except HTTPException as exc:
        return render(request, "login.html", {"next": _safe_next(next), "error": exc.detail},
                      status_code=exc.status_code)
    response = RedirectResponse(_safe_next(next), status_code=303)
    _set_cookie(request, response, token)
    return response


@router.post("/api/login", response_model=SessionInfo, tags=["session"])
def login_api(request: Request, credentials: Credentials) -> Response:
    """Log in (for API clients): sets the session cookie and returns the CSRF token."""
    if not same_origin(request):
        raise HTTPException(403, "The request comes from another site.")
    token = _log_in(request, credentials.name, credentials.password)
    user = session_user(workbench(request).case, token)
    assert user is not None
    response = JSONResponse({"user": user.name, "role": user.role.name, "csrf": user.csrf})
    _set_cookie(request, response, token)
    return response


@router.get("/api/session", response_model=SessionInfo, tags=["session"])
def session_info(user: SessionUser = Depends(current_user)) -> dict[str, Any]:  # noqa: B008
    """The logged-in user and their CSRF token."""
    return {"user": user.name, "role": user.role.name, "csrf": user.csrf}


@router.post("/logout", include_in_schema=False)
def logout(request: Request, csrf: str = Form("")) -> Response:
    """End the session (the form sends the CSRF token)."""
    user = optional_user(request)
    if user is not None and user.csrf_ok(csrf or request.headers.get("x-csrf-token")):
        end_session(workbench(request).case, request.cookies.get(COOKIE))
        audit(request, user, "logout")
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response


def _local_admin(request: Request) -> int:
    """The user behind a one-time local login: `local`, an admin made for it."""
    case = workbench(request).case
    found = case.store.access.user("local")
    if found is None:
        found = add_user(case, "local", secrets.token_urlsafe(24), "admin")
    audit(request, "local", "login", detail="one-time local login")
    return int(found["id"])
