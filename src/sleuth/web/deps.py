"""What route handlers share: the open case, the logged-in user, role and CSRF checks, and
the audit helper. Handlers stay thin: they check, call the library, and shape JSON."""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from fastapi import Depends, HTTPException, Request

from sleuth.access import SessionUser, record, session_user
from sleuth.access.users import Role
from sleuth.web.security import UNSAFE_METHODS, LoginLimiter, same_origin

if TYPE_CHECKING:
    from collections.abc import Callable

    from sleuth.case import Case
    from sleuth.search.base import SearchIndex

COOKIE = "sleuth_session"
CSRF_HEADER = "x-csrf-token"
#: How often the server looks for index commits made by another process (a running ingest).
INDEX_RELOAD_SECONDS = 2.0


@dataclass
class Workbench:
    """The state of one `sleuth serve`: the case and what is kept between requests."""

    case: Case
    limiter: LoginLimiter = field(default_factory=LoginLimiter)
    local_token: str | None = None  #: one-time login printed by `sleuth serve` when no users exist
    _reloaded: float = 0.0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def index(self) -> SearchIndex:
        """The search index, re-read every few seconds so a running ingest's commits show."""
        now = time.monotonic()
        with self._lock:
            index = self.case.index
            if now - self._reloaded > INDEX_RELOAD_SECONDS:
                reload: Callable[[], None] | None = getattr(getattr(index, "_index", None), "reload", None)
                if reload is not None:
                    reload()
                self._reloaded = now
        return index


def workbench(request: Request) -> Workbench:
    """The server's workbench."""
    wb: Workbench = request.app.state.workbench
    return wb


def optional_user(request: Request) -> SessionUser | None:
    """The logged-in user, or None."""
    return session_user(workbench(request).case, request.cookies.get(COOKIE))


def client_address(request: Request) -> str:
    """The address a request came from."""
    return request.client.host if request.client else "unknown"


def current_user(request: Request) -> SessionUser:
    """The logged-in user, or 401. Writes also need the session's CSRF token and must come
    from this server's own pages."""
    user = optional_user(request)
    if user is None:
        raise HTTPException(401, "Log in first.")
    if request.method in UNSAFE_METHODS:
        if not user.csrf_ok(request.headers.get(CSRF_HEADER)):
            raise HTTPException(403, "The request has no valid CSRF token (reload the page).")
        if not same_origin(request):
            raise HTTPException(403, "The request comes from another site.")
    return user


def require(role: Role) -> Callable[..., SessionUser]:
    """A dependency: the current user, who must have at least `role`."""
    def check(user: SessionUser = Depends(current_user)) -> SessionUser:  # noqa: B008
        if not user.may(role):
            raise HTTPException(403, f"This needs the {role.name} role; you are a {user.role.name}.")
        return user
    return check


viewer = require(Role.viewer)
editor = require(Role.editor)
admin = require(Role.admin)


def audit(request: Request, user: SessionUser | str, action: str, target: str | int | None = None,
          **detail: Any) -> None:
    """Record what a user did in the case's audit log."""
    name = user if isinstance(user, str) else user.name
    record(workbench(request).case, name, action, None if target is None else str(target),
           {k: v for k, v in detail.items() if v is not None}, client_address(request))
