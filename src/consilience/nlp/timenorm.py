"""Normalising one English time expression to a TimeML-style type and value.

Pure functions of the expression, the anchor date (the article's publication date) and a few
context cues (grammatical tense, the reporting period in force). News conventions:

* a bare weekday means the most recent such day up to and including the anchor ("on Thursday" in
  a report of a Thursday is that day); with future tense, the next one;
* a bare month ("in September") means the nearest past or current such month, or the next one
  with future tense; a month and day likewise;
* "last night" is the evening before the anchor; "earlier this week" is the anchor's week;
* counted spans ("22 years", "the past six months") are durations, never dates.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

import dateparser

WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6, "mon": 0, "tue": 1, "tues": 1, "wed": 2, "thu": 3,
            "thur": 3, "thurs": 3, "fri": 4, "sat": 5, "sun": 6}
MONTHS = {"january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
          "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
          "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
          "sept": 9, "oct": 10, "nov": 11, "dec": 12}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
#: Parts of a day as TimeML writes them; noon is a clock time ("T12:00"), midday a part ("TMI"),
#: and midnight the end of the day it is told with ("midnight Friday": "T24:00").
PARTS_OF_DAY = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI",
                "overnight": "NI", "midday": "MI", "noon": "12:00", "midnight": "24:00"}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
                "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40,
                "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
                "hundred": 100, "half": 0.5, "a couple of": 2, "couple of": 2}
VAGUE_COUNTS = {"several", "few", "a few", "many", "some", "the past few", "recent", "couple"}
UNIT_CODES = {"second": "S", "minute": "M", "hour": "H", "day": "D", "night": "D", "week": "W",
              "weekend": "WE", "month": "M", "quarter": "Q", "year": "Y", "decade": "DE",
              "century": "CE", "fortnight": "W"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3,
            "4th": 4}
PRESENT_WORDS = {"now", "currently", "current", "at present", "present", "nowadays",
                 "these days", "right now", "the moment", "this time", "today's", "at the moment",
                 "so far", "yet", "to date", "by now"}
PAST_WORDS = {"recently", "recent", "lately", "previously", "the past", "past", "once",
              "earlier", "formerly", "in the past", "recent years", "recent months",
              "recent weeks", "recent days", "the old days", "the time", "then"}
FUTURE_WORDS = {"soon", "the future", "future", "the near future", "the near term",
                "the short term", "the long term", "the coming", "someday", "one day",
                "eventually", "later", "shortly", "in the future", "the years ahead",
                "coming years", "coming months", "coming weeks", "coming days",
                "the coming months", "the coming weeks", "the coming years", "the coming days",
                "future quarters", "coming quarters", "the months ahead", "the weeks ahead"}

_LEAD = re.compile(r"^(?:(?:on|in|at|since|by|until|till|from|during|for|of|to|around|about|"
                   r"as of|as early as|as late as|before|after|through|throughout|within|"
                   r"sometime|some time|only|just|nearly|almost|roughly|approximately|"
                   r"the|this past|past)\s+)+", re.I)
_EARLY_LATE = re.compile(r"^(?:early|late|mid|middle of|the middle of|end of|the end of|"
                         r"beginning of|the beginning of|start of|the start of)[-\s]+", re.I)


@dataclass(frozen=True)
class Context:
    """What the surrounding sentence and article say about an expression."""

    tense: str | None = None  # "past" | "future" | None
    quarter: str | None = None  # the reporting quarter in force ("1989-Q3"), if any


def _num(tok: str) -> float | None:
    tok = tok.lower().replace(",", "")
    if tok in NUMBER_WORDS:
        return float(NUMBER_WORDS[tok])
    m = re.fullmatch(r"(\w+)-(\w+)", tok)  # "twenty-four"
    if m and m.group(1) in NUMBER_WORDS and m.group(2) in NUMBER_WORDS:
        return float(NUMBER_WORDS[m.group(1)] + NUMBER_WORDS[m.group(2)])
    try:
        return float(tok)
    except ValueError:
        return None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def iso_week(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


#: A calendar date value (year, month, day; a time of day after "T" is allowed) and an ISO week.
_VALUE_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?$")
_VALUE_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


def value_days(value: str | None) -> tuple[date, date, str] | None:
    """The first and last day a TimeML date value covers and its precision ("day", "week",
    "month", "year"): "2016-10" -> 2016-10-01, 2016-10-31, "month". None for what is no calendar
    date (durations, sets, undetermined years, impossible dates)."""
    if not value:
        return None
    try:
        if m := _VALUE_WEEK.match(value):
            first = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
            return first, first + timedelta(days=6), "week"
        m = _VALUE_DATE.match(value)
        if not m:
            return None
        y = int(m.group(1))
        if m.group(3):
            day = date(y, int(m.group(2)), int(m.group(3)))
            return day, day, "day"
        if m.group(2):
            mo = int(m.group(2))
            return (date(y, mo, 1), date(y, mo, calendar.monthrange(y, mo)[1]), "month")
        return date(y, 1, 1), date(y, 12, 31), "year"
    except (ValueError, calendar.IllegalMonthError):
        return None


def day_of(value: str | None) -> str | None:
    """The day a value dated to one day falls on, with or without a time of day
    ("2018-04-06T17:00" -> "2018-04-06"), else None (a week, a month, no calendar date)."""
    days = value_days(value)
    return days[0].isoformat() if days is not None and days[2] == "day" else None


def shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    idx = year * 12 + (month - 1) + delta
    return idx // 12, idx % 12 + 1


def quarter_of(d: date) -> tuple[int, int]:
    return d.year, (d.month - 1) // 3 + 1


def weekday_date(anchor: date, weekday: int, tense: str | None, relation: str | None) -> date:
    """The date of a named weekday relative to the anchor (see the module's conventions)."""
    back = (anchor.weekday() - weekday) % 7
    fwd = (weekday - anchor.weekday()) % 7
    if relation == "last":
        return anchor - timedelta(days=back or 7)
    if relation == "next":
        return anchor + timedelta(days=fwd or 7)
    if relation == "this":
        return anchor + timedelta(days=fwd) if tense == "future" else anchor - timedelta(days=back)
    if tense == "future" and fwd:
        return anchor + timedelta(days=fwd)
    return anchor - timedelta(days=back)


def month_year(anchor: date, month: int, tense: str | None) -> int:
    """The year of a month named without one: the nearest past or current such month with past
    tense, the next with future tense, else the nearest (a tie goes to the past)."""
    past = anchor.year if month <= anchor.month else anchor.year - 1
    future = anchor.year if month >= anchor.month else anchor.year + 1
    if tense == "past":
        return past
    if tense == "future":
        return future
    back = (anchor.month - month) % 12
    return past if back <= NEAREST_MONTH_BACK_BIAS or back <= 12 - back else future


#: A month named without a year and without tense goes to the past when it is at most this many
#: months back (news reports mostly look back; chosen so that a month in the next quarter still
#: reads as upcoming).
NEAREST_MONTH_BACK_BIAS = 6


#: A month and day without a year follow the clause's tense only within this many days of the
#: anchor; further off, the nearest such date wins (news rarely names a day more than half a
#: year away without its year).
DIRECTED_DAYS = 183


def day_year(anchor: date, month: int, day: int, tense: str | None) -> int:
    """The year of a month and day named without one (same rule as :func:`month_year`)."""
    options = []
    for y in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(date(y, month, day))
        except ValueError:
            continue
    if not options:
        return anchor.year
    directed = []
    if tense == "past":
        directed = [d for d in options if anchor - timedelta(days=DIRECTED_DAYS) <= d
                    <= anchor + timedelta(days=1)]
    elif tense == "future":
        directed = [d for d in options if anchor <= d <= anchor + timedelta(days=DIRECTED_DAYS)]
    if directed:
        return directed[0].year
    return min(options, key=lambda d: (abs((d - anchor).days), d > anchor)).year


def _duration(n: float | None, unit: str) -> str:
    code = UNIT_CODES[unit]
    if code == "DE":
        return f"P{_fmt_num(n * 10)}Y" if n is not None else "PXDE"
    if code == "CE":
        return f"P{_fmt_num(n * 100)}Y" if n is not None else "PXCE"
    if code == "Q":
        return f"P{_fmt_num(n * 3)}M" if n is not None else "PXQ"
    if code == "WE":
        return f"P{_fmt_num(n)}WE" if n is not None else "PXWE"
    if unit == "fortnight":
        return f"P{_fmt_num(n * 2)}W" if n is not None else "PXW"
    prefix = "PT" if code in ("H", "S") or unit == "minute" else "P"
    return f"{prefix}{_fmt_num(n) if n is not None else 'X'}{code}"


def _shift(anchor: date, n: float, unit: str, sign: int) -> tuple[str, str] | None:
    """``n`` units before (sign -1) or after (+1) the anchor, at the unit's granularity."""
    k = int(round(n)) * sign
    if unit in ("day", "night"):
        return "date", (anchor + timedelta(days=k)).isoformat()
    if unit in ("week", "fortnight"):
        return "date", iso_week(anchor + timedelta(weeks=k * (2 if unit == "fortnight" else 1)))
    if unit == "month":
        y, m = shift_month(anchor.year, anchor.month, k)
        return "date", f"{y:04d}-{m:02d}"
    if unit == "quarter":
        y, q = quarter_of(anchor)
        idx = y * 4 + q - 1 + k
        return "date", f"{idx // 4}-Q{idx % 4 + 1}"
    if unit == "year":
        return "date", f"{anchor.year + k:04d}"
    if unit == "decade":
        return "date", f"{(anchor.year + 10 * k) // 10:03d}"
    if unit in ("hour", "minute", "second"):
        return "time", None  # too fine to resolve without a publication time
    return None


_UNIT_RE = r"(second|minute|hour|day|night|week|weekend|fortnight|month|quarter|year|decade|century)s?"
_COUNT_RE = r"([\w.,-]+(?:\s+(?:and\s+a\s+half|hundred|thousand))?|a couple of|a few|several|many|some)"
RE_AGO = re.compile(rf"^(?:about |some |nearly |almost |more than |over |roughly |just )?"
                    rf"{_COUNT_RE}\s+{_UNIT_RE}\s+(ago|earlier|before|later|from now|hence|"
                    rf"after|since)$", re.I)
RE_DURATION = re.compile(rf"^(?:(?:past|last|next|first|final|previous|coming|following|"
                         rf"entire|whole|full|another|additional|more than|over|about|"
                         rf"nearly|almost|at least|some|up to|roughly|around|another)\s+)*"
                         rf"{_COUNT_RE}[\s-]+{_UNIT_RE}(?:\s+(?:old|long|running))?$", re.I)
RE_UNIT_ONLY = re.compile(rf"^(?:(?:the|a|an|one|whole|entire|full)\s+)?{_UNIT_RE}$", re.I)
RE_DEICTIC = re.compile(r"^(?:(earlier|later) )?(this|last|next|past|previous|coming|current|"
                        r"same|that) (week|weekend|month|year|quarter|decade|century|spring|"
                        r"summer|autumn|fall|winter|morning|afternoon|evening|night)$", re.I)
RE_YEAR = re.compile(r"^(?:fiscal |fy ?|calendar |the year |mid-?|early |late )?"
                     r"((?:1[6-9]|20)\d\d)$", re.I)
RE_DECADE = re.compile(r"^(?:the )?(?:early |late |mid-?)?((?:1[6-9]|20)\d)0['’]?s$", re.I)
RE_SHORT_DECADE = re.compile(r"^(?:the )?(?:early |late |mid-?)?['’]?([2-9])0['’]?s$", re.I)
RE_CENTURY = re.compile(r"^(\d\d?)(?:st|nd|rd|th)[ -]century$", re.I)
RE_QUARTER = re.compile(r"^(?:the )?(?:((?:19|20)\d\d)\s+)?(first|second|third|fourth|1st|2nd|"
                        r"3rd|4th)[\s-]+(quarter|half)(?:\s+(?:of\s+)?(?:fiscal\s+)?"
                        r"((?:19|20)\d\d))?$", re.I)
RE_QN = re.compile(r"^q([1-4])\s*((?:19|20)\d\d)?$", re.I)
RE_MONTH = re.compile(r"^(?:(?:early|late|mid|the end of|end of|the start of|the beginning of)"
                      r"[-\s]+)?(january|february|march|april|may|june|july|august|september|"
                      r"october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|"
                      r"dec)\.?(?:\s+(?:of\s+)?(this year|last year|next year|(?:19|20)\d\d))?$",
                      re.I)
RE_MONTH_DAY = re.compile(r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
                          r"(january|february|march|april|may|june|july|august|september|"
                          r"october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|"
                          r"nov|dec)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+((?:19|20)\d\d))?$",
                          re.I)
RE_DAY_MONTH = re.compile(r"^(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?(\d{1,2})"
                          r"(?:st|nd|rd|th)?\s+(?:of\s+)?(january|february|march|april|may|june|"
                          r"july|august|september|october|november|december|jan|feb|mar|apr|"
                          r"jun|jul|aug|sept|sep|oct|nov|dec)\.?(?:,?\s+((?:19|20)\d\d))?$", re.I)
RE_WEEKDAY = re.compile(r"^(?:(last|next|this|previous|coming|past)\s+)?(monday|tuesday|wednesday|"
                        r"thursday|friday|saturday|sunday)(?:['’]s)?(?:\s+(morning|afternoon|"
                        r"evening|night|overnight))?$", re.I)
RE_SET = re.compile(r"^(?:every|each|per|a)\s+(?:(other|single)\s+)?(day|night|week|month|year|"
                    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|"
                    r"evening|weekend|quarter)$", re.I)
#: Clock times: "5 p.m. Eastern time", "10:30 a.m.", "17:52 GMT".
RE_CLOCK = re.compile(r"^(\d{1,2})(?::(\d\d))?\s*(a\.?m\.?|p\.?m\.?)?(?:\s+(?:local time|"
                      r"eastern time|[a-z]{2,4}|[a-z]+ time))?$")
SET_ADVERBS = {"daily": "P1D", "weekly": "P1W", "monthly": "P1M", "annually": "P1Y",
               "yearly": "P1Y", "nightly": "P1D", "quarterly": "P3M", "hourly": "PT1H"}


_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
         "eighty": 80, "ninety": 90}
