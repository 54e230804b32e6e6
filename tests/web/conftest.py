"""A running `sleuth serve` on a free loopback port, over a copy of the demo case (so the
tests' tags, notes and merges never touch the case other tests score), with one user of
each role. Stopped when the session ends."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from sleuth.case import Case
from tests.conftest import SLEUTH, run_cli
from tests.web.browser import chromium

#: name -> (role, password)
USERS = {"ada": ("admin", "admin-password-1"), "eve": ("editor", "editor-password-1"),
         "vic": ("viewer", "viewer-password-1")}
ROLE_USER = {role: name for name, (role, _) in USERS.items()}


def free_port() -> int:
    """A port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class WebClient(httpx.Client):
    """An HTTP client of the workbench; after `login`, writes send the CSRF token."""

    csrf: str = ""

    def login(self, name: str, password: str | None = None) -> WebClient:
        response = self.post("/api/login", json={"name": name, "password": password or USERS[name][1]})
        response.raise_for_status()
        self.csrf = response.json()["csrf"]
        self.headers["X-CSRF-Token"] = self.csrf
        return self


@dataclass
class Server:
    """A served case."""

    url: str
    case_path: Path
    process: subprocess.Popen[bytes]
    log: Path

    def client(self, role: str | None = None) -> WebClient:
        """A client, logged in as the user of `role` when one is given."""
        client = WebClient(base_url=self.url, timeout=60, follow_redirects=False)
        return client.login(ROLE_USER[role]) if role else client

    def login_link(self) -> str:
        """The one-time login link the server printed."""
        match = re.search(r"(http://\S+/login\?token=\S+)", self.log.read_text(encoding="utf-8"))
        assert match, self.log.read_text(encoding="utf-8")
        return match.group(1)


def start_server(case_path: Path, log: Path, host: str = "127.0.0.1") -> Server:
    """Start `sleuth serve` and wait until it answers."""
    port = free_port()
    handle = log.open("wb")
    command = [*SLEUTH, "serve", "--case", str(case_path), "--host", host, "--port", str(port)]
    process = subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, env={**os.environ})
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"sleuth serve exited {process.returncode}:\n{log.read_text()}")
        try:
            if httpx.get(url + "/login", timeout=2).status_code == 200:
                return Server(url, case_path, process, log)
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"sleuth serve did not answer within 60 s:\n{log.read_text()}")


def stop_server(server: Server) -> None:
    """Stop a server started by `start_server`."""
    server.process.terminate()
    try:
        server.process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        server.process.kill()
        server.process.wait()


@pytest.fixture(scope="session")
def served_case(demo_case: Case, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the demo case with one user of each role."""
    copy = tmp_path_factory.mktemp("served") / "case"
    shutil.copytree(demo_case.root, copy)
    for name, (role, password) in USERS.items():
        proc = subprocess.run([*SLEUTH, "user", "add", name, "--role", role, "--password-stdin",
                               "--case", str(copy)], input=password + "\n", capture_output=True, text=True)
        assert proc.returncode == 0, proc.stderr
    return copy


@pytest.fixture(scope="session")
def server(served_case: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """`sleuth serve` over the served case, for the whole session."""
    running = start_server(served_case, tmp_path_factory.mktemp("serve") / "serve.log")
    yield running
    stop_server(running)


__all__ = ["USERS", "Server", "WebClient", "chromium", "run_cli", "start_server", "stop_server"]
