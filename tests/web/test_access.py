"""Logins, roles, CSRF, rate limits and the audit log, against a running `sleuth serve`."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import httpx
import pytest

from tests.conftest import SLEUTH, run_cli
from tests.web.conftest import USERS, Server, start_server, stop_server


def test_every_api_route_refuses_a_visitor_who_is_not_logged_in(server: Server) -> None:
    client = server.client()
    schema = client.get("/api/openapi.json").json()
    checked = 0
    for path, methods in schema["paths"].items():
        if path in ("/api/login",):
            continue
        url = path.replace("{", "").replace("}", "").replace("doc_id", "1").replace("entity_id", "1")
        for method in methods:
            response = client.request(method.upper(), url)
            assert response.status_code in (401, 403, 422), (method, path, response.status_code)
            assert response.status_code != 200
            checked += 1
    assert checked >= 8


def test_pages_send_a_visitor_to_the_login_form_and_back(server: Server) -> None:
    client = server.client()
    response = client.get("/search?q=Palmyra")
    assert response.status_code == 303
    assert response.headers["location"] == "/login?next=/search%3Fq%3DPalmyra"
    form = {"name": "vic", "password": USERS["vic"][1], "next": "/search?q=Palmyra"}
    logged = client.post("/login", data=form)
    assert logged.status_code == 303 and logged.headers["location"] == "/search?q=Palmyra"
    cookie = logged.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=strict" in cookie and "secure" not in cookie  # plain http
    page = client.get("/search?q=Palmyra")
    assert page.status_code == 200 and "vic (viewer)" in page.text


def test_a_login_may_only_send_the_user_back_to_this_server(server: Server) -> None:
    client = server.client()
    for target in ("https://evil.example/", "//evil.example/x", "/\\evil.example"):
        response = client.post("/login", data={"name": "vic", "password": USERS["vic"][1], "next": target})
        assert response.headers["location"] == "/"


def test_a_wrong_password_is_refused_and_recorded(server: Server) -> None:
    client = server.client()
    response = client.post("/api/login", json={"name": "vic", "password": "not the password"})
    assert response.status_code == 401
    assert "Wrong user name or password" in response.json()["error"]
    entries = server.client("admin").get("/api/audit", params={"action": "login_failed"}).json()
    assert any(e["user"] == "vic" for e in entries)


def test_writes_need_the_session_csrf_token(server: Server) -> None:
    client = server.client("editor")
    body = {"name": "csrf check", "query": "Palmyra"}
    assert client.post("/api/saved-searches", json=body).status_code == 201
    del client.headers["X-CSRF-Token"]
    refused = client.post("/api/saved-searches", json=body)
    assert refused.status_code == 403 and "CSRF" in refused.json()["error"]
    forged = client.post("/api/saved-searches", json=body, headers={"X-CSRF-Token": "guess"})
    assert forged.status_code == 403


def test_a_write_from_another_site_is_refused_even_with_the_token(server: Server) -> None:
    client = server.client("editor")
    response = client.post("/api/saved-searches", json={"name": "x", "query": "y"},
                           headers={"Origin": "https://evil.example"})
    assert response.status_code == 403


def test_a_viewer_cannot_change_anything(server: Server) -> None:
    viewer = server.client("viewer")
    assert viewer.post("/api/saved-searches", json={"name": "mine", "query": "oil"}).status_code == 403
    assert viewer.post("/api/users", json={"name": "mallory", "password": "password-123",
                                           "role": "admin"}).status_code == 403
    assert viewer.get("/api/audit").status_code == 403
    # reading is fine
    assert viewer.get("/api/search", params={"q": "Palmyra"}).status_code == 200


def test_only_admins_manage_users(server: Server) -> None:
    editor = server.client("editor")
    assert editor.post("/api/users", json={"name": "new1", "password": "password-123",
                                           "role": "viewer"}).status_code == 403
    admin = server.client("admin")
    made = admin.post("/api/users", json={"name": "new1", "password": "password-123", "role": "viewer"})
    assert made.status_code == 201
    assert server.client().login("new1", "password-123").get("/api/session").json()["role"] == "viewer"
    assert admin.delete("/api/users/new1").status_code == 204
    gone = server.client().post("/api/login", json={"name": "new1", "password": "password-123"})
    assert gone.status_code == 401


def test_logins_are_rate_limited(server: Server) -> None:
    # a name of its own, so the other tests' logins are not slowed
    admin = server.client("admin")
    admin.post("/api/users", json={"name": "target", "password": "right-password", "role": "viewer"})
    client = server.client()
    codes = [client.post("/api/login", json={"name": "target", "password": f"guess-{i}"}).status_code
             for i in range(6)]
    assert codes[:5] == [401] * 5
    assert codes[5] == 429
    limited = client.post("/api/login", json={"name": "target", "password": "right-password"})
    assert limited.status_code == 429 and int(limited.headers["retry-after"]) > 0


def test_logout_ends_the_session(server: Server) -> None:
    client = server.client("viewer")
    assert client.get("/api/session").status_code == 200
    response = client.post("/logout", data={"csrf": client.csrf})
    assert response.status_code == 303
    client.cookies.clear()
    assert client.get("/api/session").status_code == 401


def test_the_audit_log_says_who_searched_what(server: Server) -> None:
    server.client("viewer").get("/api/search", params={"q": "تدمر"})
    proc = run_cli("audit", "--case", str(server.case_path), "--user", "vic", "--action", "search", "--json")
    assert proc.returncode == 0, proc.stderr
    entries = [json.loads(line) for line in proc.stdout.splitlines()]
    assert any(e["target"] == "تدمر" and e["address"] == "127.0.0.1" for e in entries)
    text = run_cli("audit", "--case", str(server.case_path), "--action", "search").stdout
    assert "vic search تدمر" in text


def test_one_time_login_link_works_once(server: Server) -> None:
    link = server.login_link()
    first = server.client().get(link.removeprefix(server.url))
    assert first.status_code == 303
    cookie = first.cookies.get("sleuth_session")
    assert cookie
    again = server.client().get(link.removeprefix(server.url))
    assert "sleuth_session" not in again.cookies


def test_serving_on_a_network_address_needs_a_user(tmp_path: Path) -> None:
    run_cli("init", str(tmp_path / "c"), check=True)
    proc = run_cli("serve", "--case", str(tmp_path / "c"), "--host", "0.0.0.0", "--port", "9")
    assert proc.returncode == 2
    assert "no users" in proc.stderr and "sleuth user add" in proc.stderr


def test_a_network_server_answers_only_after_login(tmp_path: Path) -> None:
    case = tmp_path / "c"
    run_cli("init", str(case), check=True)
    add_user(case, "solo", "admin", "long-password")
    served = start_server(case, tmp_path / "log", host="0.0.0.0")
    try:
        assert httpx.get(served.url + "/api/overview").status_code == 401
        assert "token=" not in served.log.read_text()  # no one-time link off loopback
    finally:
        stop_server(served)


@pytest.mark.parametrize("password", ["short", ""])
def test_short_passwords_are_refused(tmp_path: Path, password: str) -> None:
    run_cli("init", str(tmp_path / "c"), check=True)
    proc = add_user(tmp_path / "c", "x", "viewer", password)
    assert proc.returncode == 2 and "too short" in proc.stderr


def add_user(case: Path, name: str, role: str, password: str) -> subprocess.CompletedProcess[str]:
    """`sleuth user add` with the password on stdin."""
    command = [*SLEUTH, "user", "add", name, "--role", role, "--password-stdin", "--case", str(case)]
    return subprocess.run(command, input=password + "\n", capture_output=True, text=True)
