"""The web app's guards: security headers on every response, a cap on request bodies (checked as
the bytes arrive, not only from Content-Length), CSRF tokens for form posts and the write token.

Pure ASGI middleware, so a body over the cap is refused before any of it is parsed or stored.
"""
from __future__ import annotations

import hmac
import secrets

CSP = ("default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; connect-src 'self';"
       " form-action 'self'; base-uri 'none'; frame-ancestors 'none'")
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"no-referrer"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
]
CSRF_COOKIE = "newscheck_csrf"


class BodyTooLarge(Exception):
    def __init__(self, limit: int):
        super().__init__(limit)
        self.limit = limit


class SecurityHeaders:
    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                names = {name for name, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [h for h in HEADERS if h[0] not in names]
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodyLimit:
    """Refuse a request body over `limit` bytes: at once from its Content-Length (answered with
    `refuse(scope)`, a Response), else as it streams in (BodyTooLarge, for the app's handler)."""

    def __init__(self, app, limit: int, refuse):
        self.app, self.limit, self.refuse = app, limit, refuse

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        for name, value in scope.get("headers", []):
            if name == b"content-length" and value.isdigit() and int(value) > self.limit:
                return await self.refuse(scope)(scope, receive, send)
        seen = 0

        async def counted():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        await self.app(scope, counted, send)


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def same_secret(given: str | None, expected: str | None) -> bool:
    """Compare a token without leaking its length or content through timing; empty never matches."""
    return bool(given) and bool(expected) and hmac.compare_digest(given.encode(), expected.encode())
