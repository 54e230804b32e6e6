"""A trove can hold hostile files: their HTML and scripts must stay inert text in every
page, oversized input is refused, and the session cookie is Secure behind TLS."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.conftest import run_cli
from tests.web.browser import screenshot
from tests.web.conftest import Server, start_server, stop_server
from tests.web.test_access import add_user

PAYLOAD = '<img src=x onerror="alert(1)"><script>alert(2)</script> hostilemarker'
HTML_FILE = f"""<html><head><title>Hostile page</title>
<script>alert('title')</script><meta http-equiv="refresh" content="0;url=https://evil.example/"></head>
<body><p>hostilemarker in a page</p><iframe src="https://evil.example/"></iframe>
<p>{PAYLOAD.replace('<', '&lt;')}</p>
<a href="javascript:alert(3)">click</a></body></html>"""


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """A case of hostile files, served."""
    root = tmp_path_factory.mktemp("hostile")
    src = root / "src"
    src.mkdir()
    (src / "note.txt").write_text(f"A note.\n{PAYLOAD}\nend", encoding="utf-8")
    (src / "ledger.csv").write_text(f'name,comment\nAbu X,"{PAYLOAD.replace(chr(34), chr(34) * 2)}"\n',
                                    encoding="utf-8")
    (src / "page.html").write_text(HTML_FILE, encoding="utf-8")
    (src / "drawing.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(4)</script>'
                                     '<text>hostilemarker svg</text></svg>', encoding="utf-8")
    case = root / "case"
    run_cli("init", str(case), check=True)
    run_cli("ingest", str(src), "--case", str(case), "--silent")
    assert add_user(case, "ada", "admin", "admin-password-1").returncode == 0
    server = start_server(case, root / "serve.log")
    yield server
    stop_server(server)


def _client(server: Server) -> Any:
    return server.client().login("ada", "admin-password-1")


def _document(server: Server, name: str) -> dict[str, Any]:
    client = _client(server)
    hits = client.get("/api/search", params={"q": f"path:{name}"}).json()["hits"]
    assert hits, name
    return dict(client.get(f"/api/documents/{hits[0]['id']}").json())


def test_markup_in_a_document_is_served_as_text(hostile: Server) -> None:
    doc = _document(hostile, "note.txt")
    assert PAYLOAD in doc["pages"][0]["text"]  # the API gives the text as it is: JSON, not HTML
    original = _client(hostile).get(f"/api/documents/{doc['id']}/original")
    assert original.headers["content-type"] == "application/octet-stream"
    assert original.headers["content-security-policy"] == "sandbox"
    assert original.headers["content-disposition"].startswith("attachment")


def test_no_script_of_a_document_ever_runs_in_the_browser(chromium: Any, hostile: Server) -> None:
    context = chromium.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    outside: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(
        (hostile.url + "/", "data:", "blob:")) else None)
    page.goto(hostile.url + "/login")
    page.fill("input[name=name]", "ada")
    page.fill("input[name=password]", "admin-password-1")
    page.click("button[type=submit]")
    page.wait_for_url(hostile.url + "/")
    page.goto(hostile.url + "/search?q=hostilemarker")
    page.wait_for_selector(".hit mark")
    assert page.locator(".hit").count() == 4
    assert "<script>alert(2)</script>" in page.inner_text(".hits")  # shown as characters
    for name in ("note.txt", "ledger.csv", "page.html", "drawing.svg"):
        doc = _document(hostile, name)
        page.goto(f"{hostile.url}/documents/{doc['id']}?q=hostilemarker")
        page.wait_for_selector(".page-text mark")
        assert page.locator(".page-text img, .page-text script, .page-text iframe").count() == 0
    for name in ("note.txt", "ledger.csv", "page.html"):  # the page's escaped markup is text
        page.goto(f"{hostile.url}/documents/{_document(hostile, name)['id']}")
        page.wait_for_selector(".page-text")
        assert 'onerror="alert(1)"' in page.inner_text(".page-text")
    screenshot(page, "hostile-document")
    page.wait_for_timeout(500)
    assert dialogs == []
    assert outside == []
    context.close()


def test_oversized_requests_are_refused(hostile: Server) -> None:
    client = _client(hostile)
    big = client.post("/api/search/batch", files={"upload": ("names.txt", b"x" * (3 * 1024 * 1024))})
    assert big.status_code == 413
    long_query = client.get("/api/search", params={"q": "a" * 5000})
    assert long_query.status_code == 422
    assert client.get("/api/search", params={"q": "Palmyra", "limit": 100_000}).status_code == 422


def test_the_cookie_is_secure_behind_tls(hostile: Server) -> None:
    # a reverse proxy on this machine that terminates TLS says so in X-Forwarded-Proto
    response = httpx.post(hostile.url + "/api/login", json={"name": "ada", "password": "admin-password-1"},
                          headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert "secure" in response.headers["set-cookie"].lower()


def test_a_host_header_other_than_this_machine_is_refused(hostile: Server) -> None:
    # DNS rebinding: a page from evil.example that resolved to 127.0.0.1
    response = httpx.get(hostile.url + "/login", headers={"Host": "evil.example"})
    assert response.status_code == 400


def test_hostile_files_were_read_not_skipped(hostile: Server, tmp_path: Path) -> None:
    status = _client(hostile).get("/api/overview").json()
    assert status["documents"] == 4 and status["problems_total"] == 0