_UNITS_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9}
_SPOKEN_YEAR = re.compile(r"\b(nineteen|eighteen) (twenty|thirty|forty|fifty|sixty|seventy|eighty|"
                          r"ninety)(?:[- ](one|two|three|four|five|six|seven|eight|nine))?\b", re.I)
_SPOKEN_DECADE = re.compile(r"\b(?:the )?(twenties|thirties|forties|fifties|sixties|seventies|"
                            r"eighties|nineties)\b", re.I)
_MODIFIER = re.compile(r"^(?:(?:early|earlier|late|later|mid|middle of|the middle of|end of|"
                       r"the end of|beginning of|the beginning of|start of|the start of|around|"
                       r"sometime|some time|just|only|as early as|as late as)[-\s]+)+", re.I)


def _spoken_numbers(text: str) -> str:
    """"nineteen ninety-six" -> "1996", "the year two thousand" -> "2000"."""
    def year(m: re.Match) -> str:
        century = 19 if m.group(1).lower() == "nineteen" else 18
        unit = _UNITS_WORDS.get((m.group(3) or "").lower(), 0)
        return str(century * 100 + _TENS[m.group(2).lower()] + unit)
    text = _SPOKEN_YEAR.sub(year, text)
    text = re.sub(r"\b(?:the year )?two thousand(?: and)?(?:[- ](one|two|three|four|five|six|"
                  r"seven|eight|nine))?\b",
                  lambda m: str(2000 + _UNITS_WORDS.get((m.group(1) or "").lower(), 0)), text,
                  flags=re.I)
    return _SPOKEN_DECADE.sub(lambda m: "the 19" + str(_TENS[m.group(1).lower()[:-3] + "y"])[0]
                              + "0s", text)


