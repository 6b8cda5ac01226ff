"""Time expressions in an article, normalised against its publication date.

Candidates are spaCy's DATE and TIME entities plus patterns spaCy's small model misses ("now",
"recently", "last night", bare weekdays). Each is normalised by :mod:`.timenorm` with the
grammatical tense of the clause it sits in and the reporting quarter in force (financial copy
says "the quarter" and "a year earlier" of the quarter it reports on).

Where the publication date is unknown, anchor-relative expressions get ``value=None`` and
``anchor=None``; the story stage ``infer_dates`` later borrows a date from the story's other
articles and re-normalises.
"""

from __future__ import annotations

import re
from datetime import date

from ..model import Article, TimeRef
from ..lang import PIPELINE_LANGUAGES
from ..pipeline import article_stage, story_stage
from .annotate import doc_text, parse
from .timenorm import MAX_EXPRESSION_CHARS, PARTS_OF_DAY, Context, day_of, normalise

#: Expressions spaCy's small English model does not tag as DATE/TIME but news uses as times.
EXTRA_PATTERN = re.compile(
    r"\b(?:(?:earlier|later) (?:this|today|tonight)(?: (?:week|month|year))?|"
    r"(?:late|early) last (?:month|year|week)|last night|this (?:morning|afternoon|evening)|"
    r"(?:right )?now|today|tonight|yesterday|tomorrow|currently|recently|lately|nowadays|"
    r"previously|soon|at present|these days|the (?:near |distant )?(?:past|future)|"
    r"current(?= \w)|recent(?= \w)|the (?:near|short|long)[- ]term|"
    r"(?:every|each) (?:day|week|month|year|night|morning|(?:mon|tues|wednes|thurs|fri|satur|"
    r"sun)day)|(?:daily|weekly|monthly|annually)(?= )|"
    r"(?:(?:last|next|this) )?(?:mon|tues|wednes|thurs|fri|satur|sun)day(?:'s)?"
    r"(?: (?:morning|afternoon|evening|night))?)\b",
    re.I,
)
#: Words that mark an age or a measure, never a time: "58 years old", "a 22-year-old".
_AGE = re.compile(r"^(?:[\w-]+[- ])?(?:years?|months?)[- ]old\b|^-?(?:year|month)-old", re.I)
#: How many characters back a quarter mention stays "in force" for "a year earlier" and "the
#: quarter" (about two sentences of financial copy; chosen by reading earnings reports).
QUARTER_CONTEXT_CHARS = 400
_NOT_A_TIME = re.compile(r"\d{1,3}|\d+-(?:foot|feet|ft|inch|inches)(?:-\d+)?")
_QUARTER_MENTION = re.compile(r"\b(first|second|third|fourth)[\s-]+quarter\b", re.I)
_FUTURE_AUX = {"will", "wo", "'ll", "shall", "would"}
_FUTURE_WORDS = re.compile(r"\b(?:will|'ll|shall|is to|are to|plans? to|planned|scheduled|"
                           r"expected to|expects? to|due to|going to|next|upcoming|coming)\b", re.I)


def _candidates(doc) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    text = doc_text(doc)
    for ent in doc.ents:
        if ent.label_ in ("DATE", "TIME"):
            start, end = ent.start_char, ent.end_char
            if _AGE.match(text[end:end + 12].lstrip()) or re.search(r"-old$", ent.text):
                continue
            if _NOT_A_TIME.fullmatch(ent.text):
                continue  # a bare small number or a height that the tagger called a date
            lead = re.search(r"\b(?:this|last|next|early|late|the)\s+$",
                             text[max(0, start - 6):start])
            if lead and not re.match(r"(?:this|last|next|the)\b", ent.text, re.I):
                start -= len(lead.group(0))
            spans.append((start, end))
    taken = [(s, e) for s, e in spans]
    for m in EXTRA_PATTERN.finditer(text):
        if not any(s < m.end() and m.start() < e for s, e in taken):
            spans.append((m.start(), m.end()))
    return _day_parts(text, sorted(_split_lists(text, spans)))


_WEEKDAY_END = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day$", re.I)
_PART_OF_DAY = re.compile(r"(?:morning|afternoon|evening|night)", re.I)


