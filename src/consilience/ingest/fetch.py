"""Fetching pages and feeds over HTTP, safely: public addresses only, an overall deadline, a
bounded decompressed size, redirects followed and checked hop by hop, a few retries with backoff,
and bounded, per-host polite concurrency.

Safety:

* **Public addresses only.** Every host is resolved with :func:`socket.getaddrinfo` when a
  connection is opened, every address it resolves to is checked with :mod:`ipaddress`, and the
  connection is made to the checked address itself, so no second lookup can swap it. Loopback,
  private, link-local, multicast, reserved, unspecified and other non-global addresses are refused
  (in every spelling: ``localhost``, ``2130706433``, ``0x7f.1``, ``127.1``,
  ``[::ffff:127.0.0.1]``), unless ``allow_private_addresses`` is set for intranet sources.
  Proxies from the environment are not used, since a proxy would resolve hosts itself.
* **Redirects** are followed here, not by the HTTP library: at most :data:`MAX_REDIRECTS` hops,
  each a new request whose connection is checked like the first; a loop is named as such.
* **One deadline per fetch** (:data:`DEADLINE_S`, wall clock) across connecting, redirects,
  retries and the body: every socket read and write waits at most until the deadline, so a server
  that trickles a byte at a time cannot hold a fetch longer.
* **Decompressed size** is bounded while streaming: the raw body is decoded here (gzip, deflate)
  at most :data:`MAX_BYTES` at a time, so a compressed bomb never expands past the limit.

Every failure is an :class:`~consilience.errors.InputError` naming the URL and the problem in one
line (HTTP status, timeout, too large, refused address, invalid URL, redirect loop, TLS or
connection error), never a traceback; a batch of URLs goes on past it.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import ssl
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from .. import __version__
from ..errors import InputError

USER_AGENT = f"Consilience/{__version__} (news corroboration; +https://github.com/consilience)"
#: Seconds to wait for a connection and between bytes; news servers answer within a few seconds.
TIMEOUT_S = 15.0
#: Wall-clock seconds one fetch may take in all: connecting, redirects, retries and the body.
DEADLINE_S = 30.0
#: Largest response body read, after decompression; news pages and feeds are well under 5 MB.
MAX_BYTES = 10 * 1024 ** 2
#: Attempts after the first one, for timeouts, connection errors, 429 and 5xx answers.
RETRIES = 2
#: First backoff in seconds; doubled on each further retry (0.5 s, 1 s).
BACKOFF_S = 0.5
#: Redirects followed for one URL (browsers allow about 20; news sites use one or two).
MAX_REDIRECTS = 5
#: Requests in flight at once, and at once to one host (politeness toward each site).
MAX_WORKERS = 4
PER_HOST = 2
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
#: Most bytes decompressed in one step (bounds memory beyond the kept body).
DECODE_SLICE = 256 * 1024
#: Content encodings decoded here (and the only ones asked for).
ENCODINGS = ("gzip", "deflate")
ALLOW_PRIVATE_HINT = "use --allow-private-addresses for intranet sources"


@dataclass(frozen=True)
class Response:
    url: str  # the final URL, after redirects
    status: int
    content_type: str
    content: bytes


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


class BlockedAddress(Exception):
    """A host that resolves to an address fetching may not reach."""


def address_kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """Why ``ip`` is not a public internet address (``"loopback"``, ``"private"``, ...), or None
    when it is one. IPv4-mapped IPv6 addresses are judged by the IPv4 address they carry."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    for attr in ("is_loopback", "is_unspecified", "is_link_local", "is_multicast", "is_reserved",
                 "is_private"):
        if getattr(ip, attr):
            return attr[3:].replace("_", "-")
    return None if ip.is_global else "non-public"


def _lookup(host: str, port: int, wait: float | None) -> list:
    """``socket.getaddrinfo`` for a stream socket, given up (:class:`TimeoutError`) after
    ``wait`` seconds: the system resolver has no timeout of its own that a caller can set."""
    if wait is None:
        return socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    box: dict[str, object] = {}

    def run() -> None:
        try:
            box["infos"] = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except OSError as exc:
            box["error"] = exc

    worker = threading.Thread(target=run, name=f"resolve {host}", daemon=True)
    worker.start()
    worker.join(wait)
    if worker.is_alive():
        raise TimeoutError(f"resolving {host} took longer than {wait:.3g} s")
    if "error" in box:
        raise box["error"]  # type: ignore[misc]
    return box["infos"]  # type: ignore[return-value]