def _core(text: str) -> str:
    t = re.sub(r"\s+", " ", text.strip().strip(".,;:")).replace("’", "'")
    t = _spoken_numbers(re.sub(r"'s$", "", t))
    prev = None
    while prev != t:
        prev, t = t, _MODIFIER.sub("", _LEAD.sub("", t))
    return t.strip()


def _plain(text: str) -> str:
    """The expression lower-cased without possessive, prepositions or early/late modifiers,
    keeping "the" and deictic words ("the past year", "last week")."""
    t = re.sub(r"\s+", " ", text.strip().strip(".,;:")).replace("’", "'").lower()
    t = _spoken_numbers(re.sub(r"'s$", "", t))
    prev = None
    while prev != t:
        prev = t
        t = _MODIFIER.sub("", t)
        t = re.sub(r"^(?:on|in|at|since|by|until|till|from|during|for|of|to|as of|before|after|"
                   r"through|within|over)\s+", "", t)
    return t.strip()


def _ref(word: str) -> tuple[str, str] | None:
    w = word.lower()
    if w in PRESENT_WORDS:
        return "date", "PRESENT_REF"
    if w in FUTURE_WORDS or w.startswith(("the coming ", "coming ", "the next few",
                                          "the months ahead", "the years ahead")):
        return "date", "FUTURE_REF"
    if w in PAST_WORDS or w.startswith(("recent ", "the past few", "the last few",
                                        "the past several", "past ")):
        return "date", "PAST_REF"
    return None


