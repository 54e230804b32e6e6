"""Jinja2 templates for the page shells (the pages fill themselves from the JSON API)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from sleuth import __version__
from sleuth.access import SessionUser

HERE = Path(__file__).parent


@lru_cache(maxsize=1)
def templates() -> Jinja2Templates:
    """The templates, autoescaped (every value is text, never markup)."""
    return Jinja2Templates(directory=str(HERE / "templates"))


def render(request: Request, name: str, context: dict[str, Any], status_code: int = 200,
           user: SessionUser | None = None) -> HTMLResponse:
    """A page from a template, with the user and the CSRF token when someone is logged in
    (`user`: when the caller has already looked the session up)."""
    from sleuth.web.deps import optional_user, workbench

    user = user or optional_user(request)
    full = {"user": user, "csrf": user.csrf if user else "", "version": __version__,
            "case_name": workbench(request).case.root.name, **context}
    return templates().TemplateResponse(request, name, full, status_code=status_code)