def resolve_public(host: str, port: int, allow_private: bool = False,
                   wait: float | None = None) -> list[str]:
    """The addresses ``host`` resolves to (within ``wait`` seconds), each checked;
    :class:`BlockedAddress` when any of them is not a public address (unless ``allow_private``),
    :class:`OSError` when it does not resolve."""
    infos = _lookup(host, port, wait)
    addresses: list[str] = []
    for *_, sockaddr in infos:
        addr = str(sockaddr[0]).split("%", 1)[0]  # drop an IPv6 zone id
        if addr in addresses:
            continue
        kind = address_kind(ipaddress.ip_address(addr))
        if kind and not allow_private:
            shown = host if host == addr else f"{host} ({addr})"
            raise BlockedAddress(f"refused: {shown} is a {kind} address ({ALLOW_PRIVATE_HINT})")
        addresses.append(addr)
    if not addresses:
        raise OSError(f"{host} has no address")
    return addresses


# The deadline of the fetch running in this thread (``time.monotonic()`` seconds), read by the
# network streams on every read and write.
_current = threading.local()


def _until_deadline(timeout: float | None, error: type[Exception]) -> float | None:
    deadline = getattr(_current, "deadline", None)
    if deadline is None:
        return timeout
    left = deadline - time.monotonic()
    if left <= 0:
        raise error("deadline passed")
    return left if timeout is None else min(timeout, left)


def _backend(allow_private: bool):
    """An httpcore network backend that connects only to checked addresses and bounds every
    socket wait by the fetch's deadline."""
    import httpcore

    class DeadlineStream(httpcore.NetworkStream):
        def __init__(self, inner) -> None:
            self._inner = inner

        def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
            return self._inner.read(max_bytes, _until_deadline(timeout, httpcore.ReadTimeout))

        def write(self, buffer: bytes, timeout: float | None = None) -> None:
            self._inner.write(buffer, _until_deadline(timeout, httpcore.WriteTimeout))

        def close(self) -> None:
            self._inner.close()

        def start_tls(self, ssl_context, server_hostname=None, timeout=None):
            return DeadlineStream(self._inner.start_tls(
                ssl_context, server_hostname, _until_deadline(timeout, httpcore.ConnectTimeout)))

        def get_extra_info(self, info: str):
            return self._inner.get_extra_info(info)

    class GuardedBackend(httpcore.SyncBackend):
        def connect_tcp(self, host, port, timeout=None, local_address=None,
                        socket_options=None):
            try:
                addresses = resolve_public(host, port, allow_private,
                                           _until_deadline(timeout, httpcore.ConnectTimeout))
            except TimeoutError as exc:
                raise httpcore.ConnectTimeout(str(exc)) from None
            except OSError as exc:
                raise httpcore.ConnectError(
                    f"cannot resolve {host} ({exc.strerror or exc})") from None
            error: Exception | None = None
            for addr in addresses:  # connect to the checked address, never to the name
                try:
                    inner = super().connect_tcp(
                        addr, port, _until_deadline(timeout, httpcore.ConnectTimeout),
                        local_address, socket_options)
                except httpcore.ConnectError as exc:
                    error = exc
                    continue
                return DeadlineStream(inner)
            raise error or httpcore.ConnectError(f"cannot connect to {host}")

        def connect_unix_socket(self, *args, **kwargs):
            raise httpcore.UnsupportedProtocol("unix sockets are not fetched")

    return GuardedBackend()


class _Decoder:
    """Decode a body's content encoding chunk by chunk, never producing more than the limit."""

    def __init__(self, encoding: str, limit: int, url: str, on_too_large) -> None:
        codings = [c.strip() for c in encoding.lower().split(",") if c.strip()]
        codings = [c for c in codings if c != "identity"]
        if len(codings) > 1 or (codings and codings[0] not in (*ENCODINGS, "x-gzip")):
            raise InputError(f"unsupported content encoding '{encoding}'", input=url,
                             reason="unsupported")
        self.coding = codings[0] if codings else None
        self.limit, self.size, self.url, self.too_large = limit, 0, url, on_too_large
        self.chunks: list[bytes] = []
        self._z = None

    def _new(self, first: bytes):
        if self.coding == "deflate":  # zlib-wrapped as specified, or raw deflate as often sent
            wbits = zlib.MAX_WBITS if first[:1] and first[0] & 0x0F == 8 else -zlib.MAX_WBITS
        else:
            wbits = 16 + zlib.MAX_WBITS
        return zlib.decompressobj(wbits=wbits)

    def _keep(self, data: bytes) -> None:
        self.size += len(data)
        if self.size > self.limit:
            raise self.too_large(self.size)
        if data:
            self.chunks.append(data)

    def feed(self, raw: bytes) -> None:
        if self.coding is None:
            self._keep(raw)
            return
        data = raw
        try:
            while data or self._z is not None:
                if self._z is None:
                    self._z = self._new(data)
                room = min(self.limit - self.size + 1, DECODE_SLICE)
                out = self._z.decompress(data, room)
                self._keep(out)
                data = self._z.unconsumed_tail
                if self._z.eof:  # a further gzip member may follow
                    data, self._z = data + self._z.unused_data, None
                elif not data and len(out) < room:  # input used up, nothing held back
                    break
        except zlib.error as exc:
            raise InputError(f"cannot decompress the {self.coding} body ({exc})", input=self.url,
                             reason="corrupt") from None

    def result(self) -> bytes:
        if self._z is not None:  # a compressed stream that never reached its end
            raise InputError(f"cannot decompress: truncated {self.coding} body", input=self.url,
                             reason="corrupt")
        return b"".join(self.chunks)


