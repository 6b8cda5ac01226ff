"""The comparisons behind a claim group's verdict: values, dates, places and attribution.

Each ``compare_*`` takes the group's directly aligned pairs of members from different
independent sources (``[((claim, article), (claim, article))]``; members linked only through a
chain of alignments are never compared) and the story, and returns
``(verdict, rule, summary, compared, values)`` for the first conflict or difference it finds, or
None.
"""

from __future__ import annotations

import re
from datetime import date
from itertools import combinations

from ..model import Article, Claim, Compared, Place, Quantity, Story, Verdict
from ..nlp.annotate import strip_title
from ..nlp.quantities import CONTRAST_MODS
from ..nlp.timenorm import value_days
from .lexicon import MODALS, pole
from .parties import named, party_of, same_party

#: Relative difference under which two values of one kind count as the same (rounding).
VALUE_TOLERANCE = 0.07
#: Hedges under which a stated value is a bound or an estimate, not an exact figure.
LOWER_BOUND = {"more than", "over", "at least", "just over", "dozens of", "hundreds of",
               "thousands of", "dozens", "hundreds", "thousands"}
UPPER_BOUND = {"up to", "fewer than", "less than", "under", "as many as", "nearly", "almost",
               "just under", "close to"}
#: Nouns that make a phrase name an acting party (for attribution): people and bodies.
AGENT_NOUNS = frozenset({"official", "officials", "president", "minister", "spokesman",
                         "spokeswoman", "spokesperson", "army", "military", "ministry",
                         "government", "police", "commander", "general", "soldier", "soldiers",
                         "governor", "mayor", "agency", "office", "source", "sources",
                         "leader", "aide", "adviser", "advisor", "chief", "head"})

#: Predicates of publishing and stating: "tweeted a video" and "posted the video" are one act.
PUBLISH_LEMMAS = frozenset({"tweet", "post", "publish", "release", "share", "upload", "issue",
                            "say", "announce", "state", "write", "broadcast", "air", "show"})

Found = tuple[Verdict, str, str, list[Compared], list[str]]


def source_key(article: Article, story: Story) -> str:
    """Independent-source identity: the outlet, with wire copies and the original they reprint
    folded into one source."""
    root = story.copies.get(article.id) or article.copy_of or article.id
    if root != article.id or article.id in set(story.copies.values()):
        return f"copy:{root}"
    return article.outlet or article.id


def claim_source(claim: Claim, article: Article, story: Story) -> str:
    """Independent-source identity of one claim: the news organisation whose reporting the
    article relays for it (``Claim.relayed_from``), else the article's source."""
    if claim.relayed_from:
        return "relay:" + re.sub(r"[^a-z]", "", claim.relayed_from.lower())
    return source_key(article, story)


def source_labels(members: list[tuple[Claim, Article]], story: Story) -> list[str]:
    """Readable names of the independent sources among ``members``: the outlet, and for a wire
    copy the outlet that published first with the number of reprints."""
    by_key: dict[str, list[Article]] = {}
    for _, a in members:
        group = by_key.setdefault(source_key(a, story), [])
        if all(x.id != a.id for x in group):
            group.append(a)
    out = []
    for key, arts in by_key.items():
        arts.sort(key=lambda a: (a.published is None, str(a.published), a.id))
        name = arts[0].outlet or arts[0].id
        if key.startswith("copy:") and len(arts) > 1:
            name += f" (and {len(arts) - 1} reprint{'s' if len(arts) > 2 else ''})"
        out.append(name)
    return sorted(out)


Member = tuple[Claim, Article]
Pair = tuple[Member, Member]


def independent_pairs(members: list[Member], story: Story,
                      linked: set[frozenset[str]] | None = None) -> list[Pair]:
    """Pairs of members from different independent sources, directly aligned when ``linked``
    (a set of claim-id pairs) is given."""
    out = []
    for (c1, a1), (c2, a2) in combinations(members, 2):
        if claim_source(c1, a1, story) == claim_source(c2, a2, story):
            continue
        if linked is not None and frozenset((c1.id, c2.id)) not in linked:
            continue
        out.append(((c1, a1), (c2, a2)))
    return out


