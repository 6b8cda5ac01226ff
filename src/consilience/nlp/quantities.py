"""Quantities: numbers with units and what they measure, converted to base units.

Rules over the clean text (language-specific patterns live here, behind this module's seam).
Handles "110km (68 miles)" as one value in two units and checks that they agree within rounding,
hedges ("about", "some", "more than", "at least", "up to") as ``approx``, written numbers
("two", "dozens"), and counts of people by what happened to them (killed, wounded, displaced).
"""

from __future__ import annotations

import re

from ..model import Article, Quantity
from ..pipeline import article_stage

# unit surface -> (canonical unit, kind, factor to base unit, base unit)
UNITS: dict[str, tuple[str, str, float, str]] = {}


def _unit(names: list[str], unit: str, kind: str, factor: float, base: str) -> None:
    for n in names:
        UNITS[n] = (unit, kind, factor, base)


_unit(["km", "kms", "kilometres", "kilometers", "kilometre", "kilometer"], "km", "distance", 1000, "m")
_unit(["m", "metres", "meters", "metre", "meter"], "m", "distance", 1, "m")
_unit(["miles", "mile", "mi"], "mi", "distance", 1609.344, "m")
_unit(["ft", "feet", "foot"], "ft", "distance", 0.3048, "m")
_unit(["yards", "yard", "yd"], "yd", "distance", 0.9144, "m")
_unit(["nautical miles", "nautical mile", "nm"], "nmi", "distance", 1852, "m")
_unit(["kg", "kilograms", "kilogram", "kilos"], "kg", "mass", 1, "kg")
_unit(["tonnes", "tonne", "tons", "ton", "t"], "t", "mass", 1000, "kg")
_unit(["lb", "lbs", "pounds of"], "lb", "mass", 0.45359237, "kg")
_unit(["percent", "per cent", "%", "pc"], "%", "percent", 1, "%")
_unit(["years", "year", "yrs"], "year", "duration", 365.25 * 86400, "s")
_unit(["months", "month"], "month", "duration", 30.44 * 86400, "s")
_unit(["weeks", "week"], "week", "duration", 7 * 86400, "s")
_unit(["days", "day"], "day", "duration", 86400, "s")
_unit(["hours", "hour", "hrs", "hr"], "hour", "duration", 3600, "s")
_unit(["minutes", "minute", "mins", "min"], "minute", "duration", 60, "s")
_unit(["sq km", "square kilometres", "square kilometers", "km2", "km²"], "km2", "area", 1e6, "m2")
_unit(["square miles", "sq miles", "sq mi"], "sq mi", "area", 2.589988e6, "m2")
_unit(["hectares", "hectare", "ha"], "ha", "area", 1e4, "m2")
_unit(["mph"], "mph", "speed", 0.44704, "m/s")
_unit(["km/h", "kph", "kmh"], "km/h", "speed", 1 / 3.6, "m/s")

CURRENCIES = {"$": "USD", "US$": "USD", "£": "GBP", "€": "EUR", "¥": "JPY", "₴": "UAH", "₽": "RUB"}
CURRENCY_WORDS = {"dollars": "USD", "dollar": "USD", "pounds": "GBP", "euros": "EUR", "euro": "EUR",
                  "hryvnias": "UAH", "hryvnia": "UAH", "roubles": "RUB", "rubles": "RUB",
                  "yen": "JPY", "yuan": "CNY"}
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12,
                "dozens": 24, "hundreds": 200, "thousands": 2000, "a hundred": 100,
                "a thousand": 1000}
#: Nouns after a count that tell what is counted, and the kind they give the quantity.
PEOPLE_KINDS = {
    "killed": "killed", "dead": "killed", "died": "killed", "deaths": "killed", "death": "killed",
    "fatalities": "killed", "lives": "killed", "bodies": "killed",
    "wounded": "wounded", "injured": "wounded", "injuries": "wounded", "hurt": "wounded",
    "casualties": "casualties", "missing": "missing", "displaced": "displaced",
    "evacuated": "displaced", "arrested": "arrested", "detained": "arrested",
    "captured": "captured", "prisoners": "captured",
}
HEDGES = ["more than", "over", "at least", "about", "around", "some", "nearly", "almost",
          "approximately", "roughly", "up to", "as many as", "fewer than", "less than", "under",
          "an estimated", "estimated", "close to", "just over", "just under", "dozens of",
          "hundreds of", "thousands of", "several", "a few"]

_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_WORDNUM = "|".join(sorted((re.escape(w) for w in WORD_NUMBERS), key=len, reverse=True))
_UNIT_RE = "|".join(sorted((re.escape(u) for u in UNITS), key=len, reverse=True))
_SCALE_RE = r"(?:thousand|million|billion|trillion|bn|mn|tn|[kmb])\b"
_HEDGE_RE = "|".join(sorted((re.escape(h) for h in HEDGES), key=len, reverse=True))

