"""``consilience serve``: bind, say where and how to write, and run the app under uvicorn.

The socket is bound here, before uvicorn starts, so the printed URL is the real one (``--port 0``
picks a free port) and a port in use is a one-line error.
"""

from __future__ import annotations

import ipaddress
import logging
import secrets
import socket
import sys
from collections.abc import Iterable

from ..errors import ConsilienceError
from .app import create_app
from .guard import LOOPBACK_HOSTS

#: Most connections served at once; more are answered 503 at once rather than queued without
#: bound.
MAX_CONNECTIONS = 1000
#: Connections the kernel queues before they are accepted.
BACKLOG = 2048
#: Seconds an idle kept-alive connection stays open.
KEEP_ALIVE = 5


def is_loopback(host: str) -> bool:
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def is_wildcard(host: str) -> bool:
    return host.strip("[]") in ("0.0.0.0", "::", "")


def served_hosts(host: str, extra: Iterable[str] = ()) -> set[str] | None:
    """The Host names a server bound to ``host`` answers to; None when ``extra`` has ``*``.

    Loopback: the loopback names. A specific address: it and this machine's names. Any address
    (0.0.0.0, ::): the loopback names and this machine's names and addresses. ``extra`` adds the
    names clients use (a DNS name, a LAN address)."""
    extra = [e.lower() for e in extra]
    if "*" in extra:
        return None
    names = {host.strip("[]").lower(), *extra}
    if is_loopback(host):
        return names | LOOPBACK_HOSTS
    machine = {socket.gethostname().lower(), socket.getfqdn().lower()}
    if is_wildcard(host):
        names |= LOOPBACK_HOSTS
        try:
            names.update(socket.gethostbyname_ex(socket.gethostname())[2])
        except OSError:
            pass
    return (names | machine) - {"", "0.0.0.0", "::"}


def url_of(host: str, port: int) -> str:
    shown = "127.0.0.1" if host == "0.0.0.0" else "[::1]" if host == "::" else host
    if ":" in shown and not shown.startswith("["):
        shown = f"[{shown}]"
    return f"http://{shown}:{port}/"


def bind(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind((host.strip("[]"), port))
        sock.listen(BACKLOG)  # connections wait in the kernel until the app is up
    except OSError as exc:
        sock.close()
        raise ConsilienceError(f"cannot listen there ({exc.strerror or exc})",
                               input=f"{host}:{port}", reason="bind") from None
    return sock


def access_logging(enabled: bool) -> None:
    """One line per request on stderr (``consilience.access``), and internal errors."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(message)s"))
    for name, level in (("consilience.access", logging.INFO if enabled else logging.WARNING),
                        ("consilience.service", logging.ERROR)):
        log = logging.getLogger(name)
        log.handlers[:] = [handler]
        log.setLevel(level)
        log.propagate = False


def _say(text: str, err: bool = False) -> None:
    print(text, file=sys.stderr if err else sys.stdout, flush=True)


def run(db: str, *, host: str, port: int, token: str | None, allow_hosts: Iterable[str] = (),
        access_log: bool = True, echo=None) -> None:
    echo = echo or _say
    import uvicorn

    generated = not token
    token = token or secrets.token_urlsafe(24)
    app = create_app(db, token=token, allowed_hosts=served_hosts(host, allow_hosts))
    if not is_loopback(host):
        echo(f"consilience: warning: listening on {host}, reachable from other machines: "
             "anyone who reaches it can read the store; writes need the token", err=True)
    sock = bind(host, port)
    port = sock.getsockname()[1]
    echo(f"consilience: serving {db} at {url_of(host, port)}")
    if generated:
        echo(f"consilience: write token (POST /api/v1/articles with 'Authorization: Bearer "
             f"TOKEN'): {token}")
    access_logging(access_log)
    config = uvicorn.Config(app, log_level="warning", access_log=False,
                            limit_concurrency=MAX_CONNECTIONS, timeout_keep_alive=KEEP_ALIVE,
                            backlog=BACKLOG, server_header=False)
    uvicorn.Server(config).run(sockets=[sock])