def _deictic(m: re.Match, anchor: date, ctx: Context) -> tuple[str, str | None] | None:
    rel, unit = m.group(2).lower(), m.group(3).lower()
    k = {"this": 0, "current": 0, "same": 0, "that": 0, "last": -1, "past": -1, "previous": -1,
         "next": 1, "coming": 1}[rel]
    if unit in SEASONS:
        y = anchor.year + k
        return "date", f"{y}-{SEASONS[unit]}"
    if unit in ("morning", "afternoon", "evening", "night"):
        day = anchor if k == 0 else anchor + timedelta(days=k)
        return "time", f"{day.isoformat()}T{PARTS_OF_DAY[unit]}"
    if unit == "weekend":
        base = anchor + timedelta(weeks=k)
        return "date", iso_week(base) + "-WE"
    if unit == "quarter" and k == 0 and ctx.quarter:
        return "date", ctx.quarter
    shifted = _shift(anchor, 1, unit, k) if k else _shift(anchor, 0, unit, 1)
    if unit == "century":
        return "date", f"{anchor.year // 100 + k:02d}"
    return shifted


_QUARTER_FULL = re.compile(
    r"^(?:the |its |a |their |his |her )?(?:(?P<rel>this year|last year|next year|year-ago|"
    r"year-earlier|year ago|year earlier|comparable year-ago|comparable|corresponding|"
    r"(?:19|20)\d\d)(?:'s)? )?(?:fiscal[- ])?(?:(?P<ord>first|second|third|fourth|1st|2nd|3rd|"
    r"4th|last|final)[\s-]+)?(?:fiscal[- ])?(?P<unit>quarter|half|period)"
    r"(?: (?:of )?(?:fiscal )?(?P<year>(?:19|20)\d\d|last year|this year|next year|a year ago))?$",
    re.I)