def _compared(c: Claim, a: Article, value: str | None) -> Compared:
    return Compared(source=a.source_ref(c.span.start, c.span.end), value=value,
                    asserted_by=c.asserted_by)


# -- numbers -------------------------------------------------------------------------------

def _hedge_allows(q1: Quantity, q2: Quantity) -> bool:
    """Whether a hedged value covers the other ("more than 10" and 12)."""
    for a, b in ((q1, q2), (q2, q1)):
        if a.approx in LOWER_BOUND and (b.base_value or 0) >= (a.base_value or 0):
            return True
        if a.approx in UPPER_BOUND and (b.base_value or 0) <= (a.base_value or 0):
            return True
    return False


def _close(q1: Quantity, q2: Quantity, tol: float) -> bool:
    b1, b2 = q1.base_value or 0.0, q2.base_value or 0.0
    return abs(b1 - b2) <= tol * max(abs(b1), abs(b2), 1e-9)


#: Hedges that make a number a vague amount ("billions of dollars", "dozens"): an open bound,
#: never a value to compare.
VAGUE = frozenset({"dozens", "hundreds", "thousands", "millions", "billions", "trillions",
                   "tens of thousands", "hundreds of thousands", "dozens of", "hundreds of",
                   "thousands of", "several", "a few"})


def same_variable(v1: str | None, v2: str | None) -> bool:
    """Whether two quantities' variables (``Quantity.variable``: 'fund|counter,drug') are one:
    the same head lemma, and the modifiers of one contained in the other's ("funds" and
    "counter-drug funds" may be one; "counter-drug funds" and "military construction funds"
    are not)."""
    if not v1 or not v2:
        return False
    h1, _, m1 = v1.partition("|")
    h2, _, m2 = v2.partition("|")
    if h1 != h2:
        return False
    s1, s2 = set(filter(None, m1.split(","))), set(filter(None, m2.split(",")))
    if s1 & CONTRAST_MODS != s2 & CONTRAST_MODS:
        return False
    return s1 <= s2 or s2 <= s1


def _same_thing(q1: Quantity, q2: Quantity) -> bool:
    """Two values measure one variable: one kind, one base unit (never two currencies), neither
    a vague amount, and the same variable read from the parse."""
    if q1.kind != q2.kind or q1.base_value is None or q2.base_value is None:
        return False
    if q1.base_unit != q2.base_unit or q1.approx in VAGUE or q2.approx in VAGUE:
        return False
    return same_variable(q1.variable, q2.variable)


def _times_apart(c1: Claim, c2: Claim) -> bool:
    """Both claims are dated to different days (or one date not containing the other): two
    figures at different times are not one value."""
    t1, t2 = _one_time(c1), _one_time(c2)
    return bool(t1 and t2 and t1 != t2 and not _contains(t1, t2) and not _contains(t2, t1))


#: Articles published more than this many days apart may report a figure at different times
#: (a toll that rises, a bid that is raised); one day covers time zones and late editions.
REPORTED_DAYS_APART = 1


def _days_apart(c1: Claim, a1: Article, c2: Claim, a2: Article) -> int | None:
    """Days between the two articles' publication when neither claim dates its figure and they
    are more than ``REPORTED_DAYS_APART`` apart, else None: then each figure may have held on
    its own day."""
    if _one_time(c1) or _one_time(c2):
        return None
    d1, d2 = a1.published_date(), a2.published_date()
    days = abs((d1 - d2).days) if d1 and d2 else 0
    return days if days > REPORTED_DAYS_APART else None


#: A figure dated this many days or more before the publication of an article that gives the
#: same variable undated may describe an earlier state of it (a bid later raised, a toll that
#: rose). A year: a figure dated a season before may still be the other's subject ("in
#: December, ... 50,000 pages ... were delivered" against "had received 55,000 pages" in
#: March, which differ; a month lost that difference on half A of the gold).
DATED_BEFORE_DAYS = 365


