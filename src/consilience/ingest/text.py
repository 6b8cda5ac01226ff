"""Plain-text articles, with optional leading header lines that become metadata.

Recognised headers, at the very top of the file: ``Title:``, ``Date:``, ``Source:`` (the
outlet), ``Outlet:``, ``URL:``, ``Author:``/``By:``, one per line; and a bare ``date YYYY-MM-DD``
prefix as scrapers write it (the rest of that line is text). Header stretches are recorded in
``removed[]`` with reason ``metadata header`` so that no character of the input is unaccounted for.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..model import Article, Removed
from .decode import decode_bytes
from .ids import file_id
from .limits import read_limited
from .meta import parse_date

#: A header line. The value runs to the end of the line and is stripped in code: a lazy value
#: followed by optional trailing blanks backtracked over every blank ("Title: a" + 30,000
#: spaces + "b" took half a minute).
_KEYED = re.compile(
    r"[ \t]*(?P<key>title|date|published|source|outlet|url|link|author|authors|by)[ \t]*:[ \t]*"
    r"(?P<value>[^\n]*)(?:\n|$)",
    re.IGNORECASE,
)
#: A date header value longer than this is not a date (and is not handed to the date parser).
MAX_DATE_CHARS = 80
_BARE_DATE = re.compile(
    r"[ \t]*(?P<key>date)[ \t]+"
    r"(?P<value>\d{4}-\d{2}-\d{2}(?:[T ][0-9:]{5,8}(?:Z|[+-]\d\d:?\d\d)?)?)"
    r"[ \t]*(?:\r?\n)?",
    re.IGNORECASE,
)


def parse_headers(text: str) -> tuple[dict[str, str], list[Removed]]:
    """Read header lines at the top of ``text``; return metadata and the removed header spans."""
    meta: dict[str, str] = {}
    removed: list[Removed] = []
    pos = 0
    while pos < len(text):
        m = _KEYED.match(text, pos) or _BARE_DATE.match(text, pos)
        value = m.group("value").strip() if m else ""
        if not value:
            break
        key = m.group("key").lower()
        key = {"published": "date", "link": "url", "by": "author", "authors": "author",
               "outlet": "source"}.get(key, key)
        if key in meta:
            break
        if key == "date" and (len(value) > MAX_DATE_CHARS or parse_date(value) is None):
            break
        meta[key] = value
        removed.append(Removed(start=0, input_start=m.start(), input_end=m.end(),
                               text=text[m.start():m.end()], reason=f"metadata header ({key})"))
        pos = m.end()
    return meta, removed


def article_from_text(text: str, article_id: str, source: str) -> Article:
    meta, removed = parse_headers(text)
    return Article(
        id=article_id,
        title=meta.get("title"),
        outlet=meta.get("source"),
        url=meta.get("url"),
        published=parse_date(meta["date"]) if "date" in meta else None,
        authors=[meta["author"]] if "author" in meta else [],
        source=source,
        input_text=text,
        removed=removed,
    )


def read_text_file(path: Path) -> Article:
    text = decode_bytes(read_limited(path), str(path))
    return article_from_text(text, file_id(path), str(path))
