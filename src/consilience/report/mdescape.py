"""Text from articles made safe to put in a Markdown document.

Article-derived text (titles, claims, quotes, ids, outlets, URLs, speakers, places) is data, not
markup: a brief must show it as written and never let it become HTML, a link, an image or
emphasis when the Markdown is rendered. :func:`md_text` escapes what CommonMark (and GitHub's
extensions) would read as markup and folds line breaks, so one value stays on one line.
"""

from __future__ import annotations

import re

#: Characters CommonMark reads as inline markup anywhere in a line: backslash, code spans,
#: emphasis, links and images, GitHub's strikethrough. ``_`` is escaped only where it could open
#: or close emphasis (not between two letters or digits, as in ``000_d8c6``).
_INLINE = re.compile(r"([\\`*\[\]~]|(?<!\w)_|_(?!\w))")
_HTML = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
#: What opens a block (heading, list, table row, setext underline) when a line or a list item
#: starts with it; escaped at the start of every value, since values start list items (a
#: leading ``>`` is already an entity).
_BLOCK_START = re.compile(r"^(\d{1,9})([.)])|^([#+\-=|])")


def md_text(text: str | None) -> str:
    """``text`` on one line with HTML and Markdown markup escaped: rendered, it reads as written."""
    if not text:
        return ""
    one_line = " ".join(str(text).split())
    escaped = _INLINE.sub(r"\\\1", one_line)
    escaped = _BLOCK_START.sub(lambda m: f"{m[1]}\\{m[2]}" if m[1] else f"\\{m[3]}", escaped)
    return "".join(_HTML.get(ch, ch) for ch in escaped)


def md_cite(article_id: str) -> str:
    """A citation of an article: ``[id]`` with the id escaped (its brackets cannot end it)."""
    return f"[{md_text(article_id)}]"
