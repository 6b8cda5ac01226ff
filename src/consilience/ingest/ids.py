"""Article ids: from a file's name, or, for inputs that have no file name of their own (URLs,
feed entries, WARC records), from the URL."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from urllib.parse import urlparse

#: Longest readable part of a URL-derived id.
MAX_SLUG = 48


def file_id(path: Path | str) -> str:
    """The file's name without its format's extension (and ``.gz``): everything before it is
    kept, so ``XIE19990313.0229.txt`` is ``XIE19990313.0229``, ``a.b.json`` is ``a.b`` and
    ``page.html.gz`` is ``page``. A name that is nothing but an extension stays whole."""
    name = Path(path).name
    base = name[:-3] if name.lower().endswith(".gz") else name
    stem, dot, _ext = base.rpartition(".")
    return stem if dot and stem else (base or name)


def url_id(url: str) -> str:
    """A stable, readable id: the last path segment of the URL (or its host) and a short hash of
    the whole URL, so that two pages with the same last segment differ."""
    try:
        parsed = urlparse(url)
        path, host = parsed.path, parsed.hostname
    except ValueError:  # not a well-formed URL (an archive's record may name anything)
        path, host = url, None
    segments = [s for s in path.split("/") if s]
    base = segments[-1] if segments else (host or "page")
    base = re.sub(r"\.(s?html?|php|aspx?|jsp)$", "", base, flags=re.I)
    slug = re.sub(r"[^A-Za-z0-9]+", "-", base).strip("-").lower()[:MAX_SLUG] or "page"
    return f"{slug}-{hashlib.sha1(url.encode('utf-8', 'surrogatepass')).hexdigest()[:8]}"
