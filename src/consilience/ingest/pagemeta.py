"""Page metadata (title, author, date, outlet, canonical URL) from an HTML tree.

trafilatura's own metadata pass also searches the whole page for authors, categories, tags and
licences, which costs more than the body extraction itself; Consilience reads only what it uses,
from the places news pages put it: ``<meta>`` and Open Graph tags, JSON-LD, ``<title>``/``<h1>``,
the canonical link, byline elements when no tag names the author, and htmldate for the
publication date.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from functools import lru_cache
from datetime import date, datetime
from typing import Any

from .meta import outlet_from_url, parse_date

log = logging.getLogger(__name__)

#: htmldate's extensive search scans every text node for dates; the quick search (meta tags, URL,
#: time elements, structured data) found the same dates on the extraction dev pages at a fraction
#: of the cost.
EXTENSIVE_DATE_SEARCH = False


@dataclass
class PageMeta:
    title: str | None = None
    author: str | None = None
    published: datetime | date | None = None
    outlet: str | None = None
    url: str | None = None
    language: str | None = None

    @property
    def authors(self) -> list[str]:
        if not self.author:
            return []
        return [a.strip() for a in self.author.split(";") if a.strip()]


def page_metadata(tree: Any, url: str | None = None) -> PageMeta:
    """Metadata of a parsed page (an lxml HTML tree); fields that cannot be found are None."""
    from trafilatura.metadata import (examine_meta, extract_meta_json, extract_sitename,
                                      extract_title, extract_url)

    doc = examine_meta(tree)
    if doc.author and " " not in doc.author:  # a handle or a single word is not a name
        doc.author = None
    try:
        doc = extract_meta_json(tree, doc)
    except Exception as exc:  # malformed JSON-LD is common; the meta tags still count
        log.debug("JSON-LD metadata unreadable: %s", exc)
    page_url = url or extract_url(tree, None) or doc.url
    sitename = doc.sitename or extract_sitename(tree)
    if sitename:
        sitename = sitename.lstrip("@").strip() or None
    return PageMeta(
        title=(doc.title or extract_title(tree) or None),
        author=doc.author or byline_author(tree),
        published=_find_date(tree, page_url),
        outlet=sitename or outlet_from_url(page_url),
        url=page_url,
        language=(tree.get("lang") or "").split("-")[0].lower() or None,
    )


#: Elements that carry a byline on news pages; ``contains()`` tests (no regular expressions) keep
#: this one pass over the tree several times cheaper than trafilatura's author search.
_BYLINE_XPATH = (
    "//*[@rel='author' or @itemprop='author' or contains(@class,'author') or "
    "contains(@class,'byline') or contains(@id,'author') or contains(@id,'byline')]"
    "[not(self::meta or self::script or self::style or self::link or self::img)]"
    "[not(ancestor::form or ancestor::*[contains(@class,'comment')])]"
)
_BYLINE_LEAD = re.compile(r"^\s*(?:(?:posted|written|words|text|reporting)\s*)?(?:by|von|par|por|"
                          r"di|door)?\s*[:\-]?\s+|^\s*(?:text|texte|autor|author)\s*:\s*", re.I)
#: A byline names one to three people: two to ten words, no digits, at most this many characters.
MAX_BYLINE_CHARS = 100


@lru_cache(maxsize=1)
def _byline_xpath():
    from lxml import etree

    return etree.XPath(_BYLINE_XPATH)


def byline_author(tree: Any) -> str | None:
    """The first plausible byline on the page ("By Jane Holloway" -> "Jane Holloway")."""
    for el in _byline_xpath()(tree):
        text = _BYLINE_LEAD.sub("", " ".join(" ".join(el.itertext()).split()))
        words = text.split()
        if (2 <= len(words) <= 10 and len(text) <= MAX_BYLINE_CHARS
                and not any(ch.isdigit() for ch in text) and text[:1].isupper()
                and not (text.endswith(".") and len(words) > 4)):  # a bio sentence, not a name
            return text
    return None


def _find_date(tree: Any, url: str | None) -> datetime | date | None:
    from htmldate import find_date

    try:
        found = find_date(tree, url=url, original_date=True,
                          extensive_search=EXTENSIVE_DATE_SEARCH,
                          max_date=datetime.now().strftime("%Y-%m-%d"))
    except Exception as exc:  # htmldate refuses odd trees; a page without a date is fine
        log.debug("no date: %s", exc)
        return None
    day = parse_date(found)
    # htmldate gives the day only; the page's own published-time tag often has the time too,
    # which orders same-day reports (and tells a wire original from its reprint).
    if isinstance(day, date) and not isinstance(day, datetime):
        for path in _TIME_PATHS:
            for value in tree.xpath(path):
                stamp = _iso_datetime(str(value))
                if stamp is not None and stamp.date() == day:
                    return stamp
    return day


#: Where pages state the publication time: Open Graph / article tags, schema.org, <time>.
_TIME_PATHS = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@name="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//time[@itemprop="datePublished"]/@datetime',
    '//meta[@property="og:published_time"]/@content',
)


def _iso_datetime(value: str) -> datetime | None:
    value = value.strip()
    if "T" not in value:
        return None
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return None