def _quarter(raw: str, anchor: date | None, ctx: Context) -> str | None:
    """Financial periods: "the third quarter", "last year's second quarter", "the year-ago
    quarter", "the first half of 1990". Bare "the quarter"/"the period" take the reporting quarter
    in force."""
    m = _QUARTER_FULL.match(raw)
    if not m or (m.group("unit") == "period" and not (m.group("rel") or m.group("year"))):
        return None
    unit = "Q" if m.group("unit") in ("quarter", "period") else "H"
    rel = (m.group("rel") or m.group("year") or "").lower()
    ordinal = (m.group("ord") or "").lower()
    if anchor is None and not re.fullmatch(r"\d{4}", rel):
        return None
    n: int | None = ORDINALS.get(ordinal)
    if n is None and ordinal in ("last", "final"):
        n = 4 if unit == "Q" else 2
    if n is None:
        if unit == "H" or not ctx.quarter:
            return None
        year, n = int(ctx.quarter[:4]), int(ctx.quarter[-1])
    elif ctx.quarter and unit == "Q" and int(ctx.quarter[-1]) >= n:
        year = int(ctx.quarter[:4])
    elif anchor is None:
        # Only a named year ("the first quarter of 2023") reaches here without an anchor: the
        # year is set below from ``rel``.
        year = 0
    else:
        y, q = quarter_of(anchor)
        limit = q if unit == "Q" else (q + 1) // 2
        year = y if n <= limit or ctx.tense == "future" else y - 1
    if re.fullmatch(r"\d{4}", rel):
        year = int(rel)
    elif rel in ("last year", "year-ago", "year-earlier", "year ago", "year earlier", "a year ago",
                 "comparable year-ago", "comparable", "corresponding"):
        year -= 1
    elif rel == "next year":
        year += 1
    elif rel == "this year" and anchor is not None:
        year = anchor.year
    return f"{year}-{unit}{n}"


