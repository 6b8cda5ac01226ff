"""URLs given on the command line or listed in a file: fetched, then read as a page or a feed."""

from __future__ import annotations

from collections.abc import Iterator

from ..errors import InputError
from ..model import Article, Rejection
from .feeds import articles_from_feed, looks_like_feed
from .fetch import Fetcher, Response
from .html import article_from_html, decode_html
from .ids import url_id


def _items(url: str, resp: Response, fetcher: Fetcher | None) -> Iterator[Article | Rejection]:
    ctype = resp.content_type
    if looks_like_feed(resp.content, ctype):
        yield from articles_from_feed(resp.content, url, fetcher)
    elif "html" in ctype or not ctype or resp.content[:512].lstrip().lower().startswith(
            (b"<!doctype html", b"<html")):
        yield article_from_html(decode_html(resp.content, url), url_id(url), url, url=resp.url)
    else:
        raise InputError(f"not a page or a feed ({ctype.split(';')[0]})", input=url,
                         reason="not-html")


def read_urls(urls: list[str], fetcher: Fetcher, fetch_links: bool = False,
              ) -> Iterator[Article | Rejection]:
    """Fetch ``urls`` (concurrently, within the fetcher's bounds) and read each in order. A feed's
    entries are read from their own text; their links are fetched only with ``fetch_links``."""
    for url, resp in fetcher.get_many(urls):
        if isinstance(resp, InputError):
            yield Rejection(input=url, stage="read", reason=resp.reason, detail=resp.message)
            continue
        try:
            yield from _items(url, resp, fetcher if fetch_links else None)
        except InputError as exc:
            yield Rejection(input=url, stage="read", reason=exc.reason, detail=exc.message)
