"""RSS and Atom feeds through feedparser: each entry becomes an article.

Each entry is read from the text it carries: its content (``content:encoded``, Atom
``content``), else its summary or description, HTML cleaned to paragraphs. Nothing is fetched
unless a fetcher is given (``--fetch``): then an entry whose own text is a short summary has its
link fetched and the page extracted, so the analysis sees the article rather than a teaser. An
entry with no text of its own (and no fetch) is a Rejection naming the feed and the item. A file
or response that is not a feed (not XML, or XML without entries) is an
:class:`~consilience.errors.InputError`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from html import unescape
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Rejection
from .fetch import Fetcher, is_url
from .html import MIN_ARTICLE_CHARS, article_from_html, decode_html
from .ids import url_id
from .limits import read_limited
from .meta import outlet_from_url, parse_date

log = logging.getLogger(__name__)

#: With fetching on, an entry whose own text is shorter than this is taken for a summary and its
#: link is fetched instead.
#: Feed teasers run to one or two sentences (under 400 characters); full-text feeds carry
#: thousands.
FULL_TEXT_MIN_CHARS = 600


def looks_like_feed(data: bytes, content_type: str = "") -> bool:
    """A cheap check for RSS/Atom/RDF, by content type or by the first tags of the document."""
    if any(t in content_type for t in ("rss", "atom", "rdf")):
        return True
    head = data[:2048].lstrip().lower()
    return (head.startswith((b"<rss", b"<feed", b"<rdf"))
            or (head.startswith(b"<?xml") and any(t in head for t in (b"<rss", b"<feed",
                                                                     b"<rdf:rdf"))))


def parse_feed(data: bytes, source: str):
    import feedparser

    feed = feedparser.parse(data)
    if not feed.entries:
        if feed.get("bozo"):
            problem = " ".join(str(feed.get("bozo_exception") or "unknown error").split())
            raise InputError(f"not a feed: not well-formed XML ({problem})", input=source,
                             reason="malformed")
        raise InputError("feed has no entries", input=source, reason="empty")
    return feed


def _entry_html(entry: Any) -> tuple[str, bool]:
    """The richest text the entry carries (its content, else its summary) and whether it is
    HTML (feedparser marks RSS descriptions and most contents ``text/html``)."""
    for c in entry.get("content") or []:
        if c.get("value"):
            return c["value"], "html" in (c.get("type") or "html")
    detail = entry.get("summary_detail") or {}
    return (entry.get("summary") or entry.get("description") or "",
            "html" in (detail.get("type") or "html"))


#: Elements that start a new line when an entry's HTML becomes text.
BLOCKS = frozenset({"p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6",
                    "blockquote", "tr", "table", "section", "article", "figure", "figcaption",
                    "pre", "hr", "dd", "dt"})


def _markup_text(html: str) -> str:
    """The text of an HTML fragment, one line per block element, scripts and styles dropped."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.fragment_fromstring(html, create_parent="div")
    except (etree.ParserError, ValueError):
        return ""
    for el in root.xpath("//script|//style"):
        el.drop_tree()
    for el in root.iter():
        if isinstance(el.tag, str) and el.tag.lower() in BLOCKS:
            el.text = "\n" + (el.text or "")
            el.tail = "\n" + (el.tail or "")
    lines = (" ".join(ln.split()) for ln in root.text_content().splitlines())
    return "\n".join(ln for ln in lines if ln)


def _fragment_text(html: str, is_html: bool = True) -> str:
    """The text of an entry's content or summary, HTML cleaned to paragraphs. Full articles go
    through trafilatura (which drops share buttons and the like) unless it loses more than half
    of the text; short texts are taken whole."""
    if not is_html or "<" not in html:
        text = unescape(html) if is_html else html
        return "\n".join(" ".join(ln.split()) for ln in text.splitlines() if ln.strip())
    plain = _markup_text(html)
    if len(plain) >= FULL_TEXT_MIN_CHARS:
        from trafilatura import extract

        text = (extract(html, include_comments=False, favor_precision=False) or "").strip()
        if 2 * len(text) >= len(plain):
            return text
    return plain


def _entry_meta(entry: Any, feed: Any) -> dict[str, Any]:
    link = entry.get("link") or None
    published = entry.get("published") or entry.get("updated") or None
    author = entry.get("author")
    return {
        "title": entry.get("title") or None,
        "url": link,
        "published": parse_date(published) if published else None,
        "authors": [author] if author else [],
        "outlet": feed.feed.get("title") or outlet_from_url(link or feed.feed.get("link")),
        "language": (entry.get("language") or feed.feed.get("language") or "").split("-")[0]
        .lower() or None,
    }


