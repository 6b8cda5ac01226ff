"""Page furniture removal: what a scraper kept that is not the report.

Works line by line on ``input_text``. Each line is kept or removed with a named reason; the clean
text is the kept lines (stripped of surrounding white space) joined by newlines, and the offset
map records where every kept character came from. Spans already in ``removed[]`` (headers found by
a reader) are never kept.

Rules, each small and named, and each a reason string users see in ``removed[]``:

- ``subscribe prompt``: calls to subscribe, sign up, follow, download, listen or watch.
- ``photo caption``: picture descriptions and credits (``— Instagram/@...``, ``Photo: ...``,
  ``(Reuters)``, ``Getty Images``, "can be seen ... in this picture").
- ``related link``: a headline-like line (no sentence punctuation) between paragraphs, such as a
  link to another story.
- ``title repeated``: the article's own title repeated as the first line.
- ``byline``/``dateline``: author and update-time lines, moved to metadata.
- ``share prompt``: share, comment, print and advertisement lines.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ..model import Article, Removed
from ..pipeline import article_stage
from .offsets import TextBuilder

_PROMPT_START = re.compile(
    r"^\W*(click|tap|sign up|subscribe|follow|download|listen|watch|get|join|register|"
    r"don'?t miss|never miss|like us|read more|read also|see also|more:|related:|sign in|log in|"
    r"support|become a (member|subscriber)|you can|to receive|want)\b",
    re.IGNORECASE,
)
_PROMPT_WORDS = re.compile(
    r"\b(subscribe|subscription|sign up|newsletter|podcasts?|our app|the app|follow us|"
    r"notifications|inbox|wherever you get|on (twitter|facebook|instagram|telegram|whatsapp|youtube)|"
    r"click here|read more|breaking news alerts?)\b",
    re.IGNORECASE,
)
_CREDIT = re.compile(
    r"(\s[—–-]{1,2}\s*(instagram|twitter|x|telegram|facebook|tiktok|youtube)\s*/\s*@\S+\s*$"
    r"|\((photo|image|picture|video|credit|pic)s?\s*:[^)]*\)\s*$"
    r"|^\s*(photo|image|picture|credit|pictured|image caption|image source|caption)\s*:"
    r"|\b(getty images|afp via getty|ap photo|reuters/|epa-efe|shutterstock|alamy)\b"
    r"|^\s*\((reuters|ap|afp)\)\s*$)",
    re.IGNORECASE,
)
_CAPTION_PHRASE = re.compile(
    r"\b(in this (picture|photo|photograph|image|handout|file photo|still image)|"
    r"(picture|photo|image)d? (released|taken|obtained|provided) (on|by)|"
    r"(is|are) (pictured|seen) (here|during|at|in|on)|can be seen [^.]{0,120}\b(in this|released)|"
    r"file photo|handout photo|seen in this)\b",
    re.IGNORECASE,
)
_SHARE = re.compile(
    r"^\W*(share( this( article| story)?| on| via)?|comments?|print|email|advertisement|"
    r"sponsored|recommended|most read|trending|top stories|skip to|jump to|show more|"
    r"copyright|all rights reserved|©)\W*(\d+)?\W*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^\s*(by|written by|reporting by|words by)\s+[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3}"
                     r"(\s*(,|and|&)\s*[A-Z][\w.'-]+(\s+[A-Z][\w.'-]+){0,3})*\s*$")
_DATELINE = re.compile(
    r"^\s*([A-Z][\w.&' -]{1,40}\s*\|\s*)?(updated|published|posted|last updated|first published)"
    r"\s*:?\s*[\w ,:.+/-]{4,40}$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?…:;\"'”’)\]]\s*$")
#: A headline-like line has at most this many words (longer unpunctuated lines are kept as text).
MAX_HEADLINE_WORDS = 16


@dataclass(frozen=True)
class Line:
    start: int
    end: int
    text: str
    index: int
    total: int


def _is_prompt(line: Line) -> bool:
    words = len(line.text.split())
    return words <= 30 and bool(_PROMPT_START.search(line.text)) and bool(
        _PROMPT_WORDS.search(line.text))


def _is_caption(line: Line) -> bool:
    return bool(_CREDIT.search(line.text) or _CAPTION_PHRASE.search(line.text))


def _is_share(line: Line) -> bool:
    return len(line.text) <= 40 and bool(_SHARE.match(line.text))


def _is_headline_like(line: Line) -> bool:
    """A short line without sentence punctuation that is not the first line of the text."""
    text = line.text.strip()
    words = text.split()
    if not words or len(words) > MAX_HEADLINE_WORDS or _SENTENCE_END.search(text):
        return False
    if line.index == 0:
        return False
    capitalised = sum(1 for w in words if w[:1].isupper() or not w[:1].isalpha())
    return len(words) <= 3 or " – " in text or " - " in text or " | " in text or \
        capitalised / len(words) >= 0.3


RULES: list[tuple[str, Callable[[Line], bool]]] = [
    ("byline", lambda ln: bool(_BYLINE.match(ln.text))),
    ("dateline", lambda ln: bool(_DATELINE.match(ln.text))),
    ("share prompt", _is_share),
    ("subscribe prompt", _is_prompt),
    ("photo caption", _is_caption),
    ("related link", _is_headline_like),
]


def _norm(s: str) -> str:
    return re.sub(r"\W+", " ", s).strip().lower()


def _lines(text: str, blocked: list[tuple[int, int]]) -> list[Line]:
    """Lines of ``text`` with spans already removed cut out; offsets into ``text``."""
    out: list[tuple[int, int]] = []
    pos = 0
    for raw in text.splitlines(keepends=True):
        s, e = pos, pos + len(raw.rstrip("\r\n"))
        pos += len(raw)
        pieces = [(s, e)]
        for bs, be in blocked:
            nxt = []
            for ps, pe in pieces:
                if be <= ps or bs >= pe:
                    nxt.append((ps, pe))
                    continue
                if ps < bs:
                    nxt.append((ps, bs))
                if be < pe:
                    nxt.append((be, pe))
            pieces = nxt
        for ps, pe in pieces:
            while ps < pe and text[ps].isspace():
                ps += 1
            while pe > ps and text[pe - 1].isspace():
                pe -= 1
            if pe > ps:
                out.append((ps, pe))
    return [Line(s, e, text[s:e], i, len(out)) for i, (s, e) in enumerate(out)]


def clean_text(article: Article) -> Article:
    """Remove page furniture from ``article.input_text``; fill ``text``, ``removed`` and the map."""
    src = article.input_text
    blocked = [(r.input_start, r.input_end) for r in article.removed]
    removed = list(article.removed)
    builder = TextBuilder(src)
    title = _norm(article.title or "")
    for line in _lines(src, blocked):
        reason = None
        if line.index == 0 and title and _norm(line.text) == title:
            reason = "title repeated"
        else:
            reason = next((name for name, rule in RULES if rule(line)), None)
        if reason:
            removed.append(Removed(start=builder.length, input_start=line.start,
                                   input_end=line.end, text=line.text, reason=reason))
            if reason == "byline" and not article.authors:
                article.authors = [re.sub(r"^\s*(by|written by|reporting by|words by)\s+", "",
                                          line.text, flags=re.I).strip()]
            continue
        if builder.length:
            builder.insert("\n")
        builder.keep(line.start, line.end)
    article.text = builder.text()
    article.offset_map = builder.runs
    article.removed = sorted(removed, key=lambda r: r.input_start)
    # A removed header's clean position is where the text it preceded starts.
    return article


clean_stage = article_stage("clean", needs={"input_text"}, adds={"text", "removed"})(clean_text)
