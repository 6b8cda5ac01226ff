"""Quantities: numbers with units and what they measure, converted to base units.

Rules over the clean text (language-specific patterns live here, behind this module's seam).
Handles "110km (68 miles)" as one value in two units and checks that they agree within rounding,
hedges ("about", "some", "more than", "at least", "up to") as ``approx``, written numbers
("two", "dozens"), and counts of people by what happened to them (killed, wounded, displaced).
"""

from __future__ import annotations

import re

from ..model import Article, Quantity
from ..lang import PIPELINE_LANGUAGES
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
#: Currencies named by a modifier and a word ("30,000 Egyptian pounds" is not sterling). Other
#: modified names keep the phrase as their unit, so they are never compared with a bare currency.
MODIFIED_CURRENCIES = {"egyptian pounds": "EGP", "lebanese pounds": "LBP", "syrian pounds": "SYP",
                       "sudanese pounds": "SDG", "british pounds": "GBP", "pounds sterling": "GBP",
                       "us dollars": "USD", "u.s. dollars": "USD", "american dollars": "USD",
                       "canadian dollars": "CAD", "australian dollars": "AUD",
                       "hong kong dollars": "HKD", "new zealand dollars": "NZD",
                       "singapore dollars": "SGD", "taiwan dollars": "TWD",
                       "zimbabwe dollars": "ZWL", "mexican pesos": "MXN", "indian rupees": "INR"}
_CUR_MOD = re.compile(r"\s+(?P<mod>(?:U\.S\.|[A-Z][a-z]+)(?:\s+[A-Z][a-z]+)?)\s+"
                      r"(?P<word>pounds|dollars|pesos|rupees|francs|dinars|riyals|shillings|"
                      r"crowns|kronor|krone|rand|lira|liras)\b")
SCALES = {"thousand": 1e3, "k": 1e3, "million": 1e6, "m": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
          "b": 1e9, "trillion": 1e12, "tn": 1e12}
WORD_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
                "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
                "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "a dozen": 12,
                "dozens": 24, "hundreds": 200, "thousands": 2000, "millions": 2e6,
                "billions": 2e9, "tens of thousands": 20000, "hundreds of thousands": 200000,
                "a hundred": 100, "a thousand": 1000}
#: Plural round numbers that stand for a vague amount; the value is a floor-ish guess (twice
#: the unit) and ``approx`` keeps the word so nothing downstream takes it as exact.
VAGUE_NUMBERS = {"dozens", "hundreds", "thousands", "millions", "billions", "tens of thousands",
                 "hundreds of thousands"}
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
#: Verbs before a count of people that say what happened to them ("displacing thousands").
PEOPLE_VERBS = {"killing": "killed", "wounding": "wounded", "injuring": "wounded",
                "displacing": "displaced", "evacuating": "displaced", "arresting": "arrested",
                "detaining": "arrested", "capturing": "captured", "killed": "killed",
                "wounded": "wounded", "injured": "wounded", "displaced": "displaced"}
_PEOPLE_BEFORE = re.compile(r"\b(" + "|".join(PEOPLE_VERBS) + r")\s+(?:(?:at least|more than|about|"
                            r"some|nearly|over|an estimated|up to|around)\s+)?$", re.I)
#: Possessive ``\s++``/``\s*+`` where blanks are followed by a word or a bracket: nothing is
#: ever given back, so a long run of blanks costs one pass.
_VAGUE_MONEY = re.compile(r"\s++of\s++(dollars|pounds|euros|hryvnias|roubles|rubles)\b", re.I)
# "110km (68 miles)": a value followed by the same value in another unit, in brackets.
PAIR_RE = re.compile(rf"\s*+\(\s*+(?P<num>{_NUM})\s?(?P<unit>{_UNIT_RE})\s*\)", re.IGNORECASE)
_PEOPLE_AFTER = re.compile(
    r"\s++(?:(?:people|civilians|soldiers|troops|children|persons|residents|others|migrants|"
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
            and 1900 <= value <= 2100 and float(value).is_integer() and "," not in m.group("num")
            and m.group("num").isdigit())


_MONTH_BEFORE = re.compile(r"(?:January|February|March|April|May|June|July|August|September|"
                           r"October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|"
                           r"Nov|Dec)\.?\s*$")
