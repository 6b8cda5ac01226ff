"""The ASGI layer every request passes first: Host check, security headers, access log, and
internal errors answered without their text.

One class rather than a stack of middlewares: each layer costs every request.
"""

from __future__ import annotations

import json
import logging
import time
import traceback
import uuid
from collections.abc import Iterable

ACCESS = logging.getLogger("consilience.access")
ERRORS = logging.getLogger("consilience.service")

#: Host names a loopback bind answers to. A page on another site that rebinds its own DNS name
#: to 127.0.0.1 still sends that name as Host, so its requests are refused.
LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1"})


def error_body(status: int, code: str, message: str) -> bytes:
    return json.dumps({"error": {"status": status, "code": code, "message": message}}).encode()


def host_name(value: str) -> str:
    """The name of a Host header without its port: ``[::1]:8000`` -> ``::1``."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Guard:
    """Wraps the app: refuses requests whose Host is not served (``allowed_hosts`` None accepts
    any), adds ``headers`` to every response, logs one access line per request and turns an
    exception into a 500 that names only a reference (the traceback goes to the log), answered
    as a complete response so a kept-alive connection stays usable."""

    def __init__(self, app, *, allowed_hosts: Iterable[str] | None,
                 headers: dict[str, str]) -> None:
        self.app = app
        self.allowed = None if allowed_hosts is None else {h.lower() for h in allowed_hosts}
        self.headers = [(k.lower().encode(), v.encode()) for k, v in headers.items()]

    async def __call__(self, scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = time.perf_counter()
        state = {"status": 0, "started": False}
        extra = self.headers

        async def send_with_headers(message) -> None:
            if message["type"] == "http.response.start":
                state["status"], state["started"] = message["status"], True
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            host = next((v.decode("latin-1") for k, v in scope["headers"] if k == b"host"), "")
            if self.allowed is not None and host_name(host) not in self.allowed:
                message = (f"this server does not answer to the Host '{host[:100]}'" if host
                           else "the request has no Host header")
                await self._answer(send_with_headers, 400, "bad-host", message)
            else:
                await self.app(scope, receive, send_with_headers)
        except Exception:
            ref = uuid.uuid4().hex[:12]
            ERRORS.error("internal error %s on %s %s\n%s", ref, scope.get("method"),
                         scope.get("path"), traceback.format_exc())
            if not state["started"]:
                await self._answer(send_with_headers, 500, "internal",
                                   f"internal error (reference {ref} in the server log)")
        finally:
            if ACCESS.isEnabledFor(logging.INFO):
                client = scope.get("client") or ("-", 0)
                query = scope.get("query_string", b"").decode("latin-1")
                ACCESS.info('%s:%s "%s %s%s HTTP/%s" %d %.1fms', client[0], client[1],
                            scope.get("method"), scope.get("path"), "?" + query if query else "",
                            scope.get("http_version"), state["status"],
                            (time.perf_counter() - started) * 1000)

    @staticmethod
    async def _answer(send, status: int, code: str, message: str) -> None:
        body = error_body(status, code, message)
        await send({"type": "http.response.start", "status": status,
                    "headers": [(b"content-type", b"application/json"),
                                (b"content-length", str(len(body)).encode())]})
        await send({"type": "http.response.body", "body": body})
