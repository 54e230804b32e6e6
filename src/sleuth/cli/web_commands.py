"""Commands of the workbench: serve, user, audit."""

from __future__ import annotations

import getpass
import sys
from pathlib import Path

import click

from sleuth.cli.app import case_option, emit, handle_errors, info, main, open_case, output_options
from sleuth.errors import SleuthError


@main.command()
@case_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but this machine needs at least one user.")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535), help="Port.")
@output_options
@handle_errors
def serve(case_path: Path, host: str, port: int, as_json: bool, silent: bool) -> None:
    """Serve the web workbench (search, documents, entities, graph, timeline, findings)."""
    from sleuth.web.serve import plan_serve
    from sleuth.web.serve import serve as run

    case = open_case(case_path)
    plan = plan_serve(case, host, port)
    if as_json:
        emit({"url": plan.url, "login_url": plan.login_url, "users": plan.users})
    run(case, plan, announce=lambda line: info(line, silent))


@main.group()
def user() -> None:
    """Manage the workbench's users (stored in the case)."""


def _cli_name() -> str:
    """Who made a change from the command line, for the audit log."""
    try:
        return f"cli:{getpass.getuser()}"
    except Exception:  # no login name (a container without a passwd entry)
        return "cli"


def _password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    return str(click.prompt("Password", hide_input=True, confirmation_prompt=True, err=True))


@user.command(name="add")
@click.argument("name")
@click.option("--role", type=click.Choice(["admin", "editor", "viewer"]), default="viewer", show_default=True,
              help="viewer reads; editor also tags, notes and decides on entities; admin also manages users.")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@case_option
@output_options
@handle_errors
def user_add(name: str, role: str, password_stdin: bool, case_path: Path, as_json: bool,
             silent: bool) -> None:
    """Add a user (the password is asked for twice, or read with --password-stdin)."""
    from sleuth.access import add_user, record

    case = open_case(case_path)
    made = add_user(case, name, _password(password_stdin), role)
    record(case, _cli_name(), "user_add", name, {"role": role})
    if as_json:
        emit({"name": made["name"], "role": made["role"]})
    else:
        info(f"Added {made['role']} {made['name']!r}.", silent)


@user.command(name="list")
@case_option
@output_options
@handle_errors
def user_list(case_path: Path, as_json: bool, silent: bool) -> None:
    """List the users and their roles."""
    import datetime as dt

    for u in open_case(case_path).store.access.users():
        if as_json:
            emit({"name": u["name"], "role": u["role"], "created_at": u["created_at"]})
        else:
            made = dt.datetime.fromtimestamp(u["created_at"], dt.UTC).strftime("%Y-%m-%d")
            click.echo(f"{u['name']:<24} {u['role']:<7} since {made}")


@user.command(name="remove")
@click.argument("name")
@case_option
@output_options
@handle_errors
def user_remove(name: str, case_path: Path, as_json: bool, silent: bool) -> None:
    """Remove a user and end their sessions."""
    from sleuth.access import record, remove_user

    case = open_case(case_path)
    remove_user(case, name)
    record(case, _cli_name(), "user_remove", name)
    _done({"name": name, "removed": True}, f"Removed {name!r}.", as_json, silent)


@user.command(name="password")
@click.argument("name")
@click.option("--password-stdin", is_flag=True, help="Read the password from the first line of stdin.")
@case_option
@output_options
@handle_errors
def user_password(name: str, password_stdin: bool, case_path: Path, as_json: bool, silent: bool) -> None:
    """Give a user a new password."""
    from sleuth.access import record, set_password

    case = open_case(case_path)
    set_password(case, name, _password(password_stdin))
    record(case, _cli_name(), "user_password", name)
    _done({"name": name, "password_changed": True}, f"New password set for {name!r}.", as_json, silent)


@user.command(name="role")
@click.argument("name")
@click.argument("role", type=click.Choice(["admin", "editor", "viewer"]))
@case_option
@output_options
@handle_errors
def user_role(name: str, role: str, case_path: Path, as_json: bool, silent: bool) -> None:
    """Change a user's role."""
    from sleuth.access import record, set_role

    case = open_case(case_path)
    set_role(case, name, role)
    record(case, _cli_name(), "user_role", name, {"role": role})
    _done({"name": name, "role": role}, f"{name!r} is now {role}.", as_json, silent)


def _done(obj: dict[str, object], message: str, as_json: bool, silent: bool) -> None:
    """A change's result: a JSON line, or a message on stderr."""
    if as_json:
        emit(obj)
    else:
        info(message, silent)


@main.command()
@case_option
@click.option("--user", "user_name", help="Only this user's entries.")
@click.option("--action", help="Only this action (search, open_document, download, export, merge, ...).")
@click.option("--since", help="Only entries from this date or time on (UTC), e.g. 2026-12-01.")
@click.option("--limit", type=int, default=None, help="Only the newest N entries.")
@output_options
@handle_errors
def audit(case_path: Path, user_name: str | None, action: str | None, since: str | None, limit: int | None,
          as_json: bool, silent: bool) -> None:
    """Print the audit log: who searched what, opened which document, exported what, when."""
    from sleuth.access import audit_entries

    if limit is not None and limit < 1:
        raise SleuthError("--limit must be at least 1.")
    entries = audit_entries(open_case(case_path), user_name, action, since, limit)
    for entry in entries:
        if as_json:
            emit(entry.as_dict())
        else:
            click.echo(entry.line())
    if not entries:
        info("The audit log has no such entries.", silent)