def _day_parts(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """A day followed by a part of it is one expression: spaCy tags "Saturday" a date and
    "morning" a time, and the morning alone would be read as the publication day's."""
    out: list[tuple[int, int]] = []
    for s, e in spans:
        if (out and text[out[-1][1]:s] == " " and _PART_OF_DAY.fullmatch(text[s:e])
                and _WEEKDAY_END.search(text[out[-1][0]:out[-1][1]])):
            out[-1] = (out[-1][0], e)
        else:
            out.append((s, e))
    return out


#: Joiners between two time expressions that spaCy tags as one ("Sept. 14 to Thursday",
#: "the quarter ended Sept. 30", "1988 and 1989").
#: (A match starts only where a run of blanks starts, and ``\s++`` never gives blanks back: a
#: search over a long run of blanks is one pass, not one pass per blank.)
_JOINER = re.compile(r"(?<!\s)\s++(?:and|or|to|through|until|ended|ending|end)\s+"
                     r"|(?<=\d\d\d\d),\s+(?=(?:19|20)\d\d\b)")


def _split_lists(text: str, spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Split a span into its parts when each part is a time expression of its own."""
    out = []
    for s, e in spans:
        pieces = [(s, e)]
        for m in _JOINER.finditer(text, s, e):
            left, right = (s, m.start()), (m.end(), e)
            if all(_resolvable(text[a:b]) for a, b in (left, right)):
                pieces = [left, right]
                break
        out.extend(pieces)
    return out


def _resolvable(expr: str) -> bool:
    kind, value = normalise(expr, _PROBE_ANCHOR, Context())
    return value is not None and kind in ("date", "time") and not value.endswith("_REF")


#: A fixed date used only to test whether a fragment is a time expression on its own.
_PROBE_ANCHOR = date(2000, 6, 15)


def _normalise_span(text: str, anchor: date | None, ctx: Context) -> tuple[str, str | None]:
    """Normalise; when the whole span does not resolve, the longest resolvable tail does
    ("d'etat last year" -> "last year", "both 1990" -> "1990"). A day with a clock time in one
    span ("10 p.m. Wednesday", "Friday at 5 p.m.") is that time on that day, not the day alone."""
    kind, value = normalise(text, anchor, ctx)
    if value is None and anchor is not None:
        words = text.split()
        # tails longer than the longest expression normalised are not tried (each try would
        # copy the span: quadratic in a run-on span)
        for i in range(max(1, len(words) - MAX_EXPRESSION_CHARS // 2), len(words)):
            k2, v2 = normalise(" ".join(words[i:]), anchor, ctx)
            if v2 is not None:
                kind, value = k2, v2
                break
    if value is not None and day_of(value) == value and (m := _CLOCK.search(text)):
        # "midnight Friday": the tail "Friday" with the clock time before it
        k2, v2 = normalise(m.group(0), anchor, ctx)
        if k2 == "time" and v2 is not None and (t := _TIME_OF_DAY.fullmatch(v2)):
            if t.group(1) == "T24:00" and _AFTER.search(text[:m.start()]):
                return "time", value + "T00:00"  # "shortly after midnight Wednesday": its start
            return "time", value + t.group(1)
    return kind, value


#: "after" just before a midnight: the first hours of the day named with it.
_AFTER = re.compile(r"\bafter\s*$", re.I)


def _tense(doc, start: int, end: int) -> str | None:
    """"future" when the clause governing the expression is in the future, "past" for a past
    verb, else None."""
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    head = span.root
    for _ in range(4):
        if head.pos_ in ("VERB", "AUX") or head.head == head:
            break
        head = head.head
    for child in head.children:
        if child.dep_ == "aux" and child.lower_ in _FUTURE_AUX:
            return "future"
    if head.tag_ == "VBD" or (head.tag_ == "VBN" and any(
            c.dep_ == "aux" and c.lemma_ == "have" for c in head.children)):
        return "past"
    sent = span.sent
    window = doc_text(doc)[sent.start_char:sent.end_char]
    if _FUTURE_WORDS.search(window):
        return "future"
    return None


def _quarter_in_force(text: str, pos: int, last: str | None) -> str | None:
    window = text[max(0, pos - QUARTER_CONTEXT_CHARS):pos]
    return last if last and _QUARTER_MENTION.search(window) else None


def find_times(article: Article, anchor: date | None = None) -> list[TimeRef]:
    """The article's time expressions, normalised against ``anchor`` (default: its
    publication date)."""
    anchor = anchor or article.published_date()
    doc = parse(article)
    out: list[TimeRef] = []
    last_quarter: str | None = None
    for start, end in _candidates(doc):
        text = article.text[start:end]
        ctx = Context(tense=_tense(doc, start, end),
                      quarter=_quarter_in_force(article.text, start, last_quarter))
        kind, value = _normalise_span(text, anchor, ctx)
        if value and re.fullmatch(r"\d{4}-Q\d", value) and _QUARTER_MENTION.search(text):
            last_quarter = value
        span = article.span(start, end, "times")
        out.append(TimeRef(text=span.text, start=span.start, end=span.end,
                           input_start=span.input_start, input_end=span.input_end, type=kind,
                           value=value, anchor=anchor.isoformat() if anchor else None))
    return _on_its_day(article.text, out)


#: A clock time inside a longer expression ("10 p.m. Wednesday", "Friday at noon").
_CLOCK = re.compile(r"\b(?:\d{1,2}(?::\d{2})?\s*[ap]\.?\s?m\b\.?|noon|midnight)", re.I)
#: A time of day (a clock time, noon, a part of the day) dated by default to the anchor day.
_TIME_OF_DAY = re.compile(r"\d{4}-\d{2}-\d{2}(T(?:\d{2}:\d{2}|%s))" % "|".join(
    sorted({part for part in PARTS_OF_DAY.values() if part.isalpha()})))
#: Words that date a time expression themselves ("today at noon", "March 3 at 10 a.m.").
_DAY_WORD = re.compile(r"\b(?:\w+day|tonight|tomorrow|jan|feb|mar|apr|may|jun|jul|aug|sep|"
                       r"oct|nov|dec)\w*|\d{1,2}/\d{1,2}", re.I)
#: What may stand between a day and its time of day: "Friday at 5 p.m.", "3 a.m. Sunday".
_DAY_TIME_GAP = re.compile(r"\s*,?\s*(?:at|on)?\s*")


def _on_its_day(text: str, refs: list[TimeRef]) -> list[TimeRef]:
    """A time of day beside a day is on that day: "Friday at 5 p.m.", "at 9:30 a.m. on
    Monday", "3 a.m. Sunday" (the clock time alone would be read as the anchor day's)."""
    for k, r in enumerate(refs):
        m = _TIME_OF_DAY.fullmatch(r.value or "")
        if m is None or _DAY_WORD.search(r.text):
            continue
        for n in (k - 1, k + 1):
            if not 0 <= n < len(refs):
                continue
            o = refs[n]
            gap = text[o.end:r.start] if n < k else text[r.end:o.start]
            day = day_of(o.value)
            if day and _DAY_WORD.search(o.text) and _DAY_TIME_GAP.fullmatch(gap):
                r.value = day + m.group(1)
                break
    return refs


def times(article: Article) -> Article:
    article.times = find_times(article)
    return article


times_stage = article_stage("times", needs={"text", "published"}, adds={"times"},
                            languages=PIPELINE_LANGUAGES)(times)

__all__ = ["find_times", "times", "times_stage"]


# --- Publication dates inferred from the story -------------------------------------------------

#: An inferred date counts as agreeing with another article's date within this many days (a
#: story's reports usually appear within a day of one another).
AGREEMENT_DAYS = 1


def infer_date(known: list[date]) -> tuple[date, float] | None:
    """The likely publication date of an undated article from its story's dated articles, with
    a confidence in [0, 1]: the share of dated articles within a day of the median date, scaled
    by how many there are (one article gives at most 0.5, two 0.75, three 0.875, ...)."""
    if not known:
        return None
    ordered = sorted(known)
    median = ordered[(len(ordered) - 1) // 2]
    agree = sum(abs((d - median).days) <= AGREEMENT_DAYS for d in ordered) / len(ordered)
    confidence = agree * (1 - 0.5 ** len(ordered))
    return median, round(confidence, 3)


def infer_dates(story, articles: dict[str, Article]):
    """Give undated articles the date their story's other articles suggest
    (``published_inferred=True`` with ``published_confidence``) and re-normalise their times."""
    known = [a.published_date() for a in articles.values()
             if a.published is not None and not a.published_inferred]
    guess = infer_date([d for d in known if d is not None])
    if guess is None:
        return story
    day, confidence = guess
    for article in articles.values():
        if article.published is not None:
            continue
        article.published = day
        article.published_inferred = True
        article.published_confidence = confidence
        if article.text:
            article.times = find_times(article, day)
    return story


infer_dates_stage = story_stage("infer_dates", needs={"article.times"},
                                adds={"article.published"})(infer_dates)

__all__ += ["infer_date", "infer_dates", "infer_dates_stage"]
