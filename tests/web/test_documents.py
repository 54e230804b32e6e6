"""The document page's API against a running server over the demo case: page images and
word boxes that mark the query, the document's mentions, events and provenance, the
original as an inert download, no way out of the case by path, and tags by role."""

from __future__ import annotations

import http.client
import io
from typing import Any
from urllib.parse import urlsplit

import pytest
from PIL import Image

from sleuth.text.normalize import normalize
from sleuth.text.tokens import tokenize
from tests.web.conftest import Server, WebClient


def tokens(text: str) -> list[str]:
    """Words as search compares them."""
    return [t.text for t in tokenize(normalize(text))]


def first_hit(client: WebClient, query: str) -> dict[str, Any]:
    """The best search hit for a query (which must have one)."""
    response = client.get("/api/search", params={"q": query})
    assert response.status_code == 200, response.text
    hits = response.json()["hits"]
    assert hits, f"nothing in the demo case matches {query!r}"
    return dict(hits[0])


def check_words(client: WebClient, doc_id: int, page: int, query: str) -> list[str]:
    """The words the query marks on a page; every box lies on the page."""
    response = client.get(f"/api/documents/{doc_id}/pages/{page}/words", params={"q": query})
    assert response.status_code == 200, response.text
    data = response.json()
    assert data["width"] > 0 and data["height"] > 0 and data["words"]
    for word in data["words"]:
        x, y, w, h = word["box"]
        assert 0 <= x <= 1 and 0 <= y <= 1 and w >= 0 and h >= 0 and x + w <= 1.0001 and y + h <= 1.0001
    return [data["words"][i]["text"] for i in data["matches"]]


def is_png(data: bytes) -> tuple[int, int]:
    with Image.open(io.BytesIO(data)) as image:
        assert image.format == "PNG"
        image.load()
        return image.size


@pytest.mark.parametrize("query", ['"إدارة الحدود" type:image', '"Border Administration" type:image'])
def test_scanned_form_has_page_image_and_marked_word_boxes(server: Server, query: str) -> None:
    viewer = server.client("viewer")
    hit = first_hit(viewer, query)
    assert hit["kind"] == "image"
    doc = viewer.get(f"/api/documents/{hit['id']}", params={"q": query}).json()
    page = doc["pages"][0]
    assert page["method"] == "ocr" and page["has_image"] and page["matches"]
    image = viewer.get(f"/api/documents/{hit['id']}/pages/1/image")
    assert image.status_code == 200 and image.headers["content-type"] == "image/png"
    width, height = is_png(image.content)
    assert min(width, height) > 200
    marked = check_words(viewer, hit["id"], 1, query)
    # both words of the phrase, whatever the scan's own spelling (hamza, case, punctuation)
    assert set(tokens(" ".join(marked))) >= set(tokens(query.split('"')[1]))
    missing = viewer.get(f"/api/documents/{hit['id']}/pages/{doc['page_count'] + 1}/image")
    assert missing.status_code == 404


def test_born_digital_pdf_page_gets_word_boxes_for_arabic_query(server: Server) -> None:
    viewer = server.client("viewer")
    hit = first_hit(viewer, "تدمر type:pdf")
    doc = viewer.get(f"/api/documents/{hit['id']}", params={"q": "تدمر"}).json()
    page = next(p for p in doc["pages"] if p["matches"])
    assert page["method"] == "text" and page["has_image"]
    assert is_png(viewer.get(f"/api/documents/{hit['id']}/pages/{page['number']}/image").content)
    marked = check_words(viewer, hit["id"], page["number"], "تدمر")
    assert marked and all("تدمر" in w for w in marked)


def test_document_json_has_mentions_events_and_provenance(server: Server) -> None:
    viewer = server.client("viewer")
    hit = first_hit(viewer, "Palmyra type:pdf")
    doc = viewer.get(f"/api/documents/{hit['id']}").json()
    assert doc["id"] == hit["id"] and len(doc["sha256"]) == 64 and doc["pages"]
    texts = {p["number"]: p["text"] for p in doc["pages"]}
    assert doc["mentions"], "the demo letters name people and places"
    for m in doc["mentions"][:50]:
        assert texts[m["page"]][m["start"]:m["end"]].strip(), m
    resolved = [m for m in doc["mentions"] if m["entity_id"]]
    assert resolved and all(m["canonical"] for m in resolved)
    assert doc["provenance"] and doc["provenance"][0]["path"].endswith(hit["path"].rsplit("/", 1)[-1])
    # the letters about Palmyra tell events: who did what to whom, in which sentence
    hits = viewer.get("/api/search", params={"q": "Palmyra OR تدمر", "limit": 30}).json()["hits"]
    docs = [viewer.get(f"/api/documents/{h['id']}").json() for h in hits]
    told = [(d, e) for d in docs for e in d["events"]]
    assert told, "no document about Palmyra has an event"
    d, e = told[0]
    sentence = {p["number"]: p["text"] for p in d["pages"]}[e["page"]][e["sentence"][0]:e["sentence"][1]]
    assert e["type"] and e["quad_class"] and (e["source"] or e["target"]) and sentence.strip()
    assert e["sentence"][0] <= e["trigger"][0] < e["trigger"][1] <= e["sentence"][1]


