"""The audit trail: who searched what, opened which document, exported what, merged which
entities, and when. Written by the workbench, printed by `sleuth audit`."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sleuth.errors import SleuthError

if TYPE_CHECKING:
    from sleuth.case import Case


@dataclass(frozen=True)
class AuditEntry:
    """One thing a user did."""

    at: float
    user: str
    action: str
    target: str | None
    detail: dict[str, Any]
    address: str | None

    def as_dict(self) -> dict[str, Any]:
        """JSON-ready form (one line of `sleuth audit --json`)."""
        return {"at": dt.datetime.fromtimestamp(self.at, dt.UTC).isoformat(timespec="seconds"),
                "user": self.user, "action": self.action, "target": self.target,
                "detail": self.detail, "address": self.address}

    def line(self) -> str:
        """One line for people: time, user, action, target, details."""
        when = dt.datetime.fromtimestamp(self.at, dt.UTC).strftime("%Y-%m-%d %H:%M:%S")
        extra = " ".join(f"{k}={v}" for k, v in self.detail.items())
        where = f"from {self.address}" if self.address else ""
        return " ".join(x for x in (when, self.user, self.action, self.target or "", extra, where) if x)


def record(case: Case, user: str, action: str, target: str | None = None,
           detail: dict[str, Any] | None = None, address: str | None = None) -> None:
    """Append one entry to the case's audit log."""
    case.store.access.record([{"at": time.time(), "user": user, "action": action, "target": target,
                               "detail": detail or {}, "address": address}])


def audit_entries(case: Case, user: str | None = None, action: str | None = None,
                  since: str | None = None, limit: int | None = None) -> list[AuditEntry]:
    """The audit log, oldest first; `since` is an ISO date or time (UTC)."""
    start = None
    if since:
        try:
            parsed = dt.datetime.fromisoformat(since)
        except ValueError:
            raise SleuthError(f"--since {since!r} is not a date: give e.g. 2026-12-01 or "
                              "2026-12-01T09:30.") from None
        start = (parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)).timestamp()
    return [AuditEntry(r["at"], r["user"], r["action"], r["target"], r["detail"], r["address"])
            for r in case.store.access.entries(user, action, start, limit)]
