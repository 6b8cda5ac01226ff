"""news-please style JSON: one object per ``.json`` file, or one per line in ``.jsonl``.

Every field is checked for its type before it is used: a number, list or object where a string is
expected, or a ``date_publish`` that is not a date, makes the record a Rejection naming the field.
``null`` is an absent field. Lone surrogates in strings (``"\\ud800"``) become U+FFFD."""

from __future__ import annotations

import json
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Article, Rejection
from .decode import decode_bytes, display_name, scrub
from .ids import file_id
from .limits import bounded_lines, max_record_bytes, open_stream, read_limited
from .meta import outlet_from_url, parse_date

TEXT_FIELDS = ("text", "maintext", "body", "content", "article_body")
#: Longest field value quoted in a message.
QUOTE_CHARS = 40


def _kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    return f"a {type(value).__name__}"


def _field(rec: dict[str, Any], keys: tuple[str, ...], source: str) -> tuple[str, str] | None:
    """The first of ``keys`` present with a non-empty string value, as ``(key, value)``; None
    when none is; an :class:`InputError` naming the field when one holds something other than a
    string (``null`` counts as absent)."""
    for key in keys:
        value = rec.get(key)
        if value is None:
            continue
        if not isinstance(value, str):
            raise InputError(f"field '{key}' is {_kind(value)}, expected a string", input=source,
                             reason="malformed")
        if value.strip():
            return key, scrub(value)
    return None


def _value(rec: dict[str, Any], keys: tuple[str, ...], source: str) -> str | None:
    found = _field(rec, keys, source)
    return found[1] if found else None


def _id(rec: dict[str, Any], default_id: str, source: str) -> str:
    value = rec.get("id")
    if value is None or value == "":
        return default_id
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    if not isinstance(value, str):
        raise InputError(f"field 'id' is {_kind(value)}, expected a string", input=source,
                         reason="malformed")
    return display_name(value.strip()) or default_id


def _authors(rec: dict[str, Any], source: str) -> list[str]:
    value = rec.get("authors")
    if value is None:
        return []
    if isinstance(value, str):
        return [scrub(value.strip())] if value.strip() else []
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        kind = _kind(value) if not isinstance(value, list) else "a list holding non-strings"
        raise InputError(f"field 'authors' is {kind}, expected a list of strings", input=source,
                         reason="malformed")
    return [scrub(a.strip()) for a in value if a.strip()]


def _published(rec: dict[str, Any], source: str):
    found = _field(rec, ("date_publish", "published", "date"), source)
    if found is None:
        return None
    key, value = found
    day = parse_date(value)
    if day is None:
        shown = value if len(value) <= QUOTE_CHARS else value[:QUOTE_CHARS] + "..."
        raise InputError(f"field '{key}' is not a date ({json.dumps(shown)})", input=source,
                         reason="malformed")
    return day


def article_from_record(rec: Any, default_id: str, source: str) -> Article:
    if not isinstance(rec, dict):
        raise InputError(f"expected a JSON object, found {_kind(rec)}", input=source,
                         reason="malformed")
    found = _field(rec, TEXT_FIELDS, source)
    if found is None:
        raise InputError("JSON object has no article text (no 'text' or 'maintext' field)",
                         input=source, reason="no-text")
    url = _value(rec, ("url", "source_url"), source)
    return Article(
        id=_id(rec, default_id, source),
        title=_value(rec, ("title",), source),
        outlet=_value(rec, ("source_domain", "outlet"), source) or outlet_from_url(url),
        url=url,
        published=_published(rec, source),
        authors=_authors(rec, source),
        language=_value(rec, ("language",), source),
        source=source,
        input_text=found[1],
    )


def _loads(text: str, source: str, where: str = "") -> Any:
    """Parse JSON; malformed or too deeply nested JSON is an :class:`InputError`."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        at = f"column {exc.colno}" if where == "line" else f"line {exc.lineno} column {exc.colno}"
        raise InputError(f"malformed JSON ({exc.msg} at {at})", input=source,
                         reason="malformed") from None
    except RecursionError:
        raise InputError("malformed JSON (nested too deeply)", input=source,
                         reason="malformed") from None
    except ValueError as exc:  # e.g. an integer literal of more than 4300 digits
        raise InputError(f"malformed JSON ({' '.join(str(exc).split())})", input=source,
                         reason="malformed") from None


def read_json_file(path: Path) -> Article:
    text = decode_bytes(read_limited(path), str(path))
    return article_from_record(_loads(text, str(path)), file_id(path), str(path))


def read_jsonl_file(path: Path) -> Iterator[Article | Rejection]:
    """One article per line, streamed: a dump of any size is read line by line, and a line
    longer than the record limit is refused without being held in memory."""
    stem = file_id(path)
    limit = max_record_bytes()
    seen_any, last = False, 0
    with open_stream(path) as fh:
        try:
            for lineno, raw in bounded_lines(fh, limit):
                last = lineno
                where = f"{path}:{lineno}"
                if raw is None:
                    seen_any = True
                    yield Rejection(input=where, stage="read", reason="too-large",
                                    detail=f"record longer than the limit of "
                                           f"{limit / 1024 ** 2:.0f} MB (set "
                                           "CONSILIENCE_MAX_RECORD_MB to raise it)")
                    continue
                if not raw.strip():
                    continue
                seen_any = True
                try:
                    line = raw.decode("utf-8-sig" if lineno == 1 else "utf-8")
                    yield article_from_record(_loads(line, where, "line"), f"{stem}-{lineno}",
                                              where)
                except UnicodeDecodeError as exc:
                    yield Rejection(input=where, stage="read", reason="encoding",
                                    detail=f"not UTF-8 text (invalid byte at column "
                                           f"{exc.start + 1})")
                except InputError as exc:
                    yield Rejection(input=where, stage="read", reason=exc.reason,
                                    detail=exc.message)
        except (OSError, EOFError, zlib.error) as exc:  # a corrupt or truncated .jsonl.gz
            problem = " ".join(str(exc).split()) or type(exc).__name__
            raise InputError(f"cannot decompress after line {last}: {problem}",
                             input=str(path), reason="corrupt") from None
    if not seen_any:
        raise InputError("empty file", input=str(path), reason="empty")