def _dated_apart(c1: Claim, a1: Article, c2: Claim, a2: Article) -> str | None:
    """When one claim dates its figure to a time of day and the other does not date its own, the
    first is a reading at that moment ("fell 1.5 percent to $65.09 at 9:34 a.m." / "shares fell
    6.6%" in an afternoon article; a toll "by 9 a.m."), which the other need not share. So is a
    figure dated ``DATED_BEFORE_DAYS`` or more before the other article was published ("made
    its $38 billion bid in October 2016" / "Qualcomm's $47 billion bid" in February 2018: the
    bid was raised). Returns the dated claim's time, else None. A figure dated to a recent day
    or month against an undated one is still compared: an undated figure of a past event is no
    reading at publication ("in December, ... 50,000 pages ... were delivered" / "it had
    received 55,000 pages")."""
    for (dated, _), (undated, ua) in (((c1, a1), (c2, a2)), ((c2, a2), (c1, a1))):
        t = _one_time(dated)
        if t is None or undated.times:
            continue
        if "T" in t:
            return t
        days, published = value_days(t), ua.published_date()
        if days is not None and published is not None and (
                published - days[1]).days >= DATED_BEFORE_DAYS:
            return t
    return None


def _accounted(q: Quantity, other: Claim) -> bool:
    """Whether the other claim states this very figure (same kind and unit, within rounding),
    whatever it says it measures: "a hit of as much as $20 billion, while Bank of America will
    take a $3 billion charge" / "a $20 billion charge" state one figure; the $3 billion is
    another firm's."""
    return any(o.kind == q.kind and (o.base_unit or o.unit) == (q.base_unit or q.unit)
               and _close(q, o, VALUE_TOLERANCE) for o in other.values)


#: Scale words for large normalised values, as a reader writes them ("38 billion USD").
_SCALE_WORDS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))


def _number(x: float) -> str:
    """A normalised value as a reader writes it: scale words for millions and more, thousands
    separated, four significant digits at most before a scale word ("38 billion", "145.5 million",
    "23,000", "6.6")."""
    for size, word in _SCALE_WORDS:
        if abs(x) >= size:
            return f"{x / size:.4g} {word}"
    if abs(x) >= 1000 and float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:g}"


def _fmt(q: Quantity) -> str:
    if q.base_unit == "m" and q.base_value is not None and abs(q.base_value) >= 1000:
        return f"{_number(q.base_value / 1000)} km"
    return f"{_number(q.base_value)} {q.base_unit or ''}".strip()


def compare_values(pairs: list[Pair], story: Story) -> Found | None:
    """Numbers of the same kind about the same thing that differ beyond rounding."""
    best = None
    for (c1, a1), (c2, a2) in pairs:
        if _times_apart(c1, c2):
            continue
        for q1 in c1.values:
            for q2 in c2.values:
                if not _same_thing(q1, q2) or _accounted(q1, c2) or _accounted(q2, c1):
                    continue
                tol = VALUE_TOLERANCE * (3 if (q1.approx or q2.approx) else 1)
                if _close(q1, q2, tol):
                    continue
                kind = "compatible" if _hedge_allows(q1, q2) else "contradicted"
                if kind == "contradicted" and _days_apart(c1, a1, c2, a2):
                    kind = "days-apart"
                elif kind == "contradicted" and _dated_apart(c1, a1, c2, a2):
                    kind = "dated-apart"
                if best is None or (best[0] != "contradicted" and kind == "contradicted"):
                    best = (kind, (c1, a1, q1), (c2, a2, q2))
    if best is None:
        return None
    kind, (c1, a1, q1), (c2, a2, q2) = best
    tol = VALUE_TOLERANCE * (3 if (q1.approx or q2.approx) else 1)
    p1, p2 = party_of(c1, a1), party_of(c2, a2)
    compared = [_compared(c1, a1, _fmt(q1)), _compared(c2, a2, _fmt(q2))]
    head = (f"{a1.id} [{c1.span.start}:{c1.span.end}] gives {q1.text!r} ({_fmt(q1)}) and "
            f"{a2.id} [{c2.span.start}:{c2.span.end}] gives {q2.text!r} ({_fmt(q2)}) for the "
            f"same {q1.kind}")
    if kind == "contradicted" and p1 and p2 and p1 != p2:
        return (Verdict.contested, "parties-give-different-values",
                head + f"; each figure comes from a party to the event ({c1.asserted_by}, {p1}; "
                f"{c2.asserted_by}, {p2}).", compared, [q1.text, q2.text])
    if kind == "contradicted":
        hedges = [q.approx for q in (q1, q2) if q.approx]
        why = (f"they differ by more than {tol:.0%}, beyond what "
               f"{' and '.join(repr(h) for h in dict.fromkeys(hedges))} "
               f"{'allow' if len(set(hedges)) > 1 else 'allows'}"
               if hedges else f"they differ by more than {tol:.0%} and neither is hedged")
        return (Verdict.contradicted, "values-differ",
                head + f"; {why}, so they cannot both hold.", compared, [q1.text, q2.text])
    if kind == "dated-apart":
        return (Verdict.compatible, "figure-dated-apart",
                head + f"; one figure is dated {_dated_apart(c1, a1, c2, a2)}, the other is not "
                "and stands as of its article's publication, so each may have held at its own "
                "time.", compared, [q1.text, q2.text])
    if kind == "days-apart":
        return (Verdict.compatible, "figures-reported-days-apart",
                head + f"; the articles were published {_days_apart(c1, a1, c2, a2)} days apart "
                "and neither dates its figure, so each may have held when it was reported.",
                compared, [q1.text, q2.text])
    return (Verdict.compatible, "hedged-value-covers-other",
            head + "; the hedged figure allows the other.", compared, [q1.text, q2.text])


