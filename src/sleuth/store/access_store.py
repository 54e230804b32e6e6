"""The tables behind logins: users, browser sessions and the audit log."""

from __future__ import annotations

import json
import time
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import delete, func, select, update

from sleuth.store.schema import audit_log, users, web_sessions

if TYPE_CHECKING:
    from sleuth.store.store import Store


class AccessStore:
    """Rows of users, web_sessions and audit_log. Hashing and roles live in `sleuth.access`."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.engine = store.engine

    # ---- users --------------------------------------------------------------------

    def add_user(self, name: str, password_hash: str, role: str) -> dict[str, Any]:
        """Insert a user; the caller checks that the name is free."""
        with self.engine.begin() as conn:
            conn.execute(users.insert().values(name=name, password=password_hash, role=role,
                                               created_at=time.time()))
        found = self.user(name)
        assert found is not None
        return found

    def user(self, name: str) -> dict[str, Any] | None:
        """A user by name (with the password hash), or None."""
        with self.engine.connect() as conn:
            row = conn.execute(select(users).where(users.c.name == name)).first()
        return dict(row._mapping) if row is not None else None

    def users(self) -> list[dict[str, Any]]:
        """Every user, oldest first, without password hashes."""
        with self.engine.connect() as conn:
            rows = conn.execute(select(users.c.id, users.c.name, users.c.role, users.c.created_at)
                                .order_by(users.c.id)).all()
        return [dict(r._mapping) for r in rows]

    def count_users(self) -> int:
        """How many users the case has."""
        with self.engine.connect() as conn:
            return int(conn.execute(select(func.count()).select_from(users)).scalar_one())

    def update_user(self, name: str, **values: Any) -> None:
        """Change a user's password hash or role."""
        with self.engine.begin() as conn:
            conn.execute(update(users).where(users.c.name == name).values(**values))

    def remove_user(self, name: str) -> bool:
        """Delete a user and their sessions. False when there was no such user."""
        with self.engine.begin() as conn:
            user_id = conn.execute(select(users.c.id).where(users.c.name == name)).scalar()
            if user_id is None:
                return False
            conn.execute(delete(web_sessions).where(web_sessions.c.user_id == user_id))
            conn.execute(delete(users).where(users.c.id == user_id))
        return True

    # ---- sessions -----------------------------------------------------------------

    def add_session(self, token_hash: str, user_id: int, csrf: str, expires_at: float) -> None:
        """Record a new session (expired ones are dropped on the way)."""
        now = time.time()
        with self.engine.begin() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.expires_at < now))
            conn.execute(web_sessions.insert().values(token_hash=token_hash, user_id=user_id, csrf=csrf,
                                                      created_at=now, expires_at=expires_at))

    def session(self, token_hash: str) -> dict[str, Any] | None:
        """A live session with its user's name and role, or None."""
        query = (select(web_sessions.c.token_hash, web_sessions.c.csrf, web_sessions.c.expires_at,
                        users.c.id.label("user_id"), users.c.name, users.c.role)
                 .select_from(web_sessions.join(users, users.c.id == web_sessions.c.user_id))
                 .where(web_sessions.c.token_hash == token_hash, web_sessions.c.expires_at > time.time()))
        with self.engine.connect() as conn:
            row = conn.execute(query).first()
        return dict(row._mapping) if row is not None else None

    def end_session(self, token_hash: str) -> None:
        """Log a session out."""
        with self.engine.begin() as conn:
            conn.execute(delete(web_sessions).where(web_sessions.c.token_hash == token_hash))

    # ---- audit log ----------------------------------------------------------------

    def record(self, rows: Sequence[dict[str, Any]]) -> None:
        """Append audit entries: {at, user, action, target, detail (a dict), address}."""
        if not rows:
            return
        values = [{**r, "detail": json.dumps(r["detail"], ensure_ascii=False) if r.get("detail") else None}
                  for r in rows]
        with self.engine.begin() as conn:
            conn.execute(audit_log.insert(), values)

    def entries(self, user: str | None = None, action: str | None = None, since: float | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
        """Audit entries, oldest first (the newest `limit` of them when a limit is given)."""
        query = select(audit_log)
        if user:
            query = query.where(audit_log.c.user == user)
        if action:
            query = query.where(audit_log.c.action == action)
        if since is not None:
            query = query.where(audit_log.c.at >= since)
        query = query.order_by(audit_log.c.id.desc())
        if limit:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            rows = [dict(r._mapping) for r in conn.execute(query)]
        for r in rows:
            r["detail"] = json.loads(r["detail"]) if r["detail"] else {}
        return rows[::-1]
