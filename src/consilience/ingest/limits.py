"""Size limits on what is read, so that one huge input cannot exhaust memory."""

from __future__ import annotations

import os
from pathlib import Path

from ..errors import InputError

#: Largest input file read, in bytes. News pages are well under 5 MB and a JSONL dump of 100k
#: articles is about 500 MB; single files beyond this are refused with a message. Override with
#: the environment variable ``CONSILIENCE_MAX_FILE_MB``.
DEFAULT_MAX_FILE_MB = 100
#: Largest container (WARC, JSONL dump, feed) read, in bytes; these are streamed record by
#: record, so the limit is higher (``CONSILIENCE_MAX_ARCHIVE_MB``).
DEFAULT_MAX_ARCHIVE_MB = 4096


def max_file_bytes() -> int:
    return int(float(os.environ.get("CONSILIENCE_MAX_FILE_MB", DEFAULT_MAX_FILE_MB)) * 1024 ** 2)


def archive_limit() -> int:
    return int(float(os.environ.get("CONSILIENCE_MAX_ARCHIVE_MB", DEFAULT_MAX_ARCHIVE_MB))
               * 1024 ** 2)


def check_size(path: Path, limit: int | None = None) -> int:
    """The size of ``path``; an :class:`InputError` if it is over ``limit`` bytes."""
    limit = max_file_bytes() if limit is None else limit
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"file too large ({size / 1024 ** 2:.0f} MB; the limit is "
                         f"{limit / 1024 ** 2:.0f} MB, set CONSILIENCE_MAX_FILE_MB to raise it)",
                         input=str(path), reason="too-large")
    return size


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """Read a whole file after checking its size against the limit."""
    check_size(path, limit)
    return path.read_bytes()
