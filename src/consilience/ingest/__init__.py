"""Readers: every kind of source in, :class:`~consilience.model.Article` or
:class:`~consilience.model.Rejection` out. One reader per kind; the kind is chosen by file name
(plain text, news-please JSON and JSONL dumps, HTML, RSS/Atom feeds, WARC archives, each also
gzip-compressed; an ``.xml`` file goes to the feed or HTML reader by its first element), and
``http(s)://`` inputs are fetched (pages and feeds).

A folder is read file by file; files of a type no reader takes are listed in one notice per
folder (kind ``skipped``), so a user sees what was left out without the batch failing.

Nothing else goes to the network: a feed's entries are read from their own text, and their links
are fetched only when fetching is asked for (``fetch=True``, ``--fetch``).

Files over the size limit (:mod:`.limits`) are refused with a message before they are read;
containers that are streamed record by record (JSONL, WARC) have a higher limit."""

from __future__ import annotations

import fnmatch
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Rejection
from .decode import display_name, scrub
from .feeds import read_feed_file
from .fetch import Fetcher, is_url
from .html import read_html_file
from .limits import archive_limit, check_size
from .newsjson import read_json_file, read_jsonl_file
from .text import read_text_file
from .urls import read_urls
from .warc import read_warc_file
from .xmlfile import read_xml_file

Reader = Callable[[Path], "Article | Iterable[Article | Rejection]"]

_PLAIN: dict[str, Reader] = {
    ".txt": read_text_file,
    ".text": read_text_file,
    ".md": read_text_file,
    ".json": read_json_file,
    ".jsonl": read_jsonl_file,
    ".ndjson": read_jsonl_file,
    ".html": read_html_file,
    ".htm": read_html_file,
    ".rss": read_feed_file,
    ".atom": read_feed_file,
    ".rdf": read_feed_file,
    ".warc": read_warc_file,
    ".xml": read_xml_file,
    ".xhtml": read_html_file,
}
#: File name endings and the reader for each; the longest matching ending wins. Every kind is
#: also read gzip-compressed (``.txt.gz``, ``.jsonl.gz``, ``.warc.gz``, ...).
READERS: dict[str, Reader] = {**_PLAIN, **{f"{e}.gz": r for e, r in _PLAIN.items()}}
#: Readers that stream their input record by record, under the higher container size limit.
STREAMED: frozenset[Reader] = frozenset({read_jsonl_file, read_warc_file})
#: Readers that may fetch URLs when fetching is on (a feed of summaries has its entries' links
#: fetched).
FETCHING: frozenset[Reader] = frozenset({read_feed_file, read_xml_file})


def reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    best = max((e for e in READERS if name.endswith(e)), key=len, default=None)
    return READERS[best] if best else None


#: File names listed in a folder's notice of files not read (the count covers them all).
SKIPPED_NAMES_SHOWN = 5


def _walk(folder: Path, include: list[str], exclude: list[str],
          skipped: list[Path] | None = None) -> Iterator[Path]:
    """The readable files under ``folder`` in sorted order; files of a type no reader takes
    (and not left out by ``include``/``exclude`` or hidden) are appended to ``skipped``."""
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
            elif skipped is not None:
                skipped.append(p)


def skipped_notice(folder: Path, skipped: list[Path]) -> Rejection:
    """One notice for the files of a folder that no reader takes: how many, of which types,
    and the first few names."""
    kinds = Counter((p.suffix.lower() or "no extension") for p in skipped)
    types = ", ".join(f"{k} ({n})" if n > 1 else k for k, n in sorted(
        kinds.items(), key=lambda kv: (-kv[1], kv[0])))
    names = ", ".join(str(p.relative_to(folder)) for p in skipped[:SKIPPED_NAMES_SHOWN])
    more = f", and {len(skipped) - SKIPPED_NAMES_SHOWN} more" if len(
        skipped) > SKIPPED_NAMES_SHOWN else ""
    n = len(skipped)
    return Rejection(input=str(folder), stage="read", reason="unsupported", kind="skipped",
                     detail=f"{n} file{'s' if n > 1 else ''} not read, of a type Consilience "
                            f"does not read ({types}): {names}{more}")