def normalise_absolute(text: str, anchor: date | None, ctx: Context = Context()
                       ) -> tuple[str, str] | None:
    """Expressions whose value does not need the anchor, or needs it only for a missing year."""
    t = _core(text)
    low = t.lower()
    if m := RE_YEAR.match(low):
        return "date", m.group(1)
    if m := RE_DECADE.match(low):
        return "date", m.group(1)
    if (m := RE_SHORT_DECADE.match(low)) and anchor is not None:
        return "date", f"{(anchor.year // 100) - (0 if int(m.group(1)) * 10 <= anchor.year % 100 else 1)}{m.group(1)}"
    if m := RE_CENTURY.match(low):
        return "date", f"{int(m.group(1)) - 1:02d}"
    if m := RE_QUARTER.match(low):
        n = ORDINALS[m.group(2).lower()]
        year = m.group(1) or m.group(4)
        if year is None:
            if anchor is None:
                return None
            y, q = quarter_of(anchor)
            limit = q if m.group(3).lower() == "quarter" else (q + 1) // 2
            year = str(y if n <= limit or ctx.tense == "future" else y - 1)
        return "date", f"{year}-{'Q' if m.group(3).lower() == 'quarter' else 'H'}{n}"
    if m := RE_QN.match(low):
        if m.group(2):
            return "date", f"{m.group(2)}-Q{m.group(1)}"
    if m := RE_MONTH_DAY.match(low) or RE_DAY_MONTH.match(low):
        if m.re is RE_MONTH_DAY:
            month, day, year = MONTHS[m.group(1).lower()], int(m.group(2)), m.group(3)
        else:
            day, month, year = int(m.group(1)), MONTHS[m.group(2).lower()], m.group(3)
        if not 1 <= day <= 31:
            return None
        if year is None:
            if anchor is None:
                return None
            year = str(day_year(anchor, month, day, ctx.tense))
        return "date", f"{year}-{month:02d}-{day:02d}"
    if m := RE_MONTH.match(low):
        month = MONTHS[m.group(1).lower()]
        yr = (m.group(2) or "").lower()
        if re.fullmatch(r"\d{4}", yr):
            return "date", f"{yr}-{month:02d}"
        if anchor is None:
            return None
        if yr == "this year":
            return "date", f"{anchor.year}-{month:02d}"
        if yr in ("last year", "next year"):
            return "date", f"{anchor.year + (1 if yr == 'next year' else -1)}-{month:02d}"
        return "date", f"{month_year(anchor, month, ctx.tense)}-{month:02d}"
    if m := re.match(r"^(?:the )?(spring|summer|autumn|fall|winter)(?: of)? ((?:19|20)\d\d)$", low):
        return "date", f"{m.group(2)}-{SEASONS[m.group(1)]}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", low) or re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2,4}", low):
        parsed = dateparser.parse(t, settings={"PREFER_DAY_OF_MONTH": "first",
                                               "DATE_ORDER": "MDY"})
        return ("date", parsed.date().isoformat()) if parsed else None
    return None


#: Longest text normalised. The longest time expressions of news copy ("the third quarter of
#: fiscal 2023 ended Sept. 30", "between January 2022 and the end of September 2023") are under
#: 60 characters; a longer candidate (a tagger's run-on span, a run of dashes) is not resolved,
#: which also bounds the cost of the patterns below (``RE_DURATION`` backtracks quadratically
#: in the length of a run of dashes).
MAX_EXPRESSION_CHARS = 150


