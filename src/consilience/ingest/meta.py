"""Metadata normalisation shared by the readers."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlparse

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: Longest string tried as a written date: the longest written dates ("Tuesday, 9 April 2024,
#: 07:30 British Summer Time") are under 60 characters; anything much longer is not a date.
MAX_DATE_CHARS = 100


def parse_date(value: str | None) -> datetime | date | None:
    """An ISO 8601 date or datetime, or a date in a common written form; None if unparseable
    (or not a string)."""
    if not value or not isinstance(value, str):
        return None
    value = value.strip()
    if len(value) > MAX_DATE_CHARS:
        return None
    try:
        if _ISO_DATE.match(value):
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    import dateparser

    try:
        return dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False,
                                                 "PREFER_DAY_OF_MONTH": "first"})
    except (ValueError, OverflowError, TypeError, LookupError):  # garbage is no date
        return None


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    try:
        host = urlparse(url).hostname or ""
    except ValueError:  # not a well-formed URL
        return None
    return host[4:] if host.startswith("www.") else (host or None)