_MONTH_AFTER = re.compile(r"^(?:st|nd|rd|th)?\s+(?:of\s+)?(?:January|February|March|April|May|June|"
                          r"July|August|September|October|November|December|Jan|Feb|Mar|Apr|"
                          r"Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\b")
_ORDINAL_AFTER = re.compile(r"^(?:st|nd|rd|th)\b", re.I)
_CLOCK_AFTER = re.compile(r"^\s?(?:a\.?m\.?|p\.?m\.?|gmt|bst|utc|cet|edt|est|pdt|o'clock|hrs?\b|h\b)",
                          re.I)
_AGE_AFTER = re.compile(r"^[\s-]*(?:years?|yrs?|months?)?[\s-]*old\b|^[\s-]*years? of age\b", re.I)
_AGE_BEFORE = re.compile(r"\b(?:aged|age|ages)\s+$", re.I)
_DECADE_AFTER = re.compile(r"^['’]?s\b")


def _skip(text: str, m: re.Match, value: float) -> str | None:
    """Why a number is not a quantity (a date, time, ordinal, age or year), else None."""
    ns, ne = m.start("num"), m.end("num")
    before, after = text[max(0, ns - 1):ns], text[ne:ne + 1]
    if _looks_like_year(m, value):
        return "year"
    if before and before in "-:/" and not m.group("cur") or after in (":", "/") \
            or (after == "-" and not m.group("unit") and text[ne + 1:ne + 2].isdigit()):
        return "date or time"
    if _MONTH_BEFORE.search(text[max(0, ns - 12):ns]) or _MONTH_AFTER.match(text[ne:ne + 16]):
        return "date"
    if _ORDINAL_AFTER.match(text[ne:ne + 3]):
        return "ordinal"
    if not m.group("unit") and _CLOCK_AFTER.match(text[ne:ne + 8]):
        return "time"
    if _AGE_AFTER.match(text[ne:ne + 20]) and not m.group("cur") or _AGE_BEFORE.search(
            text[max(0, ns - 8):ns]):
        return "age"
    if _DECADE_AFTER.match(text[ne:ne + 3]):
        return "decade"
    if before.isalpha() and not m.group("cur"):
        return "name"  # part of a name or model: "PS4", "MH17", "G7"
    return None


def _span(doc, start: int, end: int):
    """The parse's tokens over characters ``start``-``end`` (widened to whole tokens), or None."""
    return None if doc is None else doc.char_span(start, end, alignment_mode="expand")


def _identifier(doc, start: int, end: int) -> bool:
    """A bare number right after its noun names one thing rather than counting: "Update 5.50",
    "Flight 17", "Chapter 11" (a count comes before its noun: "25 people")."""
    span = _span(doc, start, end)
    if span is None:
        return False
    tok = span.root
    return (tok.dep_ in ("nummod", "appos", "npadvmod") and tok.head.i == span.start - 1
            and tok.head.pos_ in ("NOUN", "PROPN"))


def _subject_of(doc, start: int, end: int) -> str | None:
    """What a bare number counts: the noun it modifies ("two Ukrainian infantry fighting
    vehicles" -> "Ukrainian infantry fighting vehicles"), or the noun after "of"."""
    span = _span(doc, start, end)
    if span is None:
        return None
    tok = span[-1]
    head = tok.head if tok.dep_ in ("nummod", "quantmod", "compound") else None
    if head is None and tok.i + 2 < len(doc) and doc[tok.i + 1].lower_ == "of":
        objs = [c for c in doc[tok.i + 1].children if c.dep_ == "pobj"]
        head = objs[0] if objs else None
    if head is None or head.pos_ not in ("NOUN", "PROPN") or head.i < tok.i:
        return None
    words = [t for t in head.subtree if tok.i < t.i <= head.i and t.dep_ != "punct"]
    return " ".join(t.text for t in words) or None


