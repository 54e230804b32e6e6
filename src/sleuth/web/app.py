"""The workbench application: routers, static files, errors and security middleware."""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.middleware.trustedhost import TrustedHostMiddleware

from sleuth import __version__
from sleuth.case import Case
from sleuth.errors import SleuthError
from sleuth.web.deps import Workbench
from sleuth.web.security import BodyLimit, security_headers

STATIC = Path(__file__).parent / "static"
LOOPBACK_HOSTS = ["127.0.0.1", "localhost", "[::1]", "::1"]


def create_app(case: Case, allowed_hosts: list[str] | None = None, local_token: str | None = None) -> FastAPI:
    """The workbench for one case. `allowed_hosts`: Host headers to answer (None: any, for
    a server shared on a network); `local_token`: a one-time login link's token."""
    from sleuth.web import auth, pages
    from sleuth.web.api import ROUTERS

    app = FastAPI(title="Sleuth workbench API", version=__version__,
                  description="The JSON API behind the Sleuth workbench's pages. Log in with "
                              "POST /api/login; send the returned csrf in X-CSRF-Token on writes.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    app.state.workbench = Workbench(case, local_token=local_token)
    app.include_router(auth.router)
    for router in ROUTERS:
        app.include_router(router, prefix="/api")
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.middleware("http")(security_headers)
    app.add_middleware(BodyLimit)
    if allowed_hosts is not None:
        app.add_middleware(TrustedHostMiddleware, allowed_hosts=allowed_hosts)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return _error(request, exc.status_code, str(exc.detail), dict(exc.headers or {}))

    @app.exception_handler(SleuthError)
    async def sleuth_error(request: Request, exc: SleuthError) -> Response:
        return _error(request, 400, str(exc))

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = "; ".join(f"{'.'.join(str(x) for x in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return _error(request, 422, problems or "The request is not valid.")

    return app


def _error(request: Request, status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    """JSON for the API, a page for people."""
    if request.url.path.startswith("/api/") or "text/html" not in request.headers.get("accept", ""):
        return JSONResponse({"error": message}, status_code=status, headers=headers)
    from sleuth.web.pages import NAV
    from sleuth.web.templating import render

    response = render(request, "error.html", {"nav": NAV, "message": message}, status_code=status)
    for k, v in (headers or {}).items():
        response.headers[k] = v
    return response
