"""Security layers of the web app: headers (CSP), request size limits and the write token.

Article text is untrusted, so pages never run inline script: the Content-Security-Policy
allows scripts and styles from this server only.  Write endpoints (ingest, upload,
analyse, delete) are off unless the server was started with a token; then every
write request must carry it as ``Authorization: Bearer <token>``.  The token travels in
a header, never a cookie, so a page on another site cannot make the browser send it.
"""

from __future__ import annotations

import hmac
import json
import logging

from fastapi import Depends, HTTPException, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

log = logging.getLogger("parley")

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'; object-src 'none'"
)
# Swagger UI sets style attributes from its React components; inline *styles* are allowed
# on /docs only (inline scripts never are).
DOCS_CSP = CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'")

SECURITY_HEADERS = {
    b"x-content-type-options": b"nosniff",
    b"x-frame-options": b"DENY",
    b"referrer-policy": b"no-referrer",
    b"cross-origin-opener-policy": b"same-origin",
    b"permissions-policy": b"camera=(), microphone=(), geolocation=()",
}


class SecurityHeaders:
    """ASGI middleware: add the CSP and the other security headers to every HTTP response."""

    def __init__(self, app, docs_path: str = "/docs"):
        self.app = app
        self.docs_path = docs_path

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        csp = DOCS_CSP if scope.get("path") == self.docs_path else CSP

        async def send_with_headers(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.lower() != b"content-security-policy"]
                headers.append((b"content-security-policy", csp.encode()))
                present = {k.lower() for k, _ in headers}
                headers.extend((k, v) for k, v in SECURITY_HEADERS.items() if k not in present)
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """ASGI middleware: refuse request bodies above ``max_bytes`` with a JSON 413.

    Checks the declared Content-Length first, then counts the bytes actually received,
    so a chunked upload without a length cannot get past the limit either.
    """

    def __init__(self, app, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.max_bytes
            except ValueError:
                await _json_response(send, 400, "bad Content-Length header")
                return
            if too_big:
                await _json_response(send, 413, self._message())
                return

        received = 0
        refused = False
        response_started = False

        async def counting_receive():
            # Past the limit the app is told the client left, and the 413 below is sent
            # instead of whatever the app answers (FastAPI would turn a raised error into a 400).
            nonlocal received, refused
            if refused:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_bytes:
                    refused = True
                    if not response_started:
                        await _json_response(send, 413, self._message())
                    return {"type": "http.disconnect"}
            return message

        async def guarded_send(message):
            nonlocal response_started
            if refused:
                return
            if message["type"] == "http.response.start":
                response_started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, guarded_send)
        except Exception:
            if not refused:
                raise

    def _message(self) -> str:
        return f"request body too large: the limit is {self.max_bytes} bytes"


async def _json_response(send, status: int, message: str) -> None:
    body = json.dumps({"error": {"status": status, "message": message}}).encode()
    await send({
        "type": "http.response.start",
        "status": status,
        "headers": [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())],
    })
    await send({"type": "http.response.body", "body": body})


# Declared so that OpenAPI (and the Authorize button of /docs) knows the write endpoints need it;
# the check itself is below, so that a missing token is a 401 in parley's JSON error shape.
bearer = HTTPBearer(auto_error=False, description="the token `parley serve --token` was started with")


def require_token(
    request: Request, credentials: HTTPAuthorizationCredentials | None = Depends(bearer)
) -> None:
    """FastAPI dependency of every write endpoint: 403 when writes are off, 401 without the token."""
    expected: str | None = request.app.state.settings.token
    if not expected:
        raise HTTPException(
            status_code=403,
            detail="write endpoints are off: start the server with `parley serve --token TOKEN` to enable them",
        )
    given = credentials.credentials if credentials else ""
    if not given or not hmac.compare_digest(given.encode(), expected.encode()):
        raise HTTPException(
            status_code=401,
            detail="missing or wrong token: send `Authorization: Bearer TOKEN`",
            headers={"WWW-Authenticate": "Bearer"},
        )
