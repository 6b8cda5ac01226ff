"""A JSON API and a web UI over one Consilience store.

Every error answers with one JSON shape, ``{"error": {"status", "code", "message"}}``. Reads open
their own connection per request (SQLite in WAL mode serves readers while one writer works);
analyses of posted articles run one at a time under a lock, so the store has one writer.
"""

from __future__ import annotations

import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import ConsilienceError
from ..ingest.newsjson import article_from_record
from ..model import Analysis, Article, Rejection, RunInfo, Story
from ..report.jsonout import INTERNAL_FIELDS
from ..store import Store

#: Most articles one POST may carry; larger batches belong on the command line.
MAX_POST_ARTICLES = 500
#: Default and largest page size of list endpoints.
PAGE_SIZE, MAX_PAGE_SIZE = 50, 1000


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message


def _error(status: int, code: str, message: str) -> JSONResponse:
    return JSONResponse({"error": {"status": status, "code": code, "message": message}},
                        status_code=status)


def _article_json(a: Article) -> dict[str, Any]:
    return a.model_dump(mode="json", exclude=INTERNAL_FIELDS)


def _story_summary(s: Story) -> dict[str, Any]:
    verdicts: dict[str, int] = {}
    for c in s.claims:
        verdicts[c.verdict.value] = verdicts.get(c.verdict.value, 0) + 1
    return {"id": s.id, "title": s.title, "articles": s.articles, "claims": len(s.claims),
            "verdicts": verdicts}


def _page(limit: int, offset: int) -> tuple[int, int]:
    if not 1 <= limit <= MAX_PAGE_SIZE or offset < 0:
        raise ApiError(400, "bad-page", f"limit must be 1..{MAX_PAGE_SIZE} and offset >= 0")
    return limit, offset


def create_app(db: str | Path) -> FastAPI:
    """The ASGI app serving the store at ``db``."""
    db = str(db)
    Store(db).close()  # create and migrate before the first request
    write_lock = threading.Lock()
    app = FastAPI(title="Consilience", version=__version__, docs_url="/api/docs",
                  openapi_url="/api/openapi.json", redoc_url=None)

    @app.exception_handler(ApiError)
    async def _api_error(_: Request, exc: ApiError) -> JSONResponse:
        return _error(exc.status, exc.code, exc.message)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_: Request, exc: StarletteHTTPException) -> JSONResponse:
        code = {404: "not-found", 405: "method-not-allowed"}.get(exc.status_code, "http-error")
        return _error(exc.status_code, code, str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_: Request, exc: RequestValidationError) -> JSONResponse:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(p) for p in first.get("loc", ()))
        return _error(400, "bad-request", f"{where}: {first.get('msg', 'invalid request')}")

    @app.exception_handler(Exception)
    async def _internal_error(_: Request, exc: Exception) -> JSONResponse:
        return _error(500, "internal", f"{type(exc).__name__}: {exc}")

    def store() -> Store:
        return Store(db)

    @app.get("/api/v1/health")
    def health() -> dict[str, Any]:
        with store() as st:
            return {"status": "ok", "version": __version__, "articles": st.count("articles"),
                    "stories": st.count("stories")}

    @app.get("/api/v1/stories")
    def list_stories(limit: int = PAGE_SIZE, offset: int = 0) -> dict[str, Any]:
        limit, offset = _page(limit, offset)
        with store() as st:
            stories = st.stories()
        stories.sort(key=lambda s: (-len(s.articles), s.id))
        return {"total": len(stories),
                "stories": [_story_summary(s) for s in stories[offset:offset + limit]]}

    @app.get("/api/v1/stories/{story_id}")
    def get_story(story_id: str) -> dict[str, Any]:
        with store() as st:
            story = st.get_story(story_id)
        if story is None:
            raise ApiError(404, "not-found", f"no story '{story_id}'")
        return story.model_dump(mode="json")

    @app.get("/api/v1/articles/{article_id}")
    def get_article(article_id: str) -> dict[str, Any]:
        with store() as st:
            art = st.get_article(article_id)
        if art is None:
            raise ApiError(404, "not-found", f"no article '{article_id}'")
        return _article_json(art)

    @app.get("/api/v1/rejections")
    def list_rejections(limit: int = PAGE_SIZE, offset: int = 0) -> dict[str, Any]:
        limit, offset = _page(limit, offset)
        with store() as st:
            rows = st.rejections()
        return {"total": len(rows),
                "rejections": [r.model_dump(mode="json") for r in rows[offset:offset + limit]]}

    @app.post("/api/v1/articles")
    async def post_articles(request: Request) -> JSONResponse:
        try:
            body = await request.json()
        except ValueError:
            raise ApiError(400, "bad-json", "the request body is not valid JSON") from None
        records = body if isinstance(body, list) else [body]
        if not records or len(records) > MAX_POST_ARTICLES:
            raise ApiError(400, "bad-request",
                           f"post 1 to {MAX_POST_ARTICLES} article objects (got {len(records)})")
        items: list[Article | Rejection] = []
        for n, rec in enumerate(records):
            where = f"request[{n}]"
            try:
                items.append(article_from_record(rec, f"posted-{n}", where))
            except ConsilienceError as exc:
                items.append(Rejection(input=where, stage="read", reason=exc.reason,
                                       detail=exc.message))
        analysis = await _run_locked(items)
        status = 201 if analysis.articles else 422
        return JSONResponse(status_code=status, content={
            "articles": [a.id for a in analysis.articles],
            "stories": [_story_summary(s) for s in analysis.stories],
            "rejections": [r.model_dump(mode="json") for r in analysis.rejections],
        })

    async def _run_locked(items: list[Article | Rejection]) -> Analysis:
        from starlette.concurrency import run_in_threadpool

        from ..api import analyze_items

        def work() -> Analysis:
            with write_lock:
                return analyze_items(items, inputs=["api"], db=db)

        return await run_in_threadpool(work)

    def _store_analysis(story_id: str | None = None) -> Analysis:
        with store() as st:
            stories = st.stories()
            if story_id is not None:
                stories = [s for s in stories if s.id == story_id]
                if not stories:
                    raise ApiError(404, "not-found", f"no story '{story_id}'")
            wanted = {a for s in stories for a in s.articles}
            articles = [a for a in st.articles() if a.id in wanted]
        stories.sort(key=lambda s: (-len(s.articles), s.id))
        run = RunInfo(version=__version__, started=datetime.now(timezone.utc), inputs=[db])
        return Analysis(run=run, articles=articles, stories=stories)

    @app.get("/", response_class=HTMLResponse)
    def index() -> HTMLResponse:
        from ..report import to_html

        return HTMLResponse(to_html(_store_analysis()))

    @app.get("/stories/{story_id}", response_class=HTMLResponse)
    def story_page(story_id: str) -> HTMLResponse:
        from ..report import to_html

        return HTMLResponse(to_html(_store_analysis(story_id)))

    return app
