"""The content of a story's brief, computed once and rendered as Markdown or HTML.

A brief has: the sources; a consolidated account (the story's claims ranked by corroboration and
importance); what the sources agree on; what only one outlet says; what is disputed, with both
sides and why; who said what; a timeline; the places; the geography that does not check out, and
the geography that could not be checked.
Every line carries the source spans it rests on, so each renderer can cite them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from ..model import (
    Analysis,
    Article,
    Claim,
    GeoCheck,
    Place,
    SourceRef,
    Story,
    StoryClaim,
    Verdict,
)

#: Claims in the consolidated account. Six sentences read as a paragraph of a wire story's lead;
#: the sections below list everything else.
ACCOUNT_SIZE = 6
#: Ranking weights of a claim in the account, set by reading briefs of the seeds and the dev
#: stories: each extra independent source outweighs any content signal; being in an article's
#: lead, carrying numbers, places or dates, and being the outlet's own statement rather than a
#: quoted party's add a little each.
W_SOURCES = 2.0
W_LEAD = 1.0
W_VALUES = 0.5
W_PLACES = 0.4
W_TIMES = 0.3
W_ENTITIES = 0.1
W_OUTLET = 0.3
AGREED = {Verdict.corroborated, Verdict.compatible}
SINGLE = {Verdict.single_source}
DISPUTED = {Verdict.contradicted, Verdict.contested, Verdict.attribution_differs}
#: Geo check verdicts reported as geography that does not check out...
GEO_PROBLEMS = {"off"}
#: ...and as geography that could not be checked (a place has no known position).
GEO_UNCHECKED = {"unverifiable"}
QUOTE_MARKS = "\"'\u201c\u201d\u2018\u2019\u00ab\u00bb"
_DATE = re.compile(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?(?:T.*)?$")
_WEEK = re.compile(r"^(\d{4})-W(\d{2})")


@dataclass
class Line:
    """One cited statement: a claim, a quote, a time or a place."""

    text: str
    sources: list[SourceRef]
    verdict: str | None = None
    why: str | None = None
    sides: list[Side] = field(default_factory=list)
    outlets: list[str] = field(default_factory=list)
    independent_sources: int = 1
    claim_id: str | None = None


@dataclass
class Side:
    """One side of a dispute: who asserts what, where."""

    source: SourceRef
    value: str | None
    asserted_by: str | None


@dataclass
class QuoteLine:
    speaker: str
    text: str
    direct: bool
    source: SourceRef

    @property
    def display(self) -> str:
        """The words, in quotation marks when quoted directly (unless the span has its own)."""
        if not self.direct or self.text[:1] in QUOTE_MARKS:
            return self.text
        return f"\u201c{self.text}\u201d"


@dataclass
class TimePoint:
    """A dated moment of the story: a time expression or a publication."""

    day: date
    value: str
    precision: str  # day | week | month | year
    label: str
    source: SourceRef | None
    context: str = ""


@dataclass
class PlaceLine:
    place: Place
    sources: list[SourceRef]


@dataclass
class SourceInfo:
    number: int
    article: Article


@dataclass
class StoryBrief:
    story: Story
    sources: list[SourceInfo]
    account: list[Line]
    agreed: list[Line]
    single: list[Line]
    disputed: list[Line]
    quotes: list[QuoteLine]
    timeline: list[TimePoint]
    places: list[PlaceLine]
    geo_problems: list[GeoCheck]
    geo_consistent: list[GeoCheck]
    geo_unchecked: list[GeoCheck] = field(default_factory=list)

    def number(self, article_id: str) -> int:
        for s in self.sources:
            if s.article.id == article_id:
                return s.number
        return 0


def clean(text: str) -> str:
    return " ".join(text.split())


def unique_refs(refs: list[SourceRef]) -> list[SourceRef]:
    """The first span of each article, in order."""
    seen: set[str] = set()
    out = []
    for r in refs:
        if r.article not in seen:
            seen.add(r.article)
            out.append(r)
    return out


def importance(sc: StoryClaim, members: list[Claim], articles: dict[str, Article]) -> float:
    """How much a claim belongs in the account: corroboration first, then content signals."""
    lead = 0.0
    for ref in sc.sources:
        art = articles.get(ref.article)
        if art is not None and art.text:
            lead = max(lead, 1.0 - ref.start / len(art.text))
    has = lambda attr: any(getattr(c, attr) for c in members)
    n_ents = max((len(c.entities) for c in members), default=0)
    outlet_said = any(c.asserted_by == "outlet" for c in members)
    return (W_SOURCES * sc.independent_sources + W_LEAD * lead + W_VALUES * has("values")
            + W_PLACES * has("places") + W_TIMES * has("times")
            + W_ENTITIES * min(n_ents, 5) + W_OUTLET * outlet_said)


def claim_line(sc: StoryClaim) -> Line:
    sides = []
    if sc.verdict in DISPUTED or sc.verdict == Verdict.compatible:
        sides = [Side(source=c.source, value=c.value, asserted_by=c.asserted_by)
                 for c in sc.explanation.compared]
    return Line(text=clean(sc.text), sources=unique_refs(sc.sources), verdict=sc.verdict.value,
                why=sc.explanation.summary, sides=sides, outlets=sc.outlets,
                independent_sources=sc.independent_sources, claim_id=sc.id)


def speakers(quotes: list[QuoteLine]) -> list[tuple[str, list[QuoteLine]]]:
    """Quotes grouped by speaker, speakers in order of first appearance."""
    groups: dict[str, list[QuoteLine]] = {}
    for q in quotes:
        groups.setdefault(q.speaker, []).append(q)
    return list(groups.items())


def sentence(text: str) -> str:
    """A claim as a sentence of the account: capitalised, and with a full stop if it has no
    end mark (claims may be clauses cut from a longer sentence)."""
    text = clean(text)
    if not text:
        return text
    text = text[0].upper() + text[1:]
    return text if text[-1] in ".!?\u201d\"'" else text + "."


def _quotes(arts: list[Article]) -> list[QuoteLine]:
    out, seen = [], set()
    for a in arts:
        for q in sorted(a.quotes, key=lambda q: q.content_span.start):
            text = clean(a.text[q.content_span.start:q.content_span.end])
            key = (q.speaker, text)
            if not text or key in seen:
                continue
            seen.add(key)
            out.append(QuoteLine(speaker=q.speaker or "unattributed", text=text, direct=q.direct,
                                 source=a.source_ref(q.content_span.start, q.content_span.end)))
    return out


def parse_time_value(value: str | None) -> tuple[date, str] | None:
    """The first day and precision of a TimeML-style date value, or None for what is not a
    calendar date (durations, sets, undetermined years)."""
    if not value:
        return None
    m = _WEEK.match(value)
    if m:
        try:
            return date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1), "week"
        except ValueError:
            return None
    m = _DATE.match(value)
    if not m:
        return None
    y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
    try:
        day = date(y, mo, d)
    except ValueError:
        return None
    return day, ("day" if m.group(3) else "month" if m.group(2) else "year")


def _sentence_of(article: Article, start: int, end: int) -> tuple[int, int]:
    for s in article.sentences:
        if s.start <= start and end <= s.end:
            return s.start, s.end
    return start, end


def _timeline(arts: list[Article]) -> list[TimePoint]:
    points, seen = [], set()
    for a in arts:
        pub = a.published_date()
        if pub is not None:
            label = f"{a.outlet or a.id} published" + (" (date inferred)" if a.published_inferred
                                                        else "")
            points.append(TimePoint(day=pub, value=pub.isoformat(), precision="day", label=label,
                                    source=None))
        for t in a.times:
            if t.type not in ("date", "time"):
                continue
            parsed = parse_time_value(t.value)
            if parsed is None:
                continue
            s, e = _sentence_of(a, t.start, t.end)
            context = clean(a.text[s:e])
            key = (t.value, context)
            if key in seen:
                continue
            seen.add(key)
            points.append(TimePoint(day=parsed[0], value=t.value or "", precision=parsed[1],
                                    label=clean(t.text), source=a.source_ref(s, e),
                                    context=context))
    points.sort(key=lambda p: (p.day, p.source is not None, p.value))
    return points


def story_places(story: Story, arts: list[Article]) -> list[Place]:
    """The story's places, or the union of its articles' places when the story has none."""
    if story.places:
        return list(story.places)
    out: dict[object, Place] = {}
    for a in arts:
        for p in a.places:
            key = p.geonames_id or p.name.lower()
            if key in out:
                out[key] = out[key].model_copy(update={"mentions": out[key].mentions + p.mentions})
            else:
                out[key] = p
    return list(out.values())


def _place_lines(places: list[Place], arts: list[Article]) -> list[PlaceLine]:
    """Each place with a citation of its first mention in each article that names it."""
    lines = []
    for p in places:
        refs = []
        for a in arts:
            for ap in a.places:
                if (p.geonames_id and ap.geonames_id == p.geonames_id) or ap.name == p.name:
                    if ap.mentions:
                        m = min(ap.mentions, key=lambda m: m.start)
                        refs.append(a.source_ref(m.start, m.end))
                    break
        lines.append(PlaceLine(place=p, sources=unique_refs(refs)))
    lines.sort(key=lambda pl: (-len(pl.sources), pl.place.name))
    return lines


def story_brief(story: Story, analysis: Analysis) -> StoryBrief:
    by_id = {a.id: a for a in analysis.articles}
    arts = [by_id[a] for a in story.articles if a in by_id]
    claim_by_id = {c.id: c for a in arts for c in a.claims}
    # The account states what the sources agree on or one of them says; what they dispute is
    # told under "where the sources differ", never as a plain statement of fact.
    ranked = sorted([sc for sc in story.claims if sc.verdict not in DISPUTED],
                    key=lambda sc: -importance(
                        sc, [claim_by_id[c] for c in sc.claims if c in claim_by_id], by_id))
    return StoryBrief(
        story=story,
        sources=[SourceInfo(number=i + 1, article=a) for i, a in enumerate(arts)],
        account=[claim_line(sc) for sc in ranked[:ACCOUNT_SIZE]],
        agreed=[claim_line(sc) for sc in story.claims if sc.verdict in AGREED],
        single=[claim_line(sc) for sc in story.claims if sc.verdict in SINGLE],
        disputed=[claim_line(sc) for sc in story.claims if sc.verdict in DISPUTED],
        quotes=_quotes(arts),
        timeline=_timeline(arts),
        places=_place_lines(story_places(story, arts), arts),
        geo_problems=[g for g in story.geo_checks if g.verdict in GEO_PROBLEMS],
        geo_consistent=[g for g in story.geo_checks
                        if g.verdict not in GEO_PROBLEMS | GEO_UNCHECKED],
        geo_unchecked=[g for g in story.geo_checks if g.verdict in GEO_UNCHECKED],
    )
