"""Size limits on what is read, so that one huge input cannot exhaust memory, and the one place
where input files are read into memory (gzip-compressed files of every kind are decompressed here,
within the same limit)."""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from ..errors import InputError

#: Largest input file read, in bytes. News pages are well under 5 MB and a JSONL dump of 100k
#: articles is about 500 MB; single files beyond this are refused with a message. Override with
#: the environment variable ``CONSILIENCE_MAX_FILE_MB``.
DEFAULT_MAX_FILE_MB = 100
#: Largest container (WARC, JSONL dump, feed) read, in bytes; these are streamed record by
#: record, so the limit is higher (``CONSILIENCE_MAX_ARCHIVE_MB``).
DEFAULT_MAX_ARCHIVE_MB = 4096
#: Largest single record of a JSONL dump (one line), in bytes (``CONSILIENCE_MAX_RECORD_MB``).
#: A news article with its metadata is under 1 MB; a longer line is refused without being held
#: in memory beyond this.
DEFAULT_MAX_RECORD_MB = 10


def _mb(var: str, default: float) -> int:
    return int(float(os.environ.get(var, default)) * 1024 ** 2)


def max_file_bytes() -> int:
    return _mb("CONSILIENCE_MAX_FILE_MB", DEFAULT_MAX_FILE_MB)


def archive_limit() -> int:
    return _mb("CONSILIENCE_MAX_ARCHIVE_MB", DEFAULT_MAX_ARCHIVE_MB)


def max_record_bytes() -> int:
    return _mb("CONSILIENCE_MAX_RECORD_MB", DEFAULT_MAX_RECORD_MB)


def check_size(path: Path, limit: int | None = None) -> int:
    """The size of ``path``; an :class:`InputError` if it is over ``limit`` bytes."""
    limit = max_file_bytes() if limit is None else limit
    size = path.stat().st_size
    if size > limit:
        raise InputError(f"file too large ({size / 1024 ** 2:.0f} MB; the limit is "
                         f"{limit / 1024 ** 2:.0f} MB, set CONSILIENCE_MAX_FILE_MB to raise it)",
                         input=str(path), reason="too-large")
    return size


def is_gzip_name(path: Path) -> bool:
    return path.name.lower().endswith(".gz")


def gunzip(data: bytes, name: str, limit: int | None = None) -> bytes:
    """Decompress gzip data, at most ``limit`` bytes of output (the file size limit); a
    truncated or corrupt archive is an :class:`InputError`."""
    limit = max_file_bytes() if limit is None else limit
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(data, limit + 1)
    except zlib.error as exc:
        raise InputError(f"cannot decompress: corrupt gzip ({exc})", input=name,
                         reason="corrupt") from None
    if len(out) > limit:
        raise InputError(f"decompressed file larger than the limit of {limit / 1024 ** 2:.0f} MB",
                         input=name, reason="too-large")
    if not inflater.eof:
        raise InputError("cannot decompress: truncated gzip archive", input=name,
                         reason="corrupt")
    return out


def read_limited(path: Path, limit: int | None = None) -> bytes:
    """A whole file's bytes after checking its size against the limit; a ``.gz`` file is
    decompressed (its output held to the same limit)."""
    check_size(path, limit)
    data = path.read_bytes()
    if is_gzip_name(path):
        data = gunzip(data, str(path), limit)
    return data


def open_stream(path: Path) -> BinaryIO:
    """A binary stream of the file's content, decompressed on the fly for ``.gz`` files."""
    if is_gzip_name(path):
        import gzip

        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


#: Bytes read at a time while skipping the rest of an over-long line.
SKIP_CHUNK = 1 << 20


def bounded_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """``(line number, line)`` for each line of ``fh``; a line longer than ``limit`` bytes is
    given as ``None`` and skipped without ever holding more than ``limit`` bytes of it."""
    lineno = 0
    while raw := fh.readline(limit + 1):
        lineno += 1
        if len(raw) > limit and not raw.endswith(b"\n"):
            while (rest := fh.readline(SKIP_CHUNK)) and not rest.endswith(b"\n"):
                pass
            yield lineno, None
        else:
            yield lineno, raw
