"""Local users: a name, an argon2 password hash and a role.

Roles nest: a viewer reads; an editor also tags, notes, saves searches and makes entity
decisions; an admin also manages users.
"""

from __future__ import annotations

import re
from enum import IntEnum
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sleuth.errors import SleuthError

if TYPE_CHECKING:
    from sleuth.case import Case

MIN_PASSWORD_LENGTH = 8
_NAME_RE = re.compile(r"^[\w.@-]{1,100}$")


class Role(IntEnum):
    """What a user may do; a higher role may do everything a lower one may."""

    viewer = 1
    editor = 2
    admin = 3


ROLES = tuple(r.name for r in Role)


@lru_cache(maxsize=1)
def _hasher() -> PasswordHasher:
    return PasswordHasher()


# Verified against when the user does not exist, so a wrong name takes as long as a wrong
# password and response times do not tell which names exist.
@lru_cache(maxsize=1)
def _decoy_hash() -> str:
    return _hasher().hash("no such user, no such password")


def role_of(name: str) -> Role:
    """A role by name, or a clear error."""
    try:
        return Role[name]
    except KeyError:
        raise SleuthError(f"Unknown role {name!r}: use one of {', '.join(ROLES)}.") from None


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise SleuthError(f"The password is too short: use at least {MIN_PASSWORD_LENGTH} characters.")


def add_user(case: Case, name: str, password: str, role: str) -> dict[str, Any]:
    """Create a user. Names are letters, digits and . @ - _; passwords at least 8 characters."""
    if not _NAME_RE.match(name):
        raise SleuthError(f"{name!r} is not a user name: use letters, digits and . @ - _ (up to 100).")
    role_of(role)
    _check_password(password)
    store = case.store.access
    if store.user(name) is not None:
        raise SleuthError(f"There is already a user {name!r}.\n"
                          f"Change the password with: sleuth user password {name} --case CASE")
    return store.add_user(name, _hasher().hash(password), role)


def authenticate(case: Case, name: str, password: str) -> dict[str, Any] | None:
    """The user when the password is right, else None (in about the same time either way)."""
    user = case.store.access.user(name)
    try:
        _hasher().verify(user["password"] if user else _decoy_hash(), password)
    except (VerificationError, InvalidHashError):
        return None
    if user is None:
        return None
    if _hasher().check_needs_rehash(user["password"]):
        case.store.access.update_user(name, password=_hasher().hash(password))
    return user


def set_password(case: Case, name: str, password: str) -> None:
    """Give a user a new password (their sessions stay open)."""
    _check_password(password)
    if case.store.access.user(name) is None:
        raise SleuthError(f"No user {name!r} in this case.")
    case.store.access.update_user(name, password=_hasher().hash(password))


def set_role(case: Case, name: str, role: str) -> None:
    """Change a user's role."""
    role_of(role)
    if case.store.access.user(name) is None:
        raise SleuthError(f"No user {name!r} in this case.")
    case.store.access.update_user(name, role=role)


def remove_user(case: Case, name: str) -> None:
    """Delete a user and end their sessions."""
    if not case.store.access.remove_user(name):
        raise SleuthError(f"No user {name!r} in this case.")