def normalise(text: str, anchor: date | None, ctx: Context = Context()
              ) -> tuple[str, str | None]:
    """``(type, value)`` of a time expression; ``value`` is None when it cannot be resolved
    (for anchor-relative expressions when the publication date is unknown)."""
    if len(text) > MAX_EXPRESSION_CHARS:  # not a time expression; spare the patterns
        return "date", None
    t = _core(text)
    low = t.lower()
    raw = _plain(text)
    if quarter := _quarter(raw, anchor, ctx):
        return "date", quarter
    if m := re.fullmatch(r"(last|this|next|past|coming) (january|february|march|april|may|june|"
                         r"july|august|september|october|november|december)", raw):
        if anchor is None:
            return "date", None
        month = MONTHS[m.group(2)]
        rel = m.group(1)
        year = (month_year(anchor, month, "past") if rel in ("last", "past") else
                month_year(anchor, month, "future") if rel in ("next", "coming") else anchor.year)
        return "date", f"{year}-{month:02d}"
    if re.fullmatch(r"(?:the )?(?:current |full |latest |same )?(?:fiscal |calendar )?year", raw) \
            and raw != "year":
        if anchor is None:
            return "date", None
        return "date", str(anchor.year - (1 if "latest" in raw else 0))
    # Sets: "every week", "each Thursday", "daily".
    if low in SET_ADVERBS:
        return "set", SET_ADVERBS[low]
    if m := RE_SET.match(raw):
        unit = m.group(2).lower()
        every_other = 2 if (m.group(1) or "").lower() == "other" else 1
        if unit in WEEKDAYS:
            return "set", f"XXXX-WXX-{WEEKDAYS[unit] + 1}"
        return "set", {"day": "XXXX-XX-XX", "night": "XXXX-XX-XXTNI", "week": "XXXX-WXX",
                       "month": "XXXX-XX", "year": "XXXX", "morning": "XXXX-XX-XXTMO",
                       "evening": "XXXX-XX-XXTEV", "weekend": "XXXX-WXX-WE",
                       "quarter": "XXXX-QX"}[unit] if every_other == 1 else f"P2{UNIT_CODES.get(unit, 'D')}"
    if ref := _ref(low) or _ref(raw):
        return ref
    absolute = normalise_absolute(text, anchor, ctx)
    if absolute:
        return absolute
    # Counted spans before/after the anchor: "two days ago", "a year earlier".
    if m := RE_AGO.match(low):
        n = _num(m.group(1))
        unit = m.group(2).lower()
        direction = m.group(3).lower()
        sign = 1 if direction in ("later", "from now", "hence", "after") else -1
        if direction == "since":
            return "duration", _duration(n, unit)
        if unit == "year" and n == 1 and ctx.quarter and sign < 0:
            y, q = ctx.quarter.split("-Q")
            return "date", f"{int(y) - 1}-Q{q}"
        if n is None:
            return "date", "PAST_REF" if sign < 0 else "FUTURE_REF"
        if anchor is None:
            return "date", None
        return _shift(anchor, n, unit, sign) or ("date", None)
    if re.fullmatch(r"(?:the )?year[- ](?:ago|earlier)(?: (?:quarter|period))?", raw) \
            or re.fullmatch(r"(?:the )?(?:year[- ](?:ago|earlier)) (?:quarter|period)", low):
        if ctx.quarter:
            y, q = ctx.quarter.split("-Q")
            return "date", f"{int(y) - 1}-Q{q}"
        return "date", None if anchor is None else str(anchor.year - 1)
    if re.fullmatch(r"(?:the )?(?:latest|current|most recent|recent) (?:quarter|period)", raw) \
            or low in ("quarter", "period") and raw.startswith("the"):
        if ctx.quarter:
            return "date", ctx.quarter
        if anchor is None:
            return "date", None
        y, q = quarter_of(anchor)
        idx = y * 4 + q - 2
        return "date", f"{idx // 4}-Q{idx % 4 + 1}"
    # Durations: "22 years", "the past six months", "three-day", "decades".
    if m := RE_DURATION.match(low):
        n = _num(m.group(1))
        if n is None and m.group(1).lower() not in VAGUE_COUNTS:
            pass
        else:
            return "duration", _duration(n, m.group(2).lower())
    if m := re.fullmatch(r"(?:(?:many|several|some|few|the past|the last|past|last) )?"
                         r"(days|weeks|months|years|decades|hours|minutes|centuries)", low):
        unit = m.group(1)[:-1] if m.group(1) != "centuries" else "century"
        return "duration", _duration(None, unit)
    if raw in ("the past year", "the last year", "the past week", "the last week",
               "the past month", "the last month", "the past decade", "the last decade"):
        return "duration", _duration(1, raw.split()[-1])
    if anchor is None and (RE_WEEKDAY.match(low) or RE_DEICTIC.match(raw) or low in DAY_WORDS):
        return ("time" if any(p in low for p in PARTS_OF_DAY) else "date"), None
    if anchor is None:
        return "date", None
    # Anchor-relative: "today", "yesterday", "last night", "Thursday", "this week".
    if low in DAY_WORDS:
        kind, value = DAY_WORDS[low](anchor)
        return kind, value
    if m := RE_WEEKDAY.match(low):
        rel = (m.group(1) or "").lower() or None
        rel = {"previous": "last", "past": "last", "coming": "next"}.get(rel or "", rel)
        d = weekday_date(anchor, WEEKDAYS[m.group(2).lower()], ctx.tense, rel)
        if m.group(3):
            return "time", f"{d.isoformat()}T{PARTS_OF_DAY[m.group(3).lower()]}"
        return "date", d.isoformat()
    if raw in DAY_WORDS:
        return DAY_WORDS[raw](anchor)
    if m := RE_DEICTIC.match(raw):
        out = _deictic(m, anchor, ctx)
        if out:
            return out
    if raw in ("the day", "that day", "the same day"):
        return "date", anchor.isoformat()
    if m := re.fullmatch(r"(?:the )?(?:early |late )?(spring|summer|autumn|fall|winter)", raw):
        season = m.group(1)
        starts = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}[season]
        year = anchor.year if starts <= anchor.month or ctx.tense == "future" else anchor.year - 1
        return "date", f"{year}-{SEASONS[season]}"
    if m := re.fullmatch(r"the (week|month|weekend)", raw):
        return _deictic(RE_DEICTIC.match("this " + m.group(1)), anchor, ctx) or ("date", None)
    if m := re.fullmatch(r"(?:the )?(morning|afternoon|evening|night|midday|noon|midnight)",
                         raw):
        return "time", f"{anchor.isoformat()}T{PARTS_OF_DAY[m.group(1)]}"
    if m := RE_CLOCK.match(raw):
        hour, minute = int(m.group(1)), int(m.group(2) or 0)
        if m.group(3) and m.group(3)[0] == "p" and hour < 12:
            hour += 12
        if m.group(3) and m.group(3)[0] == "a" and hour == 12:
            hour = 0
        if hour < 24 and minute < 60:
            return "time", f"{anchor.isoformat()}T{hour:02d}:{minute:02d}"
    if m := re.fullmatch(r"(?:the )?(day|week|month|year|weekend) (?:before|after)", low):
        return _shift(anchor, 1, m.group(1), -1 if "before" in raw else 1) or ("date", None)
    if m := RE_UNIT_ONLY.match(low):
        return "duration", _duration(1, m.group(1).lower())
    parsed = _dateparser(t, anchor, ctx)
    if parsed:
        return parsed
    return "date", None


