"""news-please style JSON: one object per ``.json`` file, or one per line in ``.jsonl``."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Rejection
from .decode import decode_bytes
from .meta import outlet_from_url, parse_date

TEXT_FIELDS = ("text", "maintext", "body", "content", "article_body")


def article_from_record(rec: Any, default_id: str, source: str) -> Article:
    if not isinstance(rec, dict):
        raise InputError(f"expected a JSON object, found {type(rec).__name__}", input=source,
                         reason="malformed")
    text = next((rec[f] for f in TEXT_FIELDS if isinstance(rec.get(f), str) and rec[f].strip()),
                None)
    if text is None:
        raise InputError("JSON object has no article text (no 'text' or 'maintext' field)",
                         input=source, reason="no-text")
    url = rec.get("url") or rec.get("source_url")
    authors = rec.get("authors") or []
    return Article(
        id=str(rec.get("id") or default_id),
        title=rec.get("title") or None,
        outlet=rec.get("source_domain") or rec.get("outlet") or outlet_from_url(url),
        url=url,
        published=parse_date(rec.get("date_publish") or rec.get("published") or rec.get("date")),
        authors=[a for a in authors if isinstance(a, str)] if isinstance(authors, list) else [],
        language=rec.get("language") or None,
        source=source,
        input_text=text,
    )


def read_json_file(path: Path) -> Article:
    text = decode_bytes(path.read_bytes(), str(path))
    try:
        rec = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno})",
                         input=str(path), reason="malformed") from None
    return article_from_record(rec, path.name.split(".")[0], str(path))


def read_jsonl_file(path: Path) -> Iterator[Article | Rejection]:
    """One article per line, streamed: a dump of any size is read line by line."""
    stem = path.name.split(".")[0]
    seen_any = False
    with path.open("rb") as fh:
        for lineno, raw in enumerate(fh, 1):
            if not raw.strip():
                continue
            seen_any = True
            where = f"{path}:{lineno}"
            try:
                line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                rec = json.loads(line)
                yield article_from_record(rec, f"{stem}-{lineno}", where)
            except UnicodeDecodeError as exc:
                yield Rejection(input=where, stage="read", reason="encoding",
                                detail=f"not UTF-8 text (invalid byte at column {exc.start + 1})")
            except json.JSONDecodeError as exc:
                yield Rejection(input=where, stage="read", reason="malformed",
                                detail=f"malformed JSON ({exc.msg} at column {exc.colno})")
            except InputError as exc:
                yield Rejection(input=where, stage="read", reason=exc.reason, detail=exc.message)
    if not seen_any:
        raise InputError("empty file", input=str(path), reason="empty")
