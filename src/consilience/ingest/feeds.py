"""RSS and Atom feeds through feedparser: each entry becomes an article.

An entry that carries its full text (``content:encoded`` or Atom ``content``) is read from it;
an entry that carries only a summary has its link fetched and the page extracted, so the analysis
sees the article rather than a teaser. A file or response that is not a feed (not XML, or XML
without entries) is an :class:`~consilience.errors.InputError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Rejection
from .fetch import Fetcher, is_url
from .html import MIN_ARTICLE_CHARS, article_from_html, decode_html, parse_html
from .ids import file_id, url_id
from .limits import read_limited
from .meta import outlet_from_url, parse_date

#: An entry whose own text is shorter than this is a summary: its link is fetched instead.
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


#: A numeric character reference (``&#xD800;``, ``&#55296;``).
_CHARREF = re.compile(rb"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));")


def _fix_charref(m: re.Match[bytes]) -> bytes:
    digits = (m.group(1) or m.group(2)).lstrip(b"0")
    code = 0 if not digits or len(digits) > 8 else int(digits, 16 if m.group(1) else 10)
    if code == 0 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return b"&#xFFFD;"
    return m.group()


def parse_feed(data: bytes, source: str):
    import feedparser

    # A reference to a surrogate or to no character at all is U+FFFD (as in HTML), not an
    # exception out of feedparser.
    try:
        feed = feedparser.parse(_CHARREF.sub(_fix_charref, data))
    except (ValueError, LookupError) as exc:  # an undecodable declaration, a reference in UTF-16
        problem = " ".join(str(exc).split())[:200]
        raise InputError(f"not a feed: cannot decode it ({problem})", input=source,
                         reason="malformed") from None
    if not feed.entries:
        if feed.get("bozo"):
            problem = " ".join(str(feed.get("bozo_exception") or "unknown error").split())
            raise InputError(f"not a feed: not well-formed XML ({problem})", input=source,
                             reason="malformed")
        raise InputError("feed has no entries", input=source, reason="empty")
    return feed


def _entry_html(entry: Any) -> str:
    """The richest text the entry carries: its content, else its summary."""
    for c in entry.get("content") or []:
        if c.get("value"):
            return c["value"]
    return entry.get("summary") or entry.get("description") or ""


def _fragment_text(html: str) -> str:
    """Paragraph text of an HTML fragment (an entry's content)."""
    if "<" not in html:
        return html.strip()
    from trafilatura import extract

    text = extract(html, include_comments=False, favor_precision=False)
    if text:
        return text.strip()
    tree = parse_html(html, "feed entry")
    return "\n".join(t.strip() for t in tree.itertext() if t.strip())


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


def articles_from_feed(data: bytes, source: str, fetcher: Fetcher | None = None,
                       ) -> Iterator[Article | Rejection]:
    """The feed's entries as articles (fetching summary-only entries' links with ``fetcher``)."""
    feed = parse_feed(data, source)
    to_fetch: list[tuple[int, str, dict[str, Any]]] = []
    out: dict[int, Article | Rejection] = {}
    for i, entry in enumerate(feed.entries):
        meta = _entry_meta(entry, feed)
        where = f"{source}#entry{i + 1}"
        eid = url_id(meta["url"]) if meta["url"] else f"{file_id(source)}-{i + 1}"
        text = _fragment_text(_entry_html(entry))
        if len(text) >= FULL_TEXT_MIN_CHARS:
            out[i] = Article(id=eid, source=where, input_text=text, **meta)
        elif meta["url"] and is_url(meta["url"]) and fetcher is not None:
            to_fetch.append((i, eid, meta))
        else:
            out[i] = Rejection(input=where, stage="read", reason="summary-only",
                               detail="feed entry carries only a summary and its link cannot be "
                                      "fetched")
    if to_fetch:
        fetched = fetcher.get_many(m["url"] for _, _, m in to_fetch)  # type: ignore[union-attr]
        for (i, eid, meta), (url, resp) in zip(to_fetch, fetched, strict=True):
            out[i] = _article_from_response(resp, url, eid, meta)
    for i in sorted(out):
        yield out[i]


def _article_from_response(resp, url: str, eid: str, meta: dict[str, Any]) -> Article | Rejection:
    if isinstance(resp, InputError):
        return Rejection(input=url, stage="read", reason=resp.reason, detail=resp.message)
    try:
        art = article_from_html(decode_html(resp.content, url), eid, url, url=resp.url)
    except InputError as exc:
        return Rejection(input=url, stage="read", reason=exc.reason, detail=exc.message)
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