def _entry_id(link: str | None, source: str, n: int) -> str:
    """The entry's link as an id, else the feed's name and the entry's place in it."""
    if link:
        try:
            return url_id(link)
        except ValueError:  # a link that does not parse (e.g. an unclosed IPv6 bracket)
            pass
    return f"{Path(source).name.split('.')[0]}-{n}"


def item_name(source: str, n: int, meta: dict[str, Any]) -> str:
    """How a rejection names a feed item: the feed, the item's place in it and its link (else its
    title), e.g. ``news.rss item 3 <https://example.org/story>``."""
    if meta.get("url"):
        return f"{source} item {n} <{meta['url']}>"
    if meta.get("title"):
        return f"{source} item {n} \"{' '.join(meta['title'].split())[:80]}\""
    return f"{source} item {n}"


def articles_from_feed(data: bytes, source: str, fetcher: Fetcher | None = None,
                       ) -> Iterator[Article | Rejection]:
    """The feed's entries as articles, from the text each carries (content, else summary).

    With ``fetcher``, an entry whose own text is shorter than :data:`FULL_TEXT_MIN_CHARS` has its
    link fetched and the page extracted instead (its own text is kept if the fetch fails).
    Without one nothing is fetched: an entry with no text of its own is a Rejection naming the
    feed and the item."""
    feed = parse_feed(data, source)
    to_fetch: list[tuple[int, str, dict[str, Any], str]] = []
    out: dict[int, Article | Rejection] = {}
    for i, entry in enumerate(feed.entries):
        meta = _entry_meta(entry, feed)
        name = item_name(source, i + 1, meta)
        where = f"{source}#entry{i + 1}"
        eid = _entry_id(meta["url"], source, i + 1)
        try:
            text = _fragment_text(*_entry_html(entry))
        except InputError as exc:
            out[i] = Rejection(input=name, stage="read", reason=exc.reason, detail=exc.message)
            continue
        own = Article(id=eid, source=where, input_text=text, **meta) \
            if len(text) >= MIN_ARTICLE_CHARS else None
        if fetcher is not None and len(text) < FULL_TEXT_MIN_CHARS and meta["url"] \
                and is_url(meta["url"]):
            to_fetch.append((i, eid, meta, name))
            if own is not None:
                out[i] = own  # kept if the fetch fails
        elif own is not None:
            out[i] = own
        else:
            if not meta["url"]:
                why = "and no link to fetch"
            elif not is_url(meta["url"]):
                why = "and its link is not an http(s) URL"
            else:
                why = f"({len(text)} characters); its link is fetched only with --fetch"
            out[i] = Rejection(input=name, stage="read", reason="no-text",
                               detail=f"feed item has no text of its own {why}")
    if to_fetch:
        fetched = fetcher.get_many(m["url"] for _, _, m, _ in to_fetch)  # type: ignore[union-attr]
        for (i, eid, meta, name), (url, resp) in zip(to_fetch, fetched, strict=True):
            got = _article_from_response(resp, url, eid, meta, name)
            if isinstance(got, Rejection) and i in out:
                log.warning("%s: %s; the feed's own text is used", name, got.detail)
                continue
            out[i] = got
    for i in sorted(out):
        yield out[i]


def _article_from_response(resp, url: str, eid: str, meta: dict[str, Any], name: str,
                           ) -> Article | Rejection:
    if isinstance(resp, InputError):
        return Rejection(input=name, stage="read", reason=resp.reason, detail=resp.message)
    try:
        art = article_from_html(decode_html(resp.content, url), eid, url, url=resp.url)
    except InputError as exc:
        return Rejection(input=name, stage="read", reason=exc.reason, detail=exc.message)
    # The feed's own metadata is authoritative where the page lacks it.
    art.title = art.title or meta["title"]
    art.published = art.published or meta["published"]
    art.authors = art.authors or meta["authors"]
    return art


def read_feed_file(path: Path, fetcher: Fetcher | None = None) -> Iterator[Article | Rejection]:
    data = read_limited(path)
    if not data.strip():
        raise InputError("empty file", input=str(path), reason="empty")
    yield from articles_from_feed(data, str(path), fetcher)


__all__ = ["FULL_TEXT_MIN_CHARS", "MIN_ARTICLE_CHARS", "articles_from_feed", "looks_like_feed",
           "parse_feed", "read_feed_file"]
