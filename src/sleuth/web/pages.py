"""The HTML pages. Each is a shell that its script fills from the JSON API; a visitor who
is not logged in is sent to the login form and back."""

from __future__ import annotations

from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from sleuth.access.users import Role
from sleuth.web.deps import optional_user
from sleuth.web.templating import render

router = APIRouter(include_in_schema=False)

#: Navigation: (path, label, page script).
NAV = (("/", "Overview"), ("/search", "Search"), ("/entities", "Entities"), ("/graph", "Graph"),
       ("/timeline", "Timeline"), ("/findings", "Findings"))


def _page(request: Request, template: str, script: str, role: Role = Role.viewer,
          **context: object) -> Response:
    user = optional_user(request)
    if user is None:
        target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
    if not user.may(role):
        message = f"This page needs the {role.name} role."
        return render(request, "error.html", {"nav": NAV, "message": message}, status_code=403, user=user)
    return render(request, template, {"nav": NAV, "script": script, "path": request.url.path, **context},
                  user=user)


@router.get("/")
def overview_page(request: Request) -> Response:
    """Case overview: counts per stage, failures, a running ingest."""
    return _page(request, "page.html", "overview", title="Overview")


@router.get("/search")
def search_page(request: Request) -> Response:
    """Search, facets, saved and batch searches."""
    return _page(request, "page.html", "search", title="Search")


@router.get("/documents/{doc_id}")
def document_page(request: Request, doc_id: int) -> Response:
    """One document: pages, text, mentions, events, provenance, tags and notes."""
    return _page(request, "page.html", "document", title=f"Document {doc_id}", doc_id=doc_id)


@router.get("/entities")
def entities_page(request: Request) -> Response:
    """The case's entities."""
    return _page(request, "page.html", "entities", title="Entities")


@router.get("/entities/{entity_id}")
def entity_page(request: Request, entity_id: int) -> Response:
    """One entity: names, documents, events, linked entities, decisions."""
    return _page(request, "page.html", "entity", title=f"Entity {entity_id}", entity_id=entity_id)


@router.get("/graph")
def graph_page(request: Request) -> Response:
    """The entity network."""
    return _page(request, "page.html", "graph", title="Graph")


@router.get("/timeline")
def timeline_page(request: Request) -> Response:
    """Events over time."""
    return _page(request, "page.html", "timeline", title="Timeline")


@router.get("/findings")
def findings_page(request: Request) -> Response:
    """Cooperation between enemies."""
    return _page(request, "page.html", "findings", title="Findings")


@router.get("/audit")
def audit_page(request: Request) -> Response:
    """The audit log (admins)."""
    return _page(request, "page.html", "audit", role=Role.admin, title="Audit log")
