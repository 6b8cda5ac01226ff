"""HTML pages through trafilatura, the one adapter that owns HTML extraction.

``input_text`` of an HTML article is the text trafilatura extracted (paragraphs separated by
newlines), not the markup: spans point into that text. The furniture cleaner then works on it
like on any other text.

Extraction runs in trafilatura's precision mode (which drops more boilerplate); when that keeps
too little of the page, the default mode is tried as well and the longer body wins.
"""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article
from .limits import read_limited
from .meta import outlet_from_url, parse_date

#: Precision mode sometimes drops a whole article laid out in unusual markup. Below this many
#: characters its result is checked against the default mode's; chosen on the extraction dev
#: pages, where real bodies are 500+ characters and precision-mode failures under 300.
MIN_PRECISE_CHARS = 400
#: When the default mode's body is more than this many times longer than the precision body, the
#: precision body is taken to have lost the article (chosen as above; a ratio under 2 is the
#: usual boilerplate difference between the two modes).
FALLBACK_RATIO = 2.0
#: Fewest characters of body text that make a page an article.
MIN_ARTICLE_CHARS = 40
#: Bytes sniffed for NUL bytes before a page is called binary.
SNIFF_BYTES = 4096


def decode_html(data: bytes, name: str) -> str:
    """Decode a page: UTF-8 first, then the charset it declares or that is detected."""
    if not data.strip():
        raise InputError("empty file", input=name, reason="empty")
    if b"\x00" in data[:SNIFF_BYTES] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError("binary file, not HTML (NUL bytes)", input=name, reason="binary")
    from trafilatura.utils import decode_file

    return decode_file(data)


def _extract(html: Any, url: str | None, precise: bool):
    import trafilatura

    return trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                       favor_precision=precise)


def _body(doc) -> str:
    return (getattr(doc, "text", None) or "").strip() if doc is not None else ""


def extract_document(html: str, url: str | None = None):
    """trafilatura's document for ``html``: precision mode, or default mode when precision mode
    kept too little. Returns None when neither finds a body."""
    doc = _extract(html, url, precise=True)
    if len(_body(doc)) < MIN_PRECISE_CHARS:
        wide = _extract(html, url, precise=False)
        if len(_body(wide)) > FALLBACK_RATIO * max(len(_body(doc)), 1):
            doc = wide
    return doc if _body(doc) else None


def article_from_html(html: str, article_id: str, source: str, url: str | None = None) -> Article:
    """Extract the article body and its metadata from an HTML page."""
    doc = extract_document(html, url)
    body = _body(doc)
    if len(body) < MIN_ARTICLE_CHARS:
        raise InputError("no article text found in the page", input=source, reason="no-article")
    author = getattr(doc, "author", None)
    page_url = url or getattr(doc, "url", None)
    return Article(
        id=article_id,
        title=getattr(doc, "title", None) or None,
        outlet=getattr(doc, "sitename", None) or outlet_from_url(page_url),
        url=page_url,
        published=parse_date(getattr(doc, "date", None)),
        authors=[a.strip() for a in author.split(";") if a.strip()] if author else [],
        language=getattr(doc, "language", None) or None,
        source=source,
        input_text=body,
    )


def gunzip(data: bytes, name: str) -> bytes:
    """Decompress gzip data; a truncated or corrupt archive is an :class:`InputError`."""
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        detail = "truncated gzip archive" if isinstance(exc, EOFError) else f"corrupt gzip ({exc})"
        raise InputError(f"cannot decompress: {detail}", input=name, reason="corrupt") from None


def read_html_file(path: Path) -> Article:
    data = read_limited(path)
    if path.name.lower().endswith(".gz"):
        data = gunzip(data, str(path))
    html = decode_html(data, str(path))
    return article_from_html(html, path.name.split(".")[0], str(path))
