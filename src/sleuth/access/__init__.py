"""Who may use a case in the workbench: local users with roles, their sessions, and the
audit trail of what each of them did."""

from sleuth.access.audit import AuditEntry, audit_entries, record
from sleuth.access.sessions import SessionUser, end_session, open_session, session_user
from sleuth.access.users import ROLES, Role, add_user, authenticate, remove_user, set_password, set_role

__all__ = ["ROLES", "AuditEntry", "Role", "SessionUser", "add_user", "audit_entries", "authenticate",
           "end_session", "open_session", "record", "remove_user", "session_user", "set_password",
           "set_role"]