# -- dates ---------------------------------------------------------------------------------

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _contains(coarse: str, fine: str) -> bool:
    """Whether a TimeML value contains another ("2023-07" contains "2023-07-27"; "2023-W30"
    contains the days of that ISO week)."""
    if fine.startswith(coarse) and len(coarse) < len(fine):
        return True
    m = re.match(r"^(\d{4})-W(\d{2})$", coarse)
    if m and _DAY.match(fine):
        y, w, _ = date.fromisoformat(fine).isocalendar()
        return (y, w) == (int(m.group(1)), int(m.group(2)))
    return False


#: A part of a day (TimeML's fuzzy MO, AF, EV, NI): "Thursday night".
_PART_OF_DAY = re.compile(r"^(\d{4}-\d{2}-\d{2})T(?:MO|AF|EV|NI)$")


def _one_time(c: Claim, days: bool = False) -> str | None:
    """The claim's one dated time; with ``days``, a part of a day read as its day (what
    :func:`compare_times` compares: "Friday afternoon" against "on Friday" is no difference a
    reader needs)."""
    vals = sorted({_PART_OF_DAY.sub(r"\1", t) if days else t
                   for t in c.times if re.match(r"^\d{4}", t)})
    return vals[0] if len(vals) == 1 else None


def compare_times(pairs: list[Pair], story: Story) -> Found | None:
    """Different day-precise dates for one event, or a vaguer time containing a date."""
    found = None
    for (c1, a1), (c2, a2) in pairs:
        t1, t2 = _one_time(c1, days=True), _one_time(c2, days=True)
        if not t1 or not t2 or t1 == t2:
            continue
        compared = [_compared(c1, a1, t1), _compared(c2, a2, t2)]
        if _contains(t1, t2) or _contains(t2, t1):
            coarse, fine = (t1, t2) if _contains(t1, t2) else (t2, t1)
            found = found or (Verdict.compatible, "vaguer-time-contains-date",
                              f"{a1.id} dates it {t1} and {a2.id} {t2}: {coarse} contains {fine}, "
                              "so the vaguer time allows the more specific one.", compared,
                              [t1, t2])
        elif _DAY.match(t1) and _DAY.match(t2) and c1.predicate == c2.predicate:
            return (Verdict.contradicted, "dates-differ",
                    f"{a1.id} [{c1.span.start}:{c1.span.end}] dates it {t1} and {a2.id} "
                    f"[{c2.span.start}:{c2.span.end}] {t2}: different days for the same "
                    f"'{c1.predicate}' event.", compared, [t1, t2])
    return found


