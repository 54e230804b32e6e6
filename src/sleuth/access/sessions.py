"""Browser sessions: a random token in an HttpOnly cookie, a hash of it in the case, and a
CSRF token that every state-changing request must send back."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sleuth.access.users import Role, role_of

if TYPE_CHECKING:
    from sleuth.case import Case

SESSION_SECONDS = 12 * 3600


@dataclass(frozen=True)
class SessionUser:
    """The logged-in user a request comes from."""

    name: str
    role: Role
    csrf: str
    token_hash: str

    def may(self, role: Role) -> bool:
        """Whether this user has at least `role`."""
        return self.role >= role

    def csrf_ok(self, sent: str | None) -> bool:
        """Whether a request's CSRF token is this session's (compared in constant time)."""
        return bool(sent) and hmac.compare_digest(self.csrf, sent or "")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(case: Case, user_id: int, seconds: int = SESSION_SECONDS) -> str:
    """Start a session for a user; returns the cookie's token."""
    token = secrets.token_urlsafe(32)
    case.store.access.add_session(_hash(token), user_id, secrets.token_urlsafe(32), time.time() + seconds)
    return token


def session_user(case: Case, token: str | None) -> SessionUser | None:
    """The user of a live session token, or None."""
    if not token:
        return None
    row = case.store.access.session(_hash(token))
    if row is None:
        return None
    return SessionUser(row["name"], role_of(row["role"]), row["csrf"], row["token_hash"])


def end_session(case: Case, token: str | None) -> None:
    """Log out (a missing or dead token is nothing to do)."""
    if token:
        case.store.access.end_session(_hash(token))
