"""HTML pages through trafilatura, the one adapter that owns HTML extraction."""

from __future__ import annotations

import gzip
from pathlib import Path

from ..errors import InputError
from ..model import Article
from .decode import decode_bytes
from .meta import outlet_from_url, parse_date


def _load_trafilatura():
    import trafilatura

    return trafilatura


def article_from_html(html: str, article_id: str, source: str, url: str | None = None) -> Article:
    """Extract the article body and its metadata from an HTML page.

    ``input_text`` is the extracted text (paragraphs separated by newlines): the page's markup is
    not text a reader cites, so spans point into what extraction produced.
    """
    trafilatura = _load_trafilatura()
    doc = trafilatura.bare_extraction(html, url=url, with_metadata=True, include_comments=False,
                                      include_tables=False, favor_precision=True)
    body = getattr(doc, "text", None) if doc is not None else None
    if not body or not body.strip():
        raise InputError("no article text found in the page", input=source, reason="no-article")
    author = getattr(doc, "author", None)
    page_url = url or getattr(doc, "url", None)
    return Article(
        id=article_id,
        title=getattr(doc, "title", None) or None,
        outlet=getattr(doc, "sitename", None) or outlet_from_url(page_url),
        url=page_url,
        published=parse_date(getattr(doc, "date", None)),
        authors=[a.strip() for a in author.split(";")] if author else [],
        language=getattr(doc, "language", None),
        source=source,
        input_text=body,
    )


def read_html_file(path: Path) -> Article:
    data = path.read_bytes()
    if path.name.endswith(".gz"):
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError) as exc:
            raise InputError(f"cannot decompress gzip ({exc})", input=str(path),
                             reason="corrupt") from None
    html = decode_bytes(data, str(path))
    return article_from_html(html, path.name.split(".")[0], str(path))