# -- places --------------------------------------------------------------------------------

def _place(article: Article, name: str) -> Place | None:
    return next((p for p in article.places if p.name == name), None)


def _within(inner: Place, outer: Place) -> bool:
    """Whether ``outer`` is the region or country that contains ``inner``."""
    names = {outer.name.lower()}
    return bool({(inner.admin1 or "").lower(), (inner.country or "").lower()} & names) or (
        outer.feature in ("country", "PCLI") and inner.country is not None
        and inner.country == outer.country and inner.name != outer.name)


#: A locative preposition, perhaps with an article and up to two modifiers, just before a
#: place's mention: "in Kherson", "off a Washington hotel", "near the eastern town of".
_LOCATIVE = re.compile(
    r"\b(?:in|at|near|outside|inside|across|off|around|from|into|through|throughout|within|"
    r"toward|towards|to|over|of)\s+(?:(?:the|a|an)\s+)?(?:[\w'’.-]+\s+){0,2}$", re.IGNORECASE)


def event_places(claim: Claim, article: Article) -> list[str]:
    """The places a claim locates something in: those mentioned in it after a locative
    preposition ("in Washington", "off a Washington hotel"). A place that only owns a thing or
    speaks ("America's problems", "Kyiv said") or heads a dateline locates nothing."""
    out = []
    for name in claim.places:
        place = _place(article, name)
        if place is None:
            continue
        if any(claim.span.start <= m.start < claim.span.end and _LOCATIVE.search(
                article.text[max(claim.span.start, m.start - 60):m.start]) for m in place.mentions):
            out.append(name)
    return out


def compare_places(pairs: list[Pair], story: Story) -> Found | None:
    """A region beside a town in it (compatible) or two places neither containing the other,
    each the one place a claim locates something in (:func:`event_places`)."""
    found = None
    for (c1, a1), (c2, a2) in pairs:
        l1, l2 = event_places(c1, a1), event_places(c2, a2)
        if len(l1) != 1 or len(l2) != 1 or l1 == l2:
            continue
        p1, p2 = _place(a1, l1[0]), _place(a2, l2[0])
        if p1 is None or p2 is None or (p1.geonames_id and p1.geonames_id == p2.geonames_id):
            continue
        compared = [_compared(c1, a1, p1.name), _compared(c2, a2, p2.name)]
        if _within(p1, p2) or _within(p2, p1):
            inner, outer = (p1, p2) if _within(p1, p2) else (p2, p1)
            found = found or (Verdict.compatible, "region-contains-place",
                              f"{a1.id} places it in {p1.name} and {a2.id} in {p2.name}: "
                              f"{inner.name} lies in {outer.name}, so both can hold.", compared,
                              [p1.name, p2.name])
        elif c1.predicate == c2.predicate:
            return (Verdict.contradicted, "places-differ",
                    f"{a1.id} [{c1.span.start}:{c1.span.end}] places the '{c1.predicate}' event in "
                    f"{p1.name} and {a2.id} [{c2.span.start}:{c2.span.end}] in {p2.name}; "
                    "neither contains the other.", compared, [p1.name, p2.name])
    return found


# -- attribution ---------------------------------------------------------------------------

def agent(claim: Claim, article: Article | None = None) -> str | None:
    """Who acted in the claim: the agent of a passive ("posted by X") or the active subject,
    when it names a party: a person or body (a person or organisation entity of ``article``, or
    a word like "official"), never a pronoun, a dateline ("BOSTON") or a place alone."""
    phrase = None
    if claim.object and claim.object.lower().startswith("by "):
        phrase = claim.object[3:]
    elif claim.subject:
        phrase = claim.subject
    if not phrase:
        return None
    # the party, without an appositive or relative clause ("the UN, which imposed ...")
    phrase = re.split(r"\s*[,(—–]\s*|\s+(?:which|who|whose)\s+", phrase)[0].strip()
    if not phrase:
        return None
    words = set(re.findall(r"[a-z]+", phrase.lower()))
    if phrase.isupper() or words <= _PRONOUN_SUBJECTS:
        return None
    named = [e for e in claim.entities if e.lower() in phrase.lower()]
    if article is not None:
        kinds = {e.name: e.type for e in article.entities}
        named = [e for e in named if kinds.get(e) in ("person", "organization")]
    if not (named or words & AGENT_NOUNS):
        return None
    return phrase