def find_quantities(article: Article, doc=None) -> list[Quantity]:
    text = article.text
    out: list[Quantity] = []
    last_end = 0
    for m in QUANTITY_RE.finditer(text):
        if m.start("num") < last_end:  # the second unit of a pair already read
            continue
        value = _number(m.group("num"))
        if value is None or _skip(text, m, value):
            continue
        scale = (m.group("scale") or "").lower()
        unit_s = (m.group("unit") or "").lower()
        money = bool(m.group("cur") or m.group("curword"))
        if scale in ("m", "b", "k") and not money:
            # "5m" is five metres unless money; "5b" is not a quantity; "5k" is five thousand.
            if scale == "m":
                unit_s, scale = "m", ""
            elif scale == "b":
                continue
        if scale:
            value *= SCALES[scale]
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        if not m.group("unit") and not money:
            end = m.end("scale") if m.group("scale") else m.end("num")
        hedge = (m.group("hedge") or "").lower() or None
        if m.group("num").lower() in VAGUE_NUMBERS:
            hedge = hedge or m.group("num").lower()
        word_number = not re.match(r"\d", m.group("num"))
        q = Quantity(text=text[start:end], start=start, end=end, input_start=0, input_end=0,
                     value=value, approx=hedge)
        modified = None if money or unit_s else _CUR_MOD.match(text, end)
        if modified:  # "30,000 Egyptian pounds": the currency is the modifier's
            money = True
            phrase = f"{modified.group('mod')} {modified.group('word')}".lower()
            end = modified.end()
            q.end, q.text = end, text[start:end]
        if money:
            q.kind = "money"
            q.unit = CURRENCIES.get(m.group("cur") or "", None) or CURRENCY_WORDS.get(
                (m.group("curword") or "").lower())
            if modified:
                q.unit = MODIFIED_CURRENCIES.get(phrase, phrase)
            q.base_value, q.base_unit = value, q.unit
        elif unit_s:
            unit, kind, factor, base = UNITS[unit_s]
            q.unit, q.kind, q.base_value, q.base_unit = unit, kind, value * factor, base
            _read_pair(text, q, kind)
        else:
            vague_money = _VAGUE_MONEY.match(text, end)
            people = _PEOPLE_AFTER.match(text, end)
            if vague_money:
                q.kind, q.unit = "money", CURRENCY_WORDS[vague_money.group(1).lower()]
                q.base_value, q.base_unit = value, q.unit
                q.end = vague_money.end()
                q.text = text[start:q.end]
            elif people:
                q.kind = PEOPLE_KINDS[people.group("what").lower()]
                q.unit, q.base_value, q.base_unit = "people", value, "people"
                q.subject = people.group(0).strip()
            else:
                if _identifier(doc, start, end):
                    continue
                q.kind, q.base_value = "count", value
                q.subject = _subject_of(doc, start, end)
                if word_number and (q.subject is None or text.startswith(" of ", end)
                                    and value == 1):
                    continue  # "one of the most difficult": a pronoun, not a count
                before = _PEOPLE_BEFORE.search(text, max(0, start - 40), start)
                if before:
                    q.kind = PEOPLE_VERBS[before.group(1).lower()]
                    q.unit, q.base_unit = "people", "people"
        if q.kind != "count" and q.subject is None and q.kind not in PEOPLE_KINDS.values():
            q.subject = _measured(doc, q.start, q.end) if q.kind in ("money", "percent") else None
        q.variable = (q.kind if q.kind in PEOPLE_KINDS.values() else
                      _variable(doc, q.start, q.end))
        last_end = q.end
        span = article.span(q.start, q.end)
        q.input_start, q.input_end = span.input_start, span.input_end
        out.append(q)
    return out


def _read_pair(text: str, q: Quantity, kind: str) -> None:
    """"110km (68 miles)": read the second unit and check that both agree within rounding."""
    pair = PAIR_RE.match(text, q.end)
    if not pair or pair.group("unit").lower() not in UNITS:
        return
    _, k2, f2, _ = UNITS[pair.group("unit").lower()]
    if k2 != kind or q.base_value is None:
        return
    v2 = float(pair.group("num").replace(",", "")) * f2
    q.agrees = abs(q.base_value - v2) <= PAIR_TOLERANCE * max(q.base_value, v2)
    q.end = pair.end()
    q.text = text[q.start:q.end]


