"""Bytes to text, with one clear error for empty, binary and undecodable input."""

from __future__ import annotations

import re

from ..errors import InputError

#: How many leading bytes are sniffed for NUL bytes and other binary markers.
SNIFF_BYTES = 8192
#: Largest share of control characters tolerated in decoded text before it is called binary.
MAX_CONTROL_SHARE = 0.01


def decode_bytes(data: bytes, name: str) -> str:
    """Decode ``data`` as UTF-8 (with or without BOM) or UTF-16 with a BOM.

    Anything else is refused with an :class:`InputError` naming the input; silently guessing a
    legacy code page would put wrong characters into spans that users cite.
    """
    if not data.strip():
        raise InputError("empty file", input=name, reason="empty")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 text ({exc.reason} at byte {exc.start})",
                             input=name, reason="encoding") from None
    head = data[:SNIFF_BYTES]
    if b"\x00" in head:
        raise InputError("binary file, not text (NUL bytes)", input=name, reason="binary")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "convert it to UTF-8", input=name, reason="encoding") from None
    controls = sum(1 for ch in text[:SNIFF_BYTES] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > MAX_CONTROL_SHARE * min(len(text), SNIFF_BYTES):
        raise InputError("binary file, not text (control characters)", input=name,
                         reason="binary")
    return text


#: Lone surrogates: not characters, and not encodable as UTF-8 (JSON ``"\ud800"``, an entity
#: ``&#xD800;``, a file name read with ``surrogateescape``).
_SURROGATE = re.compile("[\ud800-\udfff]")


def scrub(text: str) -> str:
    """``text`` with every lone surrogate replaced by U+FFFD, one character for one, so offsets
    into it are unchanged and it can be written as UTF-8."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def _name_char(m: re.Match[str]) -> str:
    code = ord(m.group())
    # A byte that was not UTF-8 in a file name, kept by ``surrogateescape``: shown as ``\xNN``.
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else "\ufffd"


def display_name(name: str) -> str:
    """A name (a path, an id, a message naming a path) that can be printed and stored as UTF-8:
    bytes of a non-UTF-8 file name shown as ``\\xNN``, other lone surrogates as U+FFFD."""
    return _SURROGATE.sub(_name_char, name) if _SURROGATE.search(name) else name