def theme_words(claim: Claim) -> set[str]:
    """Content words of what the claim is about besides its agent: the passive subject ("the
    video was posted by X") or the active object ("X tweeted a video")."""
    passive = bool(claim.object and claim.object.lower().startswith("by "))
    phrase = (claim.subject if passive else claim.object) or ""
    return {w for w in re.findall(r"[a-z]+", phrase.lower()) if len(w) > 3} - AGENT_NOUNS


def _same_agent(x: str, y: str) -> bool:
    """Whether two agent phrases may name one party: shared name words, or one is a definite
    description without a name ("the president", "the company"), which refers back to a party
    named elsewhere and so cannot be told apart from the other."""
    for phrase in (x, y):
        if re.match(r"(?i)the\s", phrase) and not any(w[:1].isupper() for w in phrase.split()[1:]):
            return True
    nx = set(re.findall(r"[a-z]+", strip_title(x).lower())) - {"the", "a", "an", "of"}
    ny = set(re.findall(r"[a-z]+", strip_title(y).lower())) - {"the", "a", "an", "of"}
    return bool(nx & ny - AGENT_NOUNS)


def attribution_conflict(pairs: list[Pair], story: Story) -> Found | None:
    """The same content (a shared theme) ascribed to different named agents: not a
    contradiction, since one may be the more specific ("a Ukrainian official" tweeted a video /
    the video was posted by "President Zelensky")."""
    for (c1, a1), (c2, a2) in pairs:
        same_act = c1.predicate == c2.predicate or (
            c1.predicate in PUBLISH_LEMMAS and c2.predicate in PUBLISH_LEMMAS)
        if not same_act:
            continue
        g1, g2 = agent(c1, a1), agent(c2, a2)
        if g1 and g2 and not _same_agent(g1, g2) and theme_words(c1) & theme_words(c2):
            return (Verdict.attribution_differs, "different-agents",
                    f"{a1.id} [{c1.span.start}:{c1.span.end}] ascribes it to {g1!r} and {a2.id} "
                    f"[{c2.span.start}:{c2.span.end}] to {g2!r}; the content agrees, so this is "
                    "a difference of attribution (one may be the more specific), not a "
                    "contradiction.", [_compared(c1, a1, g1), _compared(c2, a2, g2)], [g1, g2])
    return None


# -- negation ------------------------------------------------------------------------------

_NEG = r"(?:\bnot|n['’]t|\bnever|\bno\s+longer)"
_PRONOUN_SUBJECTS = frozenset({"i", "we", "you", "he", "she", "they", "it", "this", "that",
                               "who", "which", "one"})
#: Predicates too general for a negation to be compared (copulas and auxiliaries).
_LIGHT_VERBS = frozenset({"be", "have", "do", "become", "seem", "remain"})
_PREP = frozenset({"in", "on", "at", "of", "for", "from", "to", "by", "with", "near", "across"})
_DET = frozenset({"the", "a", "an", "its", "their", "this", "that", "all", "some"})


def subject_head(claim: Claim) -> str | None:
    """The head word of the claim's subject, lower case: "Shipping in the southern basin" ->
    "shipping" (the last word before a preposition, determiners dropped)."""
    if not claim.subject:
        return None
    words = []
    for w in re.findall(r"[A-Za-z][\w'-]*", claim.subject):
        if w.lower() in _PREP:
            break
        if w.lower() not in _DET:
            words.append(w.lower())
    return words[-1] if words else None


def _predicate_at(claim: Claim) -> re.Match | None:
    """The first word of the claim's text that starts like its predicate's lemma."""
    stem = re.escape((claim.predicate or "")[:4].lower())
    return re.search(rf"\b{stem}\w*", claim.text, re.I)