def _day_offset(n: int, part: str | None = None):
    def f(anchor: date) -> tuple[str, str]:
        d = anchor + timedelta(days=n)
        return ("time", f"{d.isoformat()}T{part}") if part else ("date", d.isoformat())
    return f


DAY_WORDS = {
    "today": _day_offset(0), "yesterday": _day_offset(-1), "tomorrow": _day_offset(1),
    "tonight": _day_offset(0, "NI"), "last night": _day_offset(-1, "NI"),
    "this morning": _day_offset(0, "MO"), "this afternoon": _day_offset(0, "AF"),
    "this evening": _day_offset(0, "EV"), "yesterday morning": _day_offset(-1, "MO"),
    "yesterday afternoon": _day_offset(-1, "AF"), "yesterday evening": _day_offset(-1, "EV"),
    "tomorrow morning": _day_offset(1, "MO"), "overnight": _day_offset(-1, "NI"),
    "the day before yesterday": _day_offset(-2), "the day after tomorrow": _day_offset(2),
    "earlier today": _day_offset(0), "later today": _day_offset(0), "earlier this week":
    lambda a: ("date", iso_week(a)), "later this week": lambda a: ("date", iso_week(a)),
    "earlier this month": lambda a: ("date", f"{a.year}-{a.month:02d}"),
    "later this month": lambda a: ("date", f"{a.year}-{a.month:02d}"),
    "earlier this year": lambda a: ("date", f"{a.year}"),
    "later this year": lambda a: ("date", f"{a.year}"),
    "late last month": lambda a: ("date", "%04d-%02d" % shift_month(a.year, a.month, -1)),
    "early last month": lambda a: ("date", "%04d-%02d" % shift_month(a.year, a.month, -1)),
    "late last year": lambda a: ("date", f"{a.year - 1}"),
    "early last year": lambda a: ("date", f"{a.year - 1}"),
}


def load_dateparser() -> None:
    """Load dateparser's English data and patterns (a fraction of a second, once per process;
    the first date it parses would otherwise pay it)."""
    _dateparser("27 July 2023", date(2024, 1, 1), Context())


def _dateparser(text: str, anchor: date, ctx: Context) -> tuple[str, str] | None:
    """Fallback for absolute forms the patterns above do not cover ("27.07.2023")."""
    if not re.search(r"\d", text) or re.fullmatch(r"[\d\s.,]+", text):
        return None
    from datetime import datetime

    try:
        data = dateparser.date.DateDataParser(
            languages=["en"],
            settings={"RELATIVE_BASE": datetime(anchor.year, anchor.month, anchor.day),
                      "PREFER_DATES_FROM": "future" if ctx.tense == "future" else "past",
                      "STRICT_PARSING": False},
        ).get_date_data(text)
    except Exception:  # dateparser raises on odd input; an unparsed expression stays None
        return None
    if data is None or data.date_obj is None:
        return None
    if data.period != "day" and re.fullmatch(r"(?:the\s+)?\d{1,3}(?:st|nd|rd|th)", text.strip(),
                                             re.I):
        return None  # a bare ordinal is a day of the month or no date ("the 48th of 71 laps")
    d = data.date_obj.date()
    if data.period == "year":
        return "date", f"{d.year:04d}"
    if data.period == "month":
        return "date", f"{d.year:04d}-{d.month:02d}"
    if data.period == "week":
        return "date", iso_week(d)
    return "date", d.isoformat()
