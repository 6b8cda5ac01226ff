"""Metadata normalisation shared by the readers."""

from __future__ import annotations

import re
from datetime import date, datetime
from urllib.parse import urlparse

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def parse_date(value: str | None) -> datetime | date | None:
    """An ISO 8601 date or datetime, or a date in a common written form; None if unparseable."""
    if not value:
        return None
    value = value.strip()
    try:
        if _ISO_DATE.match(value):
            return date.fromisoformat(value)
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        pass
    import dateparser

    parsed = dateparser.parse(value, settings={"RETURN_AS_TIMEZONE_AWARE": False,
                                               "PREFER_DAY_OF_MONTH": "first"})
    return parsed


def outlet_from_url(url: str | None) -> str | None:
    if not url:
        return None
    host = urlparse(url).hostname or ""
    return host[4:] if host.startswith("www.") else (host or None)