def predicate_negated(claim: Claim) -> bool:
    """Whether the claim's own predicate is negated ("was not interrupted"), not a word elsewhere
    in it ("..., which no one disputes")."""
    if not claim.predicate:
        return False
    if re.match(r"\s*(?:no|none of|neither)\b", claim.subject or "", re.I):
        return True  # "No date is set"
    first = _predicate_at(claim)
    if first is None:
        return False
    before = claim.text[max(0, first.start() - 30):first.start()]
    return bool(re.search(rf"{_NEG}\s*(?:\w+\s+){{0,2}}$", before, re.I))


def same_predicate(p1: str | None, p2: str | None) -> bool:
    """One predicate, or two on the same pole of a scale ("interrupt", "halt")."""
    if not p1 or not p2:
        return False
    if p1 == p2:
        return True
    a, b = pole(p1), pole(p2)
    return a is not None and a == b


def negation_conflict(c1: Claim, c2: Claim) -> bool:
    """One claim negates what the other asserts, of one subject with one predicate."""
    head = subject_head(c1)
    if (c1.predicate in _LIGHT_VERBS or c2.predicate in _LIGHT_VERBS or head is None
            or head in _PRONOUN_SUBJECTS or head != subject_head(c2)
            or not same_predicate(c1.predicate, c2.predicate)
            or predicate_negated(c1) == predicate_negated(c2)):
        return False
    if _picked(c1.subject) or _picked(c2.subject):
        return False
    neg, pos = (c1, c2) if predicate_negated(c1) else (c2, c1)
    # "The car will not go into orbit around Mars" / "... will go into orbit around the sun":
    # when the negated statement names what is not done, the other must not name something else.
    neg_tail = _tail_words(neg)
    return not neg_tail or _tail_words(pos) <= neg_tail


#: Words before a predicate that make it no statement of fact: a modal, a future or
#: conditional, an infinitive ("We must let ...", "not to let ...", "may not improve").
_UNASSERTED = re.compile(
    r"\b(?:" + "|".join(sorted(MODALS | {"cannot", "can['’]t", "couldn['’]t", "will", "won['’]t",
                                         "wouldn['’]t", "shall", "to"}))
    + r")\s+(?:\w+\s+){0,2}$", re.I)


def _asserted(claim: Claim) -> bool:
    """Whether a claim states its act as a fact: no hedge, no modal or infinitive before its
    predicate, and a subject that does not pick out some of a kind."""
    if claim.hedge or _picked(claim.subject) or not claim.predicate:
        return False
    m = _predicate_at(claim)
    return m is not None and not _UNASSERTED.search(claim.text[max(0, m.start() - 30):m.start()])


_FIRST_PERSON = frozenset({"we", "i", "us", "me"})


def party_negation(c1: Claim, c2: Claim) -> bool:
    """Two named parties, one negating the act the other asserts: one predicate (no copula or
    auxiliary), one side negated, both stated as fact (:func:`_asserted`), each credited to
    another named speaker ("Obama has cut $716 billion from Medicare," says an ad / "The
    savings ... do not cut a single guaranteed Medicare benefit," Smith said). The act may be
    told of its doer or of what it was done with, so the subjects are not compared: the
    similarity that links the two (``judge.PARTY_NEGATION_LINK``) makes them one question, and
    the verdict is the parties' dispute (``contested``), never a contradiction."""
    p1, p2 = named(c1), named(c2)
    if not p1 or not p2 or same_party(p1, p2):
        return False
    if c1.noun_phrase or c2.noun_phrase:
        # a description ("the ones who are not raiding Medicare") says what its noun is, not
        # what another party said was done
        return False
    for mine, other, speaker in ((c1, c2, p1), (c2, c1, p2)):
        if (mine.subject or "").strip().lower() in _FIRST_PERSON and not same_party(
                other.agent or other.subject or "", speaker):
            # a party telling of itself ("We're the ones who are not raiding Medicare,"
            # Ryan said) answers only what is said of it, not "Democrats had raided Medicare"
            return False
    if not c1.predicate or c1.predicate != c2.predicate or c1.predicate in _LIGHT_VERBS:
        return False
    return (predicate_negated(c1) != predicate_negated(c2)
            and _asserted(c1) and _asserted(c2))


