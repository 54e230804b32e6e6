"""What every response and request goes through: security headers, size caps, same-origin
checks on writes, and the login rate limit."""

from __future__ import annotations

import threading
import time
from collections import deque
from collections.abc import Awaitable, Callable

from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: Nothing but this server: no fonts, scripts, styles or images from anywhere else, no
#: inline scripts (a hostile document's HTML could never run even if it reached the page).
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' blob: data:; "
    "font-src 'self'; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)
#: Request bodies above this are refused (413) before they are read.
MAX_BODY_BYTES = 2 * 1024 * 1024
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})


async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
    """Add the headers that keep pages inert and private."""
    response = await call_next(request)
    headers = response.headers
    headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
    headers["X-Content-Type-Options"] = "nosniff"
    headers["X-Frame-Options"] = "DENY"
    # same-origin, not no-referrer: with no-referrer browsers send "Origin: null" on our own
    # form posts, and the same-origin check could not tell them from a sandboxed attacker
    headers["Referrer-Policy"] = "same-origin"
    headers["Cross-Origin-Opener-Policy"] = "same-origin"
    headers["Cross-Origin-Resource-Policy"] = "same-origin"
    if not request.url.path.startswith("/static/"):
        headers.setdefault("Cache-Control", "no-store")
    return response


def same_origin(request: Request) -> bool:
    """Whether a write comes from one of our own pages: an Origin header, when the browser
    sends one, must name this server."""
    origin = request.headers.get("origin")
    if origin is None:  # not a browser, or one that sends none: SameSite cookies still hold
        return True
    host = request.headers.get("host", "")
    return origin.split("://", 1)[-1] == host


class BodyLimit:
    """ASGI middleware: refuse request bodies over `limit` bytes (by Content-Length, and by
    counting when a client streams without one)."""

    def __init__(self, app: ASGIApp, limit: int = MAX_BODY_BYTES) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        length = dict(scope.get("headers") or []).get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.limit):
            await _too_large(self.limit)(scope, receive, send)
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise _TooLarge
            return message

        try:
            await self.app(scope, counted, send)
        except _TooLarge:
            await _too_large(self.limit)(scope, receive, send)


class _TooLarge(Exception):
    pass


def _too_large(limit: int) -> JSONResponse:
    return JSONResponse({"error": f"The request is larger than {limit // 1024} KiB."}, status_code=413)


class LoginLimiter:
    """At most `attempts` failed logins per `window` seconds for one user name, and
    `address_attempts` from one client address (higher: a newsroom shares one address), so
    neither one address nor many addresses can guess a password."""

    def __init__(self, attempts: int = 5, address_attempts: int = 30, window: float = 300.0) -> None:
        self.attempts = attempts
        self.address_attempts = address_attempts
        self.window = window
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def wait(self, address: str, name: str) -> float:
        """Seconds until another attempt is allowed (0: now)."""
        now = time.monotonic()
        with self._lock:
            checks = ((self._recent("a:" + address, now), self.address_attempts),
                      (self._recent("u:" + name.lower(), now), self.attempts))
            waits = [times[0] + self.window - now for times, most in checks if len(times) >= most]
        return max(waits, default=0.0)

    def failed(self, address: str, name: str) -> None:
        """Count a failed attempt."""
        now = time.monotonic()
        with self._lock:
            for key in ("a:" + address, "u:" + name.lower()):
                self._recent(key, now).append(now)

    def succeeded(self, address: str, name: str) -> None:
        """A right password clears the name's count (not the address's)."""
        with self._lock:
            self._failures.pop("u:" + name.lower(), None)
