"""Article ids for inputs that have no file name of their own (URLs, feed entries, WARC records)."""

from __future__ import annotations

import hashlib
import re
from urllib.parse import urlparse

#: Longest readable part of a URL-derived id.
MAX_SLUG = 48


def url_id(url: str) -> str:
    """A stable, readable id: the last path segment of the URL (or its host) and a short hash of
    the whole URL, so that two pages with the same last segment differ."""
    parsed = urlparse(url)
    segments = [s for s in parsed.path.split("/") if s]
    base = segments[-1] if segments else (parsed.hostname or "page")
    base = re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", base, flags=re.I)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", base).strip("-").lower()[:MAX_SLUG] or "page"
    return f"{slug}-{hashlib.sha1(url.encode('utf-8')).hexdigest()[:8]}"
