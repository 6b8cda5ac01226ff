"""Readers: every kind of source in, :class:`~consilience.model.Article` or
:class:`~consilience.model.Rejection` out. One reader per kind; the kind is chosen by file name
(plain text, news-please JSON and JSONL dumps, HTML and gzipped HTML, RSS/Atom feeds, WARC
archives), and ``http(s)://`` inputs are fetched (pages and feeds).

Nothing else goes to the network: a feed's entries are read from their own text, and their links
are fetched only when fetching is asked for (``fetch=True``, ``--fetch``).

Files over the size limit (:mod:`.limits`) are refused with a message before they are read;
containers that are streamed record by record (JSONL, WARC) have a higher limit."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Rejection
from .feeds import read_feed_file
from .fetch import Fetcher, is_url
from .html import read_html_file
from .limits import archive_limit, check_size
from .newsjson import read_json_file, read_jsonl_file
from .text import read_text_file
from .urls import read_urls
from .warc import read_warc_file

Reader = Callable[[Path], "Article | Iterable[Article | Rejection]"]

#: File name endings and the reader for each; the longest matching ending wins.
READERS: dict[str, Reader] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_text_file,
    ".json": read_json_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".html.gz": read_html_file,
    ".htm.gz": read_html_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".rdf": read_feed_file,
    ".warc": read_warc_file,
    ".warc.gz": read_warc_file,
}
#: Readers that stream their input record by record, under the higher container size limit.
STREAMED: frozenset[Reader] = frozenset({read_jsonl_file, read_warc_file})
#: Readers that may fetch URLs when fetching is on (a feed of summaries has its entries' links
#: fetched).
FETCHING: frozenset[Reader] = frozenset({read_feed_file})


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    best = max((e for e in READERS if name.endswith(e)), key=len, default=None)
    return READERS[best] if best else None


def _walk(folder: Path, include: list[str], exclude: list[str]) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith("."):
                continue
            p = Path(root) / name
            rel = str(p.relative_to(folder))
            if include and not any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g)
                                   for g in include):
                continue
            if any(fnmatch.fnmatch(rel, g) or fnmatch.fnmatch(name, g) for g in exclude):
                continue
            if reader_for(p) is not None:
                yield p


def read_file(path: Path, fetcher: Fetcher | None = None) -> Iterator[Article | Rejection]:
    """Read one file; every failure becomes a Rejection naming the file. With ``fetcher``, feeds
    whose entries carry only summaries have their links fetched; without one nothing is
    fetched."""
    reader = reader_for(path)
    if reader is None:
        yield Rejection(input=str(path), stage="read", reason="unsupported",
                        detail=f"unsupported file type '{''.join(path.suffixes) or path.name}'")
        return
    try:
        check_size(path, archive_limit() if reader in STREAMED else None)
        if reader in FETCHING:
            out = reader(path, fetcher=fetcher)  # type: ignore[call-arg]
        else:
            out = reader(path)
        if isinstance(out, Article):
            yield out
        else:
            yield from out
    except InputError as exc:
        yield Rejection(input=str(path), stage="read", reason=exc.reason, detail=exc.message)
    except OSError as exc:
        yield Rejection(input=str(path), stage="read", reason="unreadable",
                        detail=exc.strerror or str(exc))


def read_inputs(paths: Iterable[str | Path], include: list[str] | None = None,
                exclude: list[str] | None = None, fetcher: Fetcher | None = None, *,
                fetch: bool = False, allow_private_addresses: bool = False,
                ) -> Iterator[Article | Rejection]:
    """Read files, folders (recursively) and ``http(s)://`` URLs in order; yield articles and
    rejections. Consecutive URLs are fetched together, concurrently within the fetcher's bounds.

    URLs given in ``paths`` are always fetched; feed entries' links only with ``fetch``.
    Loopback and private addresses are refused unless ``allow_private_addresses`` (or a
    ``fetcher`` made with it) allows them."""
    include, exclude = include or [], exclude or []
    own = fetcher is None
    fetcher = fetcher or Fetcher(allow_private_addresses=allow_private_addresses)
    links = fetcher if fetch else None
    pending: list[str] = []
    try:
        for raw in paths:
            if isinstance(raw, str) and is_url(raw):
                pending.append(raw)
                continue
            if pending:
                yield from read_urls(pending, fetcher, fetch_links=fetch)
                pending = []
            path = Path(raw)
            if path.is_dir():
                for p in _walk(path, include, exclude):
                    yield from read_file(p, links)
            elif path.exists():
                yield from read_file(path, links)
            else:
                yield Rejection(input=str(raw), stage="read", reason="missing",
                                detail="no such file or directory")
        if pending:
            yield from read_urls(pending, fetcher, fetch_links=fetch)
    finally:
        if own:
            fetcher.close()


def read_url_list(path: str | Path) -> list[str]:
    """URLs listed in a file, one a line; blank lines and ``#`` comments are skipped."""
    try:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read the URL list ({getattr(exc, 'strerror', None) or exc})",
                         input=str(path), reason="unreadable") from None
    urls = [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]
    bad = [u for u in urls if not is_url(u)]
    if bad:
        raise InputError(f"not an http(s) URL: {bad[0]}", input=str(path), reason="usage")
    return urls


__all__ = ["READERS", "Fetcher", "read_file", "read_inputs", "read_url_list", "reader_for"]