def _safe(items: Iterable[Article | Rejection]) -> Iterator[Article | Rejection]:
    """Items whose every string can be written as UTF-8: lone surrogates in text become U+FFFD
    (offsets unchanged), bytes of a non-UTF-8 file name in names and messages ``\\xNN``."""
    for it in items:
        if isinstance(it, Article):
            it.id = display_name(it.id)
            it.source = display_name(it.source) if it.source else it.source
            it.input_text = scrub(it.input_text)
            for field in ("title", "outlet", "url", "language"):
                value = getattr(it, field)
                if value:
                    setattr(it, field, scrub(value))
            it.authors = [scrub(a) for a in it.authors]
            it.removed = [r.model_copy(update={"text": scrub(r.text)}) for r in it.removed]
        else:
            it.input = display_name(it.input)
            it.detail = display_name(it.detail)
            it.article = display_name(it.article) if it.article else it.article
        yield it


def _unexpected(exc: Exception) -> str:
    """A one-line description of an error no reader anticipated."""
    if isinstance(exc, RecursionError):
        return "input nested too deeply to read"
    text = " ".join(str(exc).split())
    return f"could not be read ({type(exc).__name__}{': ' + text[:200] if text else ''})"


def read_file(path: Path, fetcher: Fetcher | None = None) -> Iterator[Article | Rejection]:
    """Read one file; every failure becomes a Rejection naming the file (what was read before a
    failure in a container is kept). With ``fetcher``, feeds whose entries carry only summaries
    have their links fetched; without one nothing is fetched."""
    yield from _safe(_read_file(path, fetcher))


def _read_file(path: Path, fetcher: Fetcher | None) -> Iterator[Article | Rejection]:
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
                        detail=" ".join((exc.strerror or str(exc)).split()))
    except Exception as exc:  # one bad input never stops a batch
        yield Rejection(input=str(path), stage="read", reason="read-error",
                        detail=_unexpected(exc))


def read_inputs(paths: Iterable[str | Path], include: list[str] | None = None,
                exclude: list[str] | None = None, fetcher: Fetcher | None = None, *,
                fetch: bool = False, allow_private_addresses: bool = False,
                ) -> Iterator[Article | Rejection]:
    """Read files, folders (recursively) and ``http(s)://`` URLs in order; yield articles and
    rejections. Consecutive URLs are fetched together, concurrently within the fetcher's bounds.

    URLs given in ``paths`` are always fetched; feed entries' links only with ``fetch``.
    Loopback and private addresses are refused unless ``allow_private_addresses`` (or a
    ``fetcher`` made with it) allows them."""
    yield from _safe(_read_inputs(paths, include or [], exclude or [], fetcher, fetch,
                                  allow_private_addresses))


def _read_inputs(paths: Iterable[str | Path], include: list[str], exclude: list[str],
                 fetcher: Fetcher | None, fetch: bool, allow_private_addresses: bool,
                 ) -> Iterator[Article | Rejection]:
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
            try:
                kind = "dir" if path.is_dir() else "file" if path.exists() else None
            except (OSError, ValueError) as exc:  # a name too long, or with a NUL byte
                problem = getattr(exc, "strerror", None) or exc
                yield Rejection(input=repr(str(raw)), stage="read", reason="missing",
                                detail=f"not a usable path ({problem})")
                continue
            if kind == "dir":
                skipped: list[Path] = []
                for p in _walk(path, include, exclude, skipped):
                    yield from _read_file(p, links)
                if skipped:
                    yield skipped_notice(path, skipped)
            elif kind == "file":
                yield from _read_file(path, links)
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