def test_archive_member_shows_its_chain_of_containers(server: Server) -> None:
    viewer = server.client("viewer")
    hit = first_hit(viewer, "path:archive_2015.zip/ type:pdf")
    doc = viewer.get(f"/api/documents/{hit['id']}").json()
    inside = [p for p in doc["provenance"] if p["chain"]]
    assert inside, doc["provenance"]
    chain = inside[0]["chain"]
    assert chain[0]["kind"] == "archive" and "!/" not in chain[0]["path"]  # a file on disk
    assert inside[0]["path"].startswith(chain[-1]["path"] + "!/")
    outer = viewer.get(f"/api/documents/{chain[-1]['document_id']}").json()
    assert any(c["document_id"] == hit["id"] for c in outer["children"])


def test_html_original_downloads_as_inert_attachment(server: Server) -> None:
    viewer = server.client("viewer")
    hit = first_hit(viewer, "type:html")
    response = viewer.get(f"/api/documents/{hit['id']}/original")
    assert response.status_code == 200
    assert response.headers["content-type"] == "application/octet-stream"
    assert response.headers["content-disposition"].startswith("attachment;")
    assert response.headers["content-security-policy"] == "sandbox"
    assert response.headers["x-content-type-options"] == "nosniff"
    assert b"<" in response.content[:2000]  # the original bytes, markup and all
    doc = viewer.get(f"/api/documents/{hit['id']}").json()
    assert len(response.content) == doc["size"]
    assert viewer.get(f"/api/documents/{hit['id']}/pages/1/image").status_code == 404
    admin = server.client("admin")
    log = admin.get("/api/audit", params={"action": "download", "user": "vic"}).json()
    assert any(e["target"] == str(hit["id"]) for e in log)


@pytest.mark.parametrize("path", [
    "/api/documents/..%2f..%2fetc%2fpasswd/original",
    "/api/documents/../../etc/passwd",
    "/api/documents/1/pages/../image",
    "/api/documents/1/pages/..%2f..%2f..%2fcase.db/image",
    "/static/../case.db",
    "/static/%2e%2e/case.db",
    "/static/..%2f..%2f..%2f..%2f..%2f..%2f..%2f..%2fetc%2fpasswd",
    "/static/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
])
def test_paths_never_reach_files_outside(server: Server, path: str) -> None:
    # http.client sends the path as written (httpx would resolve the dots first)
    viewer = server.client("viewer")
    cookie = "; ".join(f"{k}={v}" for k, v in viewer.cookies.items())
    url = urlsplit(server.url)
    conn = http.client.HTTPConnection(url.hostname or "127.0.0.1", url.port, timeout=30)
    conn.request("GET", path, headers={"Cookie": cookie})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    assert response.status in (400, 404, 422), (response.status, body[:200])
    assert not body.startswith(b"SQLite format 3") and b"root:" not in body


def test_viewer_cannot_tag_editor_can_and_it_is_audited(server: Server) -> None:
    viewer, editor, admin = server.client("viewer"), server.client("editor"), server.client("admin")
    doc_id = first_hit(viewer, "Palmyra")["id"]
    refused = viewer.post(f"/api/documents/{doc_id}/tags", json={"tag": "smuggling route"})
    assert refused.status_code == 403
    assert editor.post(f"/api/documents/{doc_id}/tags", json={"tag": "x" * 101}).status_code == 422
    added = editor.post(f"/api/documents/{doc_id}/tags", json={"tag": "smuggling route"})
    assert added.status_code == 201 and "smuggling route" in added.json()["tags"]
    assert "smuggling route" in viewer.get(f"/api/documents/{doc_id}").json()["tags"]
    log = admin.get("/api/audit", params={"action": "tag"}).json()
    assert any(e["user"] == "eve" and e["target"] == str(doc_id)
               and e["detail"].get("tag") == "smuggling route" for e in log)
    assert viewer.delete(f"/api/documents/{doc_id}/tags/smuggling route").status_code == 403
    removed = editor.delete(f"/api/documents/{doc_id}/tags/smuggling route")
    assert removed.status_code == 200 and "smuggling route" not in removed.json()["tags"]
    opened = admin.get("/api/audit", params={"action": "open_document", "user": "vic"}).json()
    assert any(e["target"] == str(doc_id) for e in opened)


def test_notes_by_editors_with_limits(server: Server) -> None:
    viewer, editor = server.client("viewer"), server.client("editor")
    doc_id = first_hit(viewer, "تدمر")["id"]
    assert viewer.post(f"/api/documents/{doc_id}/notes", json={"text": "no"}).status_code == 403
    assert editor.post(f"/api/documents/{doc_id}/notes", json={"text": "x" * 10_001}).status_code == 422
    made = editor.post(f"/api/documents/{doc_id}/notes",
                       json={"text": "ملاحظة: compare with the ledger", "page": 1})
    assert made.status_code == 201
    note = made.json()
    shown = viewer.get(f"/api/documents/{doc_id}").json()["notes"]
    assert any(n["id"] == note["id"] and n["text"].startswith("ملاحظة") and n["page"] == 1 for n in shown)
    assert viewer.delete(f"/api/notes/{note['id']}").status_code == 403
    assert editor.delete(f"/api/notes/{note['id']}").status_code == 204
    assert editor.delete(f"/api/notes/{note['id']}").status_code == 404
    assert all(n["id"] != note["id"] for n in viewer.get(f"/api/documents/{doc_id}").json()["notes"])


def test_document_page_is_served_with_its_script(server: Server) -> None:
    viewer = server.client("viewer")
    page = viewer.get("/documents/5", headers={"accept": "text/html"})
    assert page.status_code == 200 and 'data-doc-id="5"' in page.text
    assert "/static/js/document.js" in page.text
    script = viewer.get("/static/js/document.js")
    assert script.status_code == 200 and "innerHTML" not in script.text
    assert viewer.get("/api/documents/999999").status_code == 404