#: Words after a distance that make it a bearing from a place ("200km east of Bucharest").
_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast",
                         "southwest", "north-east", "north-west", "south-east", "south-west",
                         "outside", "from", "away"})
_MOD_DEPS = ("amod", "compound", "nmod", "poss")
_SKIP_MODS = frozenset({"more", "less", "total", "several", "about", "some", "least", "nearly",
                        "almost"})
#: Modifiers that pick out another member or another version of what is counted ("five other
#: defendants" are not the 25 defendants; "its initial offer of $70" is not the new one): two
#: values measure one variable only when these agree.
CONTRAST_MODS = frozenset({"other", "another", "additional", "remaining", "further", "initial",
                           "previous", "earlier", "original", "former", "prior", "new", "latest",
                           "final", "last", "first", "second", "third"})


def _noun_key(tok, inside: range = range(0)) -> str:
    """"fund|counter,drug": a noun's lemma and the lemmas of the content words before it in
    its phrase (not numbers, not words of amount, none of the value's own words: "as many as
    1.5 million women" measures 'woman')."""
    mods = sorted({w.lemma_.lower() for w in tok.subtree if w.i < tok.i and w.is_alpha
                   and w.i not in inside
                   and w.pos_ in ("ADJ", "NOUN", "PROPN", "VERB")
                   and w.lemma_.lower() not in _SKIP_MODS})
    return tok.lemma_.lower() + ("|" + ",".join(mods) if mods else "")


def _variable(doc, start: int, end: int) -> str | None:
    """What a value measures, from the dependency parse: the noun it counts or is the amount of
    ("23 executive actions" -> 'action|executive'; "an altitude of 2,300 miles" -> 'altitude';
    "$2.5 billion in counter-drug funds" -> 'fund|counter,drug'), a bearing from a place
    ("200km east of Bucharest" -> 'east of bucharest'), or the verb it is the object of ("cut
    $716 billion" -> 'cut'). None when the parse says nothing."""
    span = _span(doc, start, end)
    if span is None:
        return None
    root = span.root
    inside = range(span.start, span.end)
    # the amount of a noun after it: "$2.5 billion in counter-drug funds", "24 percent of donors"
    for t in span:
        for p in t.children:
            if p.i not in inside and p.dep_ == "prep" and p.lower_ in ("of", "in", "for", "on"):
                obj = next((c for c in p.children if c.dep_ == "pobj"), None)
                if obj is not None and obj.pos_ in ("NOUN", "PROPN"):
                    return _noun_key(obj, inside)
    head = root.head
    if root.dep_ in ("nummod", "quantmod", "compound", "amod", "nmod") and head.pos_ in (
            "NOUN", "PROPN") and head.i not in inside:
        return _noun_key(head, inside)
    if root.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in ("NOUN", "PROPN"):
        return _noun_key(head.head, inside)  # "an altitude of 2,300 miles"
    near = [head, *span, *root.children]
    dirn = next((c for c in near if c.lower_ in _DIRECTIONS), None)
    if dirn is not None:
        prep = next((c for c in dirn.children if c.dep_ == "prep"), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep else None
        if obj is not None:
            return f"{dirn.lower_} of {obj.text.lower()}"
    if root.dep_ in ("dobj", "attr", "npadvmod", "nsubj", "nsubjpass") and head.pos_ in (
            "VERB", "AUX") and head.lemma_ != "be":
        return head.lemma_.lower()
    return None


def _measured(doc, start: int, end: int) -> str | None:
    """What a sum or share is of: "24 percent of Hillary Clinton's contributors"."""
    span = _span(doc, start, end)
    if span is None or span.end + 1 >= len(doc) or doc[span.end].lower_ not in ("of", "in", "for"):
        return None
    objs = [c for c in doc[span.end].children if c.dep_ == "pobj"]
    if not objs:
        return None
    words = [t for t in objs[0].subtree if t.dep_ not in ("relcl", "punct")][:8]
    return " ".join(t.text for t in words) or None


def quantities(article: Article) -> Article:
    from .annotate import parse

    article.quantities = find_quantities(article, parse(article))
    return article


quantities_stage = article_stage("quantities", needs={"text"}, adds={"quantities"},
                                 languages=PIPELINE_LANGUAGES)(quantities)