@dataclass
class Fetcher:
    """An HTTP client with Consilience's limits. Thread-safe; use it as a context manager or call
    :meth:`close`. ``allow_private_addresses`` lets it reach loopback and private (intranet)
    addresses, which are refused otherwise."""

    timeout: float = TIMEOUT_S
    max_bytes: int = MAX_BYTES
    retries: int = RETRIES
    backoff: float = BACKOFF_S
    workers: int = MAX_WORKERS
    per_host: int = PER_HOST
    user_agent: str = USER_AGENT
    deadline: float = DEADLINE_S
    max_redirects: int = MAX_REDIRECTS
    allow_private_addresses: bool = False
    _pool: object = field(default=None, init=False, repr=False)
    _hosts: dict[str, threading.Semaphore] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def _http(self):
        import httpcore

        with self._lock:
            if self._pool is None:
                self._pool = httpcore.ConnectionPool(
                    ssl_context=httpcore.default_ssl_context(),
                    max_connections=max(self.workers, 1) * 2,
                    network_backend=_backend(self.allow_private_addresses))
            return self._pool

    def _host_slot(self, host: str) -> threading.Semaphore:
        with self._lock:
            return self._hosts.setdefault(host, threading.Semaphore(self.per_host))

    def get(self, url: str) -> Response:
        """Fetch one URL, following redirects; an :class:`InputError` for every kind of
        failure."""
        _current.deadline = time.monotonic() + self.deadline
        try:
            return self._get(url)
        finally:
            _current.deadline = None

    def _get(self, url: str) -> Response:
        current, seen = url, {url}
        for _ in range(self.max_redirects + 1):
            resp = self._with_retries(url, current)
            if isinstance(resp, Response):
                return resp
            nxt = resp
            if nxt in seen:
                raise InputError(f"redirect loop (back to {nxt})", input=url,
                                 reason="http-error")
            seen.add(nxt)
            current = nxt
        raise InputError(f"too many redirects (more than {self.max_redirects})", input=url,
                         reason="http-error")

    def _with_retries(self, url: str, current: str) -> Response | str:
        attempt = 0
        while True:
            try:
                target = _parse(current, url)
                with self._host_slot(target.netloc.decode("ascii", "replace").lower()):
                    return self._once(url, target)
            except _Retryable as exc:
                pause = self.backoff * 2 ** attempt
                if attempt >= self.retries or time.monotonic() + pause >= _current.deadline:
                    tries = f"{attempt + 1} attempts" if attempt else "1 attempt"
                    raise InputError(f"{exc} (after {tries})", input=url,
                                     reason=exc.reason) from None
                time.sleep(pause)
                attempt += 1

    def _once(self, url: str, target) -> Response | str:
        """One request; a :class:`Response`, or the next URL when the answer is a redirect."""
        import httpcore

        headers = [(b"Host", target.netloc), (b"User-Agent", self.user_agent.encode()),
                   (b"Accept", b"text/html,application/xhtml+xml,application/rss+xml,"
                               b"application/atom+xml,application/xml;q=0.9,*/*;q=0.5"),
                   (b"Accept-Encoding", ", ".join(ENCODINGS).encode())]
        timeouts = {k: self.timeout for k in ("connect", "read", "write", "pool")}
        hop = str(target)
        try:
            with self._http().stream(  # type: ignore[attr-defined]
                    "GET", httpcore.URL(scheme=target.raw_scheme, host=target.raw_host,
                                        port=target.port, target=target.raw_path),
                    headers=headers, extensions={"timeout": timeouts}) as r:
                head = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in r.headers}
                if r.status in REDIRECT_STATUS and head.get("location"):
                    return self._redirect(url, target, head["location"])
                if r.status in RETRY_STATUS:
                    raise _Retryable(f"HTTP {r.status}", "http-error")
                if r.status >= 400:
                    phrase = r.extensions.get("reason_phrase", b"").decode("latin-1")
                    raise InputError(f"HTTP {r.status} {phrase}".strip(), input=url,
                                     reason="http-error")
                declared = head.get("content-length", "").strip()
                if declared.isdigit() and int(declared) > self.max_bytes:
                    raise self._too_large(url, int(declared))
                body = _Decoder(head.get("content-encoding", ""), self.max_bytes, url,
                                lambda size: self._too_large(url, size))
                for chunk in r.iter_stream():
                    body.feed(chunk)
                return Response(hop, r.status, head.get("content-type", "").lower(),
                                body.result())
        except BlockedAddress as exc:
            raise InputError(str(exc), input=url, reason="blocked-address") from None
        except httpcore.TimeoutException:
            if time.monotonic() >= _current.deadline:
                raise InputError(f"timed out: no complete answer within the {self.deadline:g} s "
                                 f"deadline", input=url, reason="timeout") from None
            raise _Retryable(f"timed out after {self.timeout:g} s", "timeout") from None
        except (httpcore.NetworkError, httpcore.ProtocolError) as exc:
            cause = exc.args[0] if exc.args else None  # httpcore wraps the socket's error
            if isinstance(cause, ssl.SSLError):  # a certificate or handshake failure: no retry
                raise InputError(f"TLS error ({_one_line(cause)})", input=url,
                                 reason="unreachable") from None
            raise _Retryable(f"cannot connect ({_one_line(exc)})", "unreachable") from None
        except httpcore.UnsupportedProtocol as exc:
            raise InputError(f"invalid URL ({_one_line(exc)})", input=url,
                             reason="invalid-url") from None

    def _redirect(self, url: str, target, location: str) -> str:
        import httpx

        try:
            nxt = target.join(location.strip())
        except (httpx.InvalidURL, ValueError) as exc:
            raise InputError(f"invalid redirect to '{location}' ({_one_line(exc)})", input=url,
                             reason="invalid-url") from None
        if nxt.scheme not in ("http", "https"):
            raise InputError(f"redirect to a non-http(s) URL ({nxt.scheme}:)", input=url,
                             reason="invalid-url")
        return str(nxt.copy_with(fragment=None))

    def _too_large(self, url: str, size: int) -> InputError:
        return InputError(f"response too large ({size / 1024 ** 2:.1f} MB; the limit is "
                          f"{self.max_bytes / 1024 ** 2:.0f} MB)", input=url, reason="too-large")

    def get_many(self, urls: Iterable[str]) -> Iterator[tuple[str, Response | InputError]]:
        """Fetch URLs concurrently (bounded); yield ``(url, response or error)`` in input order."""
        urls = list(urls)
        if not urls:
            return

        def one(u: str) -> Response | InputError:
            try:
                return self.get(u)
            except InputError as exc:
                return exc
            except Exception as exc:  # noqa: BLE001 - any other failure is this URL's alone
                return InputError(f"fetch failed ({_one_line(exc)})", input=u,
                                  reason="unreachable")

        with ThreadPoolExecutor(max_workers=max(1, min(self.workers, len(urls)))) as pool:
            yield from zip(urls, pool.map(one, urls), strict=True)

    def close(self) -> None:
        if self._pool is not None:
            self._pool.close()  # type: ignore[attr-defined]
            self._pool = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _parse(current: str, url: str):
    """``current`` as an absolute http(s) URL; an :class:`InputError` naming ``url`` if it is not
    one."""
    import httpx

    try:
        target = httpx.URL(current)
    except (httpx.InvalidURL, ValueError, TypeError) as exc:
        raise InputError(f"invalid URL ({_one_line(exc)})", input=url,
                         reason="invalid-url") from None
    if target.scheme not in ("http", "https") or not target.host:
        raise InputError("invalid URL (not http(s) with a host)", input=url, reason="invalid-url")
    if target.port is not None and not 0 < target.port < 65536:
        raise InputError(f"invalid URL (port {target.port})", input=url, reason="invalid-url")
    host = target.raw_host.decode("ascii", "replace")
    if not _HOST.fullmatch(host):
        raise InputError(f"invalid URL (host '{host}')", input=url, reason="invalid-url")
    return target


#: What a host may be once parsed: a name (IDNs already in punycode) or an IP address.
_HOST = re.compile(r"[A-Za-z0-9._-]+|[0-9A-Fa-f:.]+")


def _one_line(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


class _Retryable(Exception):
    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