#: Words by which a subject picks out some of a kind ("About 100 people", "these people",
#: "some ships"): "Some ships were inspected" and "Some ships were not inspected" may both hold.
_PICKING = frozenset({"these", "those", "this", "that", "some", "many", "few", "several",
                      "most", "dozens", "hundreds", "thousands", "about", "around", "nearly",
                      "almost", "roughly", "more", "fewer", "other", "another", "both"})


def _picked(subject: str | None) -> bool:
    """Whether a subject picks out some of a kind (a number, a quantifier, a demonstrative):
    "About 100 people were injured" / "These people are not injured" are not said of one
    subject."""
    words = re.findall(r"[\w']+", (subject or "").lower())
    return any(w in _PICKING or w.isdigit() for w in words)


def _tail_words(claim: Claim) -> set[str]:
    """Content words after the claim's predicate (its objects and complements)."""
    m = _predicate_at(claim)
    tail = claim.text[m.end():] if m else ""
    return {w for w in re.findall(r"[a-z]+", tail.lower()) if len(w) > 2} - _TAIL_STOP


_TAIL_STOP = frozenset({"the", "and", "for", "from", "into", "onto", "with", "its", "their",
                        "his", "her", "any", "that", "this", "was", "were", "has", "had",
                        "have", "been", "will", "would", "not", "but"})


def compare_negation(pairs: list[Pair], story: Story) -> Found | None:
    """"Shipping was not interrupted" / "Shipping ... was halted for six hours"."""
    for (c1, a1), (c2, a2) in pairs:
        if not negation_conflict(c1, c2):
            if party_negation(c1, c2):
                return _parties_negate(c1, a1, c2, a2)
            continue
        neg, pos = ((c1, a1), (c2, a2)) if predicate_negated(c1) else ((c2, a2), (c1, a1))
        compared = [_compared(neg[0], neg[1], f"not {neg[0].predicate}"),
                    _compared(pos[0], pos[1], pos[0].predicate)]
        p1, p2 = party_of(neg[0], neg[1]), party_of(pos[0], pos[1])
        head = (f"{neg[1].id} [{neg[0].span.start}:{neg[0].span.end}] negates "
                f"({neg[0].text!r}) what {pos[1].id} [{pos[0].span.start}:{pos[0].span.end}] "
                f"states ({pos[0].text!r}): one subject ('{subject_head(neg[0])}') and one "
                f"predicate ('{neg[0].predicate}'"
                + (f", '{pos[0].predicate}'" if pos[0].predicate != neg[0].predicate else "")
                + ")")
        values = [f"not {neg[0].predicate}", pos[0].predicate]
        if p1 and p2 and p1 != p2:
            return (Verdict.contested, "parties-negate-each-other",
                    head + f"; each comes from a party to the event ({p1}; {p2}).",
                    compared, values)
        return (Verdict.contradicted, "negation-differs",
                head + "; they cannot both hold.",
                compared, values)
    return None


def _parties_negate(c1: Claim, a1: Article, c2: Claim, a2: Article) -> Found:
    """The verdict on two named parties' opposite statements of one act (:func:`party_negation`)."""
    neg, pos = ((c1, a1), (c2, a2)) if predicate_negated(c1) else ((c2, a2), (c1, a1))
    by_neg, by_pos = named(neg[0]), named(pos[0])
    compared = [_compared(pos[0], pos[1], pos[0].predicate),
                _compared(neg[0], neg[1], f"not {neg[0].predicate}")]
    summary = (f"{by_pos} asserts it ({pos[1].id} [{pos[0].span.start}:{pos[0].span.end}]: "
               f"{pos[0].text!r}); {by_neg} negates it ({neg[1].id} "
               f"[{neg[0].span.start}:{neg[0].span.end}]: {neg[0].text!r}): one act "
               f"('{pos[0].predicate}'), stated as fact by one party and negated by the other. "
               "The outlets report a dispute between the parties; they do not contradict each "
               "other.")
    return (Verdict.contested, "parties-negate-each-other", summary, compared,
            [f"{by_pos}: {pos[0].predicate}", f"{by_neg}: not {neg[0].predicate}"])
