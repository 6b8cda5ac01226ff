"""WARC archives (``.warc``, ``.warc.gz``) through warcio: each HTML response becomes an article.

Records that carry no page (``request``, ``warcinfo``, ``metadata``, revisits) are skipped (an
archive with no ``response`` or ``resource`` record at all is a Rejection); a
response that is not HTML (an image, a script, a PDF) or that is not a success becomes a
:class:`~consilience.model.Rejection` with the reason, and the archive goes on. A damaged archive
stops at the damage with a Rejection naming the offset.
"""

from __future__ import annotations

import logging
import zlib
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Rejection
from .feeds import articles_from_feed, looks_like_feed
from .html import article_from_html, decode_html
from .ids import url_id
from .decode import display_name
from .limits import max_file_bytes

log = logging.getLogger(__name__)

PAGE_RECORDS = ("response", "resource")
HTML_TYPES = ("text/html", "application/xhtml+xml")


def _content_type(record) -> str:
    if record.http_headers is not None:
        return (record.http_headers.get_header("Content-Type") or "").lower()
    return (record.rec_headers.get_header("Content-Type") or "").lower()


def _status(record) -> int | None:
    if record.http_headers is None:
        return None
    code = record.http_headers.get_statuscode()
    return int(code) if code and code.isdigit() else None


#: Bytes asked of the record stream per read; a read may return fewer.
CHUNK = 1 << 16


def _read_payload(record, limit: int) -> bytes | None:
    """The record's (decoded) payload, or None when it is larger than ``limit``."""
    stream = record.content_stream()
    parts, size = [], 0
    while chunk := stream.read(CHUNK):
        size += len(chunk)
        if size > limit:
            return None
        parts.append(chunk)
    return b"".join(parts)


def _record_item(record, where: str) -> Iterator[Article | Rejection]:
    url = record.rec_headers.get_header("WARC-Target-URI") or ""
    ctype = _content_type(record)
    status = _status(record)
    name = f"{where} {url}".strip()
    if status is not None and status != 200:
        yield Rejection(input=name, stage="read", reason="http-error",
                        detail=f"archived response is HTTP {status}, not a page")
        return
    payload = _read_payload(record, max_file_bytes())
    if payload is None:
        yield Rejection(input=name, stage="read", reason="too-large",
                        detail="archived response is larger than the file size limit")
        return
    try:
        if any(t in ctype for t in HTML_TYPES):
            yield article_from_html(decode_html(payload, name), url_id(url) if url else where,
                                    name, url=url or None)
        elif looks_like_feed(payload, ctype):
            yield from articles_from_feed(payload, name)
        else:
            kind = ctype.split(";")[0].strip() or "no content type"
            yield Rejection(input=name, stage="read", reason="not-html",
                            detail=f"archived record is {kind}, not an HTML page")
    except InputError as exc:
        yield Rejection(input=name, stage="read", reason=exc.reason, detail=exc.message)


def _damaged(exc: BaseException) -> str:
    return " ".join(f"damaged WARC archive ({exc or type(exc).__name__})".split())


def _quiet_iterator(fh):
    """warcio's record iterator without its own multi-line warning on stderr when a record
    does not end where its Content-Length says: it still counts such records
    (``err_count``), and the reader tells each in one line naming the archive. Nothing
    process-wide (such as sys.stderr) is touched, so archives read in threads stay apart."""
    from warcio.archiveiterator import ArchiveIterator

    class Quiet(ArchiveIterator):
        INC_RECORD = ""  # warcio writes this text, formatted, for each such record

    return Quiet(fh)


def read_warc_file(path: Path) -> Iterator[Article | Rejection]:
    from warcio.exceptions import ArchiveLoadFailed

    pages, kinds = 0, Counter()
    with path.open("rb") as fh:
        archive = _quiet_iterator(fh)
        records = enumerate(archive, 1)
        while True:
            errors = archive.err_count
            try:
                n, record = next(records)
            except StopIteration:
                break
            except (ArchiveLoadFailed, EOFError, OSError, ValueError, zlib.error,
                    AttributeError, TypeError, KeyError, IndexError) as exc:
                # warcio's parse of a damaged header (a missing field is an AttributeError)
                raise InputError(_damaged(exc), input=str(path), reason="corrupt") from None
            finally:
                if archive.err_count > errors:
                    log.warning("%s: record %d does not end where its Content-Length "
                                "says; the archive is read on", display_name(str(path)),
                                max(1, sum(kinds.values())))
            kinds[record.rec_type] += 1
            if record.rec_type not in PAGE_RECORDS:
                continue
            pages += 1
            # The record's number, not its byte offset: asking warcio for the offset reads
            # the record to its end before its content is used.
            try:
                yield from _record_item(record, f"{path}#record{n}")
            except (EOFError, OSError, ValueError, zlib.error) as exc:  # damaged content
                raise InputError(_damaged(exc), input=str(path), reason="corrupt") from None
    if not pages:
        found = ", ".join(f"{c} {k}" for k, c in sorted(kinds.items())) or "no records at all"
        raise InputError(f"no response records in the archive ({found})", input=str(path),
                         reason="empty")