QUANTITY_RE = re.compile(
    rf"(?:(?P<hedge>{_HEDGE_RE})\s+)?"
    rf"(?P<cur>US\$|[$£€¥₴₽])?\s?"
    rf"(?P<num>{_NUM}|(?<![\w-])(?:{_WORDNUM})(?![\w-]))"
    rf"(?:\s?(?P<scale>{_SCALE_RE}))?"
    rf"(?:\s?-?\s?(?P<unit>{_UNIT_RE})(?![\w]))?"
    rf"(?:\s+(?P<curword>{'|'.join(CURRENCY_WORDS)})\b)?",
    re.IGNORECASE,
)
# "110km (68 miles)": a value followed by the same value in another unit, in brackets.
PAIR_RE = re.compile(rf"\s*\(\s*(?P<num>{_NUM})\s?(?P<unit>{_UNIT_RE})\s*\)", re.IGNORECASE)
_PEOPLE_AFTER = re.compile(
    r"\s+(?:(?:people|civilians|soldiers|troops|children|persons|residents|others|migrants|"
    r"police(?: officers)?|officers|workers|fighters|militants|students|passengers|"
    r"servicemen)\s+)?(?:(?:were|have been|had been|was|are)\s+)?(?:(?:reportedly|also)\s+)?"
    r"(?P<what>" + "|".join(PEOPLE_KINDS) + r")\b",
    re.IGNORECASE,
)
#: Relative tolerance within which a value in two units counts as agreeing (rounding in news
#: copy: 150km is printed as "90 miles" though it is 93.2; 7 % covers the seeds and house styles).
PAIR_TOLERANCE = 0.07


def _number(text: str) -> float | None:
    t = text.lower().replace(",", "")
    if t in WORD_NUMBERS:
        return float(WORD_NUMBERS[t])
    try:
        return float(t)
    except ValueError:
        return None


def _looks_like_year(m: re.Match, value: float) -> bool:
    return (not m.group("unit") and not m.group("cur") and not m.group("scale")
            and 1900 <= value <= 2100 and float(value).is_integer() and "," not in m.group("num"))


def find_quantities(article: Article) -> list[Quantity]:
    text = article.text
    out: list[Quantity] = []
    last_end = 0
    for m in QUANTITY_RE.finditer(text):
        if m.start("num") < last_end:  # the second unit of a pair already read
            continue
        value = _number(m.group("num"))
        if value is None or _looks_like_year(m, value):
            continue
        # Skip parts of dates and times ("July 18", "17:52", "2023-07-28").
        before, after = text[max(0, m.start("num") - 1):m.start("num")], text[m.end("num"):m.end("num") + 1]
        if before in "-:/" and before or after in (":", "/") or (after == "-" and not m.group("unit")):
            continue
        if re.search(r"(January|February|March|April|May|June|July|August|September|October|"
                     r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.?\s*$",
                     text[max(0, m.start() - 12):m.start("num")]):
            continue
        scale = (m.group("scale") or "").lower()
        unit_s = (m.group("unit") or "").lower()
        if scale in ("m", "b", "k") and not (m.group("cur") or m.group("curword")):
            # "5m" is five metres unless money; "5k" ambiguous: treat k as thousand.
            if scale == "m":
                unit_s, scale = "m", ""
            elif scale == "b":
                continue
        if scale:
            value *= SCALES[scale]
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        if not m.group("unit") and not m.group("cur") and not m.group("curword"):
            end = m.end("scale") if m.group("scale") else m.end("num")
        hedge = (m.group("hedge") or "").lower() or None
        if m.group("num").lower() in ("dozens", "hundreds", "thousands"):
            hedge = hedge or m.group("num").lower()
        q = Quantity(text=text[start:end], start=start, end=end, input_start=0, input_end=0,
                     value=value, approx=hedge)
        if m.group("cur") or m.group("curword"):
            q.kind = "money"
            q.unit = CURRENCIES.get(m.group("cur") or "", None) or CURRENCY_WORDS.get(
                (m.group("curword") or "").lower())
            q.base_value, q.base_unit = value, q.unit
        elif unit_s:
            unit, kind, factor, base = UNITS[unit_s]
            q.unit, q.kind, q.base_value, q.base_unit = unit, kind, value * factor, base
            pair = PAIR_RE.match(text, end)
            if pair and pair.group("unit").lower() in UNITS:
                u2, k2, f2, _ = UNITS[pair.group("unit").lower()]
                v2 = float(pair.group("num").replace(",", ""))
                if k2 == kind:
                    b1, b2 = q.base_value, v2 * f2
                    q.agrees = abs(b1 - b2) <= PAIR_TOLERANCE * max(b1, b2)
                    q.end = pair.end()
                    q.text = text[start:q.end]
        else:
            people = _PEOPLE_AFTER.match(text, end)
            if people:
                q.kind = PEOPLE_KINDS[people.group("what").lower()]
                q.unit, q.base_value, q.base_unit = "people", value, "people"
                q.subject = people.group(0).strip()
            else:
                q.kind, q.base_value = "count", value
        last_end = q.end
        span = article.span(q.start, q.end)
        q.input_start, q.input_end = span.input_start, span.input_end
        out.append(q)
    return out


def quantities(article: Article) -> Article:
    article.quantities = find_quantities(article)
    return article


quantities_stage = article_stage("quantities", needs={"text"}, adds={"quantities"})(quantities)
