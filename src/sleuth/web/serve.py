"""`sleuth serve`: checks that make sharing safe, then the server (uvicorn, one process;
requests run on its thread pool)."""

from __future__ import annotations

import ipaddress
import secrets
from collections.abc import Callable
from dataclasses import dataclass

from sleuth.case import Case
from sleuth.errors import SleuthError
from sleuth.link.graph_view import CACHE as GRAPHS
from sleuth.web.app import LOOPBACK_HOSTS, create_app


def is_loopback(host: str) -> bool:
    """Whether an address only this machine can reach."""
    if host.strip("[]") == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServePlan:
    """What `serve` will do: where it listens, and a one-time login link when it gives one."""

    host: str
    port: int
    url: str
    login_url: str | None
    users: int


def plan_serve(case: Case, host: str, port: int) -> ServePlan:
    """Check a serve request: on a network address the case must have users."""
    users = case.store.access.count_users()
    loopback = is_loopback(host)
    if not loopback and users == 0:
        raise SleuthError(
            f"Refusing to serve on {host}: the case has no users, so anyone on the network could read it.\n"
            f"Add one first: sleuth user add NAME --role admin --case {case.root}\n"
            "Or serve on this machine only (the default): sleuth serve --case CASE")
    shown = f"[{host}]" if ":" in host and not host.startswith("[") else host
    url = f"http://{shown}:{port}/"
    token = secrets.token_urlsafe(24) if loopback else None
    return ServePlan(host, port, url, f"{url}login?token={token}" if token else None, users)


def serve(case: Case, plan: ServePlan, announce: Callable[[str], None] = print) -> None:
    """Run the workbench until interrupted."""
    import uvicorn

    token = plan.login_url.rsplit("token=", 1)[1] if plan.login_url else None
    hosts = LOOPBACK_HOSTS if is_loopback(plan.host) else None
    app = create_app(case, allowed_hosts=hosts, local_token=token)
    config = uvicorn.Config(app, host=plan.host.strip("[]"), port=plan.port, access_log=False,
                            server_header=False, log_level="warning", timeout_keep_alive=30)
    server = uvicorn.Server(config)
    GRAPHS.warm(case)  # the graph page's graph, made (or loaded) while the first pages are read
    announce(f"Sleuth workbench for {case.root} at {plan.url}")
    if plan.login_url:
        announce(f"One-time login link (this machine only): {plan.login_url}")
    if plan.users == 0:
        announce("The case has no users yet; add one with: "
                 f"sleuth user add NAME --role admin --case {case.root}")
    server.run()
