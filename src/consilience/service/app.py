"""A JSON API and a web UI over one Consilience store.

Every error answers with one JSON shape, ``{"error": {"status", "code", "message"}}``, and never
carries exception text. Reads use one connection per worker thread (SQLite in WAL mode serves
readers while one writer works) and read one page or one story at a time, never the whole store;
analyses of posted articles run one at a time under a lock, so the store has one writer.

Writes (``POST /api/v1/articles``) need the server's token as ``Authorization: Bearer TOKEN``
and a JSON body (``Content-Type: application/json``), so a web page the user visits cannot post
to the service (a cross-site form can send neither). A posted id that is already stored is a
409 conflict unless the request says ``?replace=true``.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ConsilienceError
from ..ingest.newsjson import TEXT_FIELDS, article_from_record
from ..model import Analysis, Article, Rejection
from ..report.jsonout import INTERNAL_FIELDS
from ..store import Store
from .guard import Guard
from .render import Renderer

#: Most articles one POST may carry; larger batches belong on the command line.
MAX_POST_ARTICLES = 500
#: Largest request body, in bytes; a larger one is refused as it arrives (413), unread.
MAX_BODY = 16 * 1024 * 1024
#: Default and largest page size of list endpoints, and stories per page of the web UI.
PAGE_SIZE, MAX_PAGE_SIZE = 50, 200
#: Worker processes that render story pages (each one page at a time).
RENDER_PROCESSES = 1
#: Characters of rendered story pages kept for the next request (the store unchanged).
STORY_PAGE_CACHE = 64 * 1024 * 1024
#: Longest id a posted article may have.
MAX_ID = 200
#: Fields of a posted article that must be strings (or null) when present; ``authors`` must be
#: a list of strings. Other fields of a news-please record are ignored.
STRING_FIELDS = ("id", "title", *TEXT_FIELDS, "url", "source_url", "source_domain", "outlet",
                 "date_publish", "published", "date", "language")


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra: Any) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra


def _error(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "code": code, "message": message}, **extra},
                        status_code=status)


def _page(limit: int, offset: int) -> tuple[int, int]:
    if not 1 <= limit <= MAX_PAGE_SIZE or offset < 0:
        raise ApiError(400, "bad-page", f"limit must be 1..{MAX_PAGE_SIZE} and offset >= 0")
    return limit, offset


def security_headers() -> dict[str, str]:
    """Headers of every response. The policy is the HTML report's own (its script by hash, no
    network) and forbids framing, so it fits the report pages, the story list and JSON alike."""
    from ..report.html import _asset, _csp

    return {"Content-Security-Policy": _csp(_asset("report.js")) + "; frame-ancestors 'none'",
            "X-Content-Type-Options": "nosniff", "X-Frame-Options": "DENY",
            "Referrer-Policy": "no-referrer", "Cross-Origin-Resource-Policy": "same-origin",
            "Cross-Origin-Opener-Policy": "same-origin"}


def posted_id(rec: dict) -> str:
    """The id of a posted article without one: a hash of its content, so two different
    articles never share it and the same article posted twice is found to be stored already."""
    h = hashlib.sha256()
    for f in ("title", *TEXT_FIELDS, "url", "source_url", "source_domain", "outlet",
              "date_publish", "published", "date"):
        h.update(str(rec.get(f) or "").encode("utf-8", "surrogatepass") + b"\x00")
    return "posted-" + h.hexdigest()[:16]


def _record_problem(rec: Any) -> str | None:
    """What is wrong with the shape of one posted record, or None."""
    if not isinstance(rec, dict):
        return f"expected a JSON object, found {type(rec).__name__}"
    for f in STRING_FIELDS:
        if rec.get(f) is not None and not isinstance(rec[f], str):
            return f"field '{f}' must be a string, not {type(rec[f]).__name__}"
    authors = rec.get("authors")
    if authors is not None and not (isinstance(authors, list)
                                    and all(isinstance(a, str) for a in authors)):
        return "field 'authors' must be a list of strings"
    ident = rec.get("id")
    if ident is not None and (not ident.strip() or len(ident) > MAX_ID or "/" in ident
                              or any(ord(c) < 32 for c in ident)):
        return f"field 'id' must be 1 to {MAX_ID} characters, without '/' or control characters"
    return None


async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused with 413 as soon as it is known to exceed ``limit``: from its
    Content-Length before reading anything, else while it streams in."""
    declared = request.headers.get("content-length")
    if declared is not None and (not declared.isdigit() or int(declared) > limit):
        raise ApiError(413, "too-large", f"the request body is over {limit} bytes")
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise ApiError(413, "too-large", f"the request body is over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _records(body: bytes) -> list[Any]:
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        # RecursionError: nesting deeper than the parser follows.
        raise ApiError(400, "bad-json", "the request body is not valid JSON (or is nested too "
                                        "deeply)") from None
    records = data if isinstance(data, list) else [data]
    if not records or len(records) > MAX_POST_ARTICLES:
        raise ApiError(400, "bad-request",
                       f"post 1 to {MAX_POST_ARTICLES} article objects (got {len(records)})")
    return records


class VersionedCache:
    """Values computed from the store, kept across requests until the store changes (any
    commit, by this process or another, changes its ``data_version``); at most ``max_items``
    values and ``max_bytes`` of them (by ``size``), least recently used dropped first."""

    def __init__(self, db: str, *, max_items: int, max_bytes: int | None = None) -> None:
        self.lock = threading.Lock()
        self.watch = Store(db)  # only asks the store's data version
        self.max_items, self.max_bytes = max_items, max_bytes
        self.version: int | None = None
        self.values: OrderedDict[Any, tuple[Any, int]] = OrderedDict()
        self.bytes = 0

    def get(self, key: Any, compute: Callable[[], Any],
            size: Callable[[Any], int] = lambda _: 0) -> Any:
        with self.lock:
            version = self.watch.data_version()
            if version != self.version:
                self.values.clear()
                self.version, self.bytes = version, 0
            elif key in self.values:
                self.values.move_to_end(key)
                return self.values[key][0]
        value = compute()
        self.put(version, key, value, size(value))
        return value

    def version_now(self) -> int:
        """The store's data version now (what is kept from before a change is dropped)."""
        with self.lock:
            version = self.watch.data_version()
            if version != self.version:
                self.values.clear()
                self.version, self.bytes = version, 0
            return version

    def peek(self, key: Any) -> Any | None:
        """The kept value of ``key`` if the store is unchanged since it was computed."""
        with self.lock:
            version = self.watch.data_version()
            if version == self.version and key in self.values:
                self.values.move_to_end(key)
                return self.values[key][0]
        return None

    def put(self, version: int, key: Any, value: Any, n: int) -> None:
        with self.lock:
            if self.version == version and key not in self.values and (
                    self.max_bytes is None or n <= self.max_bytes // 4):
                self.values[key] = (value, n)
                self.bytes += n
                while len(self.values) > self.max_items or (
                        self.max_bytes is not None and self.bytes > self.max_bytes):
                    self.bytes -= self.values.popitem(last=False)[1][1]


def create_app(db: str | Path, *, token: str | None = None,
               allowed_hosts: Iterable[str] | None = None, max_body: int = MAX_BODY) -> FastAPI:
    """The ASGI app serving the store at ``db``.

    ``token``: what writes must present (``Authorization: Bearer TOKEN``); None refuses every
    write. ``allowed_hosts``: the Host names served (None: any).
    """
    db = str(db)
    Store(db).close()  # create and migrate before the first request
    write_lock = threading.Lock()
    local = threading.local()
    pages = VersionedCache(db, max_items=256)
    story_pages = VersionedCache(db, max_items=256, max_bytes=STORY_PAGE_CACHE)
    renderer = Renderer(db, RENDER_PROCESSES)

    def page_of(st: Store, limit: int, offset: int) -> tuple[int, list[dict]]:
        """(stories in the store, the summaries of one page of them)."""
        return pages.get((limit, offset), lambda: (st.count("stories"),
                                                   st.story_summaries(limit, offset)))

    @asynccontextmanager
    async def lifespan(_: FastAPI):
        yield
        renderer.close()

    app = FastAPI(title="Consilience", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", lifespan=lifespan)

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message, **exc.extra)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(400, "bad-request", f"{where}: {first.get('msg', 'invalid request')}")

    def store() -> Store:
        """This thread's read connection, opened once."""
        st = getattr(local, "store", None)
        if st is None:
            st = local.store = Store(db)
        return st

    @app.get("/api/v1/health")
    async def health() -> dict[str, Any]:
        st = store()
        return {"status": "ok", "version": __version__, "articles": st.count("articles"),
                "stories": st.count("stories")}

    @app.get("/api/v1/stories")
    async def list_stories(limit: int = PAGE_SIZE, offset: int = 0) -> JSONResponse:
        limit, offset = _page(limit, offset)
        total, rows = page_of(store(), limit, offset)
        return JSONResponse({"total": total, "limit": limit, "offset": offset, "stories": rows})

    @app.get("/api/v1/stories/{story_id}")
    async def get_story(story_id: str) -> Response:
        data = store().story_json(story_id)
        if data is None:
            raise ApiError(404, "not-found", f"no story '{story_id[:MAX_ID]}'")
        return Response(data, media_type="application/json")

    @app.get("/api/v1/articles/{article_id}")
    async def get_article(article_id: str) -> Response:
        data = store().article_json(article_id, without=INTERNAL_FIELDS)
        if data is None:
            raise ApiError(404, "not-found", f"no article '{article_id[:MAX_ID]}'")
        return Response(data, media_type="application/json")

    @app.get("/api/v1/rejections")
    def list_rejections(limit: int = PAGE_SIZE, offset: int = 0) -> JSONResponse:
        limit, offset = _page(limit, offset)
        st = store()
        return JSONResponse({"total": st.count("rejections"), "limit": limit, "offset": offset,
                             "rejections": [r.model_dump(mode="json")
                                            for r in st.rejection_page(limit, offset)]})

    def _authorise(request: Request) -> None:
        given = request.headers.get("authorization", "")
        scheme, _, value = given.partition(" ")
        if token is None or scheme.lower() != "bearer" or not hmac.compare_digest(
                value.strip().encode(), token.encode()):
            raise ApiError(401, "unauthorised", "writes need the server's token as "
                                                "'Authorization: Bearer TOKEN'")

    @app.post("/api/v1/articles")
    async def post_articles(request: Request, replace: bool = False) -> JSONResponse:
        _authorise(request)
        ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
        if ctype != "application/json":
            raise ApiError(415, "unsupported-media-type",
                           "post articles as JSON with 'Content-Type: application/json'")
        records = _records(await _read_body(request, max_body))
        items: list[Article | Rejection] = []
        for n, rec in enumerate(records):
            where = f"request[{n}]"
            problem = _record_problem(rec)
            try:
                if problem:
                    raise ConsilienceError(problem, input=where, reason="malformed")
                items.append(article_from_record(rec, posted_id(rec), where))
            except ConsilienceError as exc:
                items.append(Rejection(input=where, stage="read", reason=exc.reason,
                                       detail=exc.message))
        rejected = [r.model_dump(mode="json") for r in items if isinstance(r, Rejection)]
        if len(rejected) == len(items):
            first = rejected[0]
            raise ApiError(400, "bad-request", f"{first['input']}: {first['detail']}",
                           rejections=rejected)
        analysis = await _run_locked(items, replace)
        status = 201 if analysis.articles else 422
        return JSONResponse(status_code=status, content={
            "articles": [a.id for a in analysis.articles],
            "stories": [{"id": s.id, "title": s.title, "articles": s.articles,
                         "claims": len(s.claims)} for s in analysis.stories],
            "rejections": [r.model_dump(mode="json") for r in analysis.rejections],
        })

    async def _run_locked(items: list[Article | Rejection], replace: bool) -> Analysis:
        from starlette.concurrency import run_in_threadpool

        from ..api import analyze_items

        ids = [a.id for a in items if isinstance(a, Article)]
        twice = sorted(i for i, n in Counter(ids).items() if n > 1)
        if twice:
            raise ApiError(409, "conflict", f"ids posted more than once: {', '.join(twice)}")

        def work() -> Analysis:
            with write_lock:
                stored = sorted(store().existing_articles(ids))
                if stored and not replace:
                    raise ApiError(409, "conflict",
                                   f"already stored: {', '.join(stored[:20])}"
                                   + (" ..." if len(stored) > 20 else "")
                                   + " (post with ?replace=true to replace them)",
                                   conflicts=stored)
                return analyze_items(items, inputs=["api"], db=db)

        return await run_in_threadpool(work)

    @app.get("/", response_class=HTMLResponse)
    async def index(page: int = 1) -> HTMLResponse:
        st = store()
        total = st.count("stories")
        last = max(1, -(-total // PAGE_SIZE))
        if not 1 <= page <= last:
            raise ApiError(404, "not-found", f"no page {page} (pages 1 to {last})")
        total, rows = page_of(st, PAGE_SIZE, (page - 1) * PAGE_SIZE)
        return HTMLResponse(_index_template().render(
            rows=rows, page=page, pages=last, total=total, articles=st.count("articles"),
            first=(page - 1) * PAGE_SIZE + 1, quote=lambda s: quote(s, safe="")))

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    async def story_page(story_id: str) -> HTMLResponse:
        html = story_pages.peek(story_id)
        if html is None:
            version = story_pages.version_now()
            html = await renderer.render(story_id)
            if html is None:
                raise ApiError(404, "not-found", f"no story '{story_id[:MAX_ID]}'")
            story_pages.put(version, story_id, html, len(html))
        return HTMLResponse(html)

    # Inside FastAPI's own error layer, so an exception becomes the Guard's complete 500 answer
    # and never reaches the outer layer, which would answer plain text and drop the connection.
    app.add_middleware(Guard, allowed_hosts=allowed_hosts, headers=security_headers())
    return app


def _index_template():
    from jinja2 import Environment, PackageLoader, select_autoescape

    global _INDEX
    if _INDEX is None:
        env = Environment(loader=PackageLoader("consilience.service", "templates"),
                          autoescape=select_autoescape(default=True, default_for_string=True),
                          trim_blocks=True, lstrip_blocks=True)
        _INDEX = env.get_template("index.html")
    return _INDEX


_INDEX = None
