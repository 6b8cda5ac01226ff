"""Fetching pages and feeds over HTTP: timeouts, a user agent, a size limit, a few retries with
backoff, and bounded, per-host polite concurrency.

Every failure is an :class:`~consilience.errors.InputError` naming the URL and the problem (HTTP
status, timeout, too large, refused), never a traceback; a batch of URLs goes on past it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from urllib.parse import urlparse

from .. import __version__
from ..errors import InputError

USER_AGENT = f"Consilience/{__version__} (news corroboration; +https://github.com/consilience)"
#: Seconds to wait for a connection and between bytes; news servers answer within a few seconds.
TIMEOUT_S = 15.0
#: Largest response body read; news pages and feeds are well under 5 MB.
MAX_BYTES = 10 * 1024 ** 2
#: Attempts after the first one, for timeouts, connection errors, 429 and 5xx answers.
RETRIES = 2
#: First backoff in seconds; doubled on each further retry (0.5 s, 1 s).
BACKOFF_S = 0.5
#: Requests in flight at once, and at once to one host (politeness toward each site).
MAX_WORKERS = 4
PER_HOST = 2
RETRY_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True)
class Response:
    url: str  # the final URL, after redirects
    status: int
    content_type: str
    content: bytes


def is_url(value: str) -> bool:
    return value.startswith(("http://", "https://"))


@dataclass
class Fetcher:
    """An HTTP client with Consilience's limits. Thread-safe; use it as a context manager or call
    :meth:`close`."""

    timeout: float = TIMEOUT_S
    max_bytes: int = MAX_BYTES
    retries: int = RETRIES
    backoff: float = BACKOFF_S
    workers: int = MAX_WORKERS
    per_host: int = PER_HOST
    user_agent: str = USER_AGENT
    _client: object = field(default=None, init=False, repr=False)
    _hosts: dict[str, threading.Semaphore] = field(default_factory=dict, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)

    def _http(self):
        import httpx

        with self._lock:
            if self._client is None:
                self._client = httpx.Client(
                    timeout=httpx.Timeout(self.timeout), follow_redirects=True,
                    headers={"User-Agent": self.user_agent,
                             "Accept": "text/html,application/xhtml+xml,application/rss+xml,"
                                       "application/atom+xml,application/xml;q=0.9,*/*;q=0.5"})
            return self._client

    def _host_slot(self, url: str) -> threading.Semaphore:
        host = urlparse(url).netloc.lower()
        with self._lock:
            return self._hosts.setdefault(host, threading.Semaphore(self.per_host))

    def get(self, url: str) -> Response:
        """Fetch one URL; an :class:`InputError` for every kind of failure."""
        if not is_url(url):
            raise InputError("not an http(s) URL", input=url, reason="usage")
        attempt = 0
        while True:
            try:
                with self._host_slot(url):
                    resp = self._once(url)
            except _Retryable as exc:
                if attempt >= self.retries:
                    raise InputError(f"{exc} (after {attempt + 1} attempts)", input=url,
                                     reason=exc.reason) from None
                time.sleep(self.backoff * 2 ** attempt)
                attempt += 1
                continue
            return resp

    def _once(self, url: str) -> Response:
        import httpx

        try:
            with self._http().stream("GET", url) as r:
                if r.status_code in RETRY_STATUS:
                    raise _Retryable(f"HTTP {r.status_code}", "http-error")
                if r.status_code >= 400:
                    raise InputError(f"HTTP {r.status_code} {r.reason_phrase}".strip(), input=url,
                                     reason="http-error")
                declared = int(r.headers.get("content-length") or 0)
                if declared > self.max_bytes:
                    raise self._too_large(url, declared)
                chunks, size = [], 0
                for chunk in r.iter_bytes():
                    size += len(chunk)
                    if size > self.max_bytes:
                        raise self._too_large(url, size)
                    chunks.append(chunk)
                return Response(str(r.url), r.status_code,
                                r.headers.get("content-type", "").lower(), b"".join(chunks))
        except httpx.TimeoutException:
            raise _Retryable(f"timed out after {self.timeout:g} s", "timeout") from None
        except httpx.TransportError as exc:
            detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
            raise _Retryable(f"cannot connect ({detail})", "unreachable") from None

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

        with ThreadPoolExecutor(max_workers=max(1, min(self.workers, len(urls)))) as pool:
            yield from zip(urls, pool.map(one, urls), strict=True)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()  # type: ignore[attr-defined]
            self._client = None

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Retryable(Exception):
    def __init__(self, message: str, reason: str) -> None:
        super().__init__(message)
        self.reason = reason
