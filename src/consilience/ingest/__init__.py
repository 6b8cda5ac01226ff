"""Readers: every kind of source in, :class:`~consilience.model.Article` or
:class:`~consilience.model.Rejection` out. One reader per kind; the kind is chosen by file name."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import InputError
from ..model import Article, Rejection
from .html import read_html_file
from .newsjson import read_json_file, read_jsonl_file
from .text import read_text_file

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
}


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


def read_file(path: Path) -> Iterator[Article | Rejection]:
    """Read one file; every failure becomes a Rejection naming the file."""
    reader = reader_for(path)
    if reader is None:
        yield Rejection(input=str(path), stage="read", reason="unsupported",
                        detail=f"unsupported file type '{''.join(path.suffixes) or path.name}'")
        return
    try:
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
                exclude: list[str] | None = None) -> Iterator[Article | Rejection]:
    """Read files and folders (recursively) in order; yield articles and rejections."""
    include, exclude = include or [], exclude or []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for p in _walk(path, include, exclude):
                yield from read_file(p)
        elif path.exists():
            yield from read_file(path)
        else:
            yield Rejection(input=str(raw), stage="read", reason="missing",
                            detail="no such file or directory")


__all__ = ["READERS", "read_file", "read_inputs", "reader_for"]
