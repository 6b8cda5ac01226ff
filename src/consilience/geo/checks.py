"""Stated geography checked against the gazetteer: "150km (90 miles) east of Zaporizhzhia",
"to the south of X", "halfway between A and B", "between A and B", "near X".

The subject of a statement is the place the sentence talks about: the nearest place mentioned
before the statement (in the same sentence or the ones before it: "the village — 150km east of
the city of Zaporizhzhia" is about the village named earlier), skipping countries and
first-level regions and the reference places of the statement itself and of earlier statements
in the same sentence ("Robotyne, to the southeast of Zaporizhzhia and 10km south of Orikhiv").

Verdicts: ``consistent`` (within tolerance), ``off`` (with by how much), ``unverifiable``
(a place is not in the gazetteer, named in the explanation).

Across a story (:func:`story_geography`), a place missing from the gazetteer is put where a
statement of distance and direction from a located place says it is, with an uncertainty; its
other statements are measured at that point with tolerances widened by the uncertainty, and the
statement it comes from is reported as ``unverifiable``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..evaluation.geo import EARTH_RADIUS_KM, haversine_km
from ..model import Article, GeoCheck, InferredPosition, Place, SourceRef
from .gazetteer import Gazetteer

#: A stated distance is consistent when the great-circle distance is within this share of it...
DIST_REL_TOL = 0.20
#: ...or within this many km, whichever is larger. News distances are rounded (150 means
#: 125-175) and are often by road, which runs 10-30% longer than the great circle; 20% or 10 km
#: accepts those and flags errors of a quarter or more.
DIST_ABS_TOL_KM = 10.0
#: A stated compass direction is consistent when the measured bearing is within this many
#: degrees of it (half the angle between a cardinal direction and its neighbours' midpoints).
DIR_TOL_DEG = 45.0
#: "Halfway between A and B": the subject's share of the way from A to B must lie in this range...
HALFWAY_RANGE = (0.3, 0.7)
#: ...and A-subject-B no longer than this multiple of A-B (the subject lies near the line).
BETWEEN_DETOUR = 1.25
#: "Near X": within this many km.
NEAR_KM = 50.0
#: How far back (characters) a statement's subject is looked for.
SUBJECT_WINDOW = 600
#: How far before "near X" its subject may stand: the place the phrase is said of stands right
#: before it ("Sunan, near Pyongyang", "the village of Robotyne, just outside Orikhiv"); a place
#: further back in the sentence is about something else ("a professor in Seoul said firing the
#: missile from a densely populated area near Pyongyang": the area, not Seoul).
NEAR_SUBJECT_CHARS = 40
#: A compass direction names a sector of 45°: a point inferred from it may lie this many
#: degrees to either side.
HALF_SECTOR_DEG = 22.5

DIRECTIONS = {"north": 0, "northeast": 45, "east": 90, "southeast": 135, "south": 180,
              "southwest": 225, "west": 270, "northwest": 315}
_DIR = r"(north|south|east|west|north-?east|north-?west|south-?east|south-?west)(?:ern)?"
_UNIT = r"(km|kilometres|kilometers|kilometre|kilometer|miles|mile|mi)"
_NUM = r"(\d+(?:[.,]\d+)?)"
_REF = r"(?:the\s+)?(?:(?:city|town|village|settlement|region|port)\s+of\s+)?"
DIST_DIR = re.compile(
    rf"(?:(?:about|some|around|roughly|nearly|approximately|almost|just|only|over|under)\s+)?"
    rf"{_NUM}\s*{_UNIT}\s*(?:\(\s*[\d.,]+\s*(?:miles|mile|mi|km|kilometres|kilometers)\s*\)\s*)?"
    rf"(?:to\s+the\s+|due\s+)?{_DIR}\s+of\s+{_REF}", re.I)
DIR_ONLY = re.compile(rf"(?:(?:to\s+the|directly|just|due|lies)\s+)?{_DIR}\s+of\s+{_REF}", re.I)
DIST_FROM = re.compile(
    rf"{_NUM}\s*{_UNIT}\s*(?:\(\s*[\d.,]+\s*(?:miles|mile|mi|km)\s*\)\s*)?(?:away\s+)?from\s+{_REF}",
    re.I)
BETWEEN = re.compile(r"(halfway\s+|midway\s+)?between\s+" + _REF, re.I)
NEAR = re.compile(r"\b(?:near|outside|close\s+to|on\s+the\s+outskirts\s+of)\s+" + _REF, re.I)
MILE_KM = 1.609344


@dataclass
class _Loc:
    """A place mention in an article, located or not."""

    start: int
    end: int
    place: Place

    @property
    def located(self) -> bool:
        return self.place.lat is not None


def bearing_deg(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Initial great-circle bearing from point 1 to point 2, degrees clockwise from north."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dl = math.radians(lon2 - lon1)
    x = math.sin(dl) * math.cos(p2)
    y = math.cos(p1) * math.sin(p2) - math.sin(p1) * math.cos(p2) * math.cos(dl)
    return (math.degrees(math.atan2(x, y)) + 360.0) % 360.0


def compass(bearing: float) -> str:
    names = ["north", "northeast", "east", "southeast", "south", "southwest", "west", "northwest"]
    return names[int((bearing + 22.5) // 45) % 8]


def _angle_diff(a: float, b: float) -> float:
    d = abs(a - b) % 360.0
    return min(d, 360.0 - d)


def _mentions(article: Article) -> list[_Loc]:
    locs = [_Loc(s.start, s.end, p) for p in article.places for s in p.mentions]
    return sorted(locs, key=lambda m: m.start)


def _at(locs: list[_Loc], pos: int) -> _Loc | None:
    """The place mention starting at ``pos`` (white space allowed before it)."""
    for m in locs:
        if pos <= m.start <= pos + 2:
            return m
    return None


def _is_subject_kind(p: Place) -> bool:
    return not (p.feature or "").startswith(("PCL", "ADM1", "CONT"))


def _subject(locs: list[_Loc], before: int, exclude: set[int], floor: int,
             end_floor: int = 0) -> _Loc | None:
    for m in reversed(locs):
        if m.end > before or m.start < floor or m.end < end_floor:
            continue
        if id(m.place) in exclude or not _is_subject_kind(m.place):
            continue
        return m
    return None


def _fmt(p: Place) -> str:
    if p.lat is None:
        return f"{p.name} (not in the gazetteer)"
    if p.inferred is not None:
        inf = p.inferred
        return (f"{p.name} (about {p.lat:.4f}, {p.lon:.4f}, not in the gazetteer: inferred "
                f"within {inf.uncertainty_km:.0f} km from [{inf.source.article}] "
                f"\"{inf.source.text}\")")
    return f"{p.name} ({p.lat:.4f}, {p.lon:.4f})"


def _slack(*places: Place) -> float:
    """Extra tolerance (km) for places whose position is inferred rather than known."""
    return sum(p.inferred.uncertainty_km for p in places if p.inferred is not None)


def _sentence_bounds(article: Article, pos: int) -> tuple[int, int]:
    for s in article.sentences:
        if s.start <= pos < s.end:
            return s.start, s.end
    start = max(article.text.rfind("\n", 0, pos), article.text.rfind(". ", 0, pos) + 1, 0)
    end = article.text.find("\n", pos)
    return start, end if end >= 0 else len(article.text)


def _unverifiable(kind: str, text: str, src, stated: dict, places: list[Place]) -> GeoCheck:
    unknown = [p.name for p in places if p.lat is None]
    return GeoCheck(text=text, sources=[src], kind=kind, stated=stated, measured={},
                    verdict="unverifiable",
                    explanation=f"{', '.join(unknown)} {'is' if len(unknown) == 1 else 'are'} not "
                                "in the gazetteer, so the statement cannot be measured; places: "
                                + "; ".join(_fmt(p) for p in places))


def _check_dist_dir(subject: Place, ref: Place, dist_km: float | None, direction: str | None,
                    text: str, src) -> GeoCheck:
    kind = "distance_direction" if dist_km and direction else ("distance" if dist_km else "direction")
    stated: dict = {"subject": subject.name, "reference": ref.name}
    if dist_km:
        stated["distance_km"] = round(dist_km, 1)
    if direction:
        stated["direction"] = direction
        stated["bearing_deg"] = DIRECTIONS[direction]
    if subject.lat is None or ref.lat is None:
        return _unverifiable(kind, text, src, stated, [subject, ref])
    d = haversine_km(ref.lat, ref.lon, subject.lat, subject.lon)
    b = bearing_deg(ref.lat, ref.lon, subject.lat, subject.lon)
    measured = {"distance_km": round(d, 1), "bearing_deg": round(b, 1), "direction": compass(b)}
    problems, notes = [], []
    slack = _slack(subject, ref)
    if dist_km:
        tol = max(DIST_REL_TOL * dist_km, DIST_ABS_TOL_KM) + slack
        diff = d - dist_km
        note = (f"stated {dist_km:.0f} km, measured {d:.0f} km great-circle "
                f"({diff:+.0f} km, {100 * diff / dist_km:+.0f}%; tolerance {tol:.0f} km)")
        (problems if abs(diff) > tol else notes).append(note)
        measured["distance_off_km"] = round(diff, 1)
    if direction and d >= 1.0:
        ad = _angle_diff(b, DIRECTIONS[direction])
        dir_tol = DIR_TOL_DEG + (math.degrees(math.atan2(slack, d)) if slack else 0.0)
        note = (f"stated {direction}, measured bearing {b:.0f}° ({compass(b)}), "
                f"{ad:.0f}° apart (tolerance {dir_tol:.0f}°)")
        (problems if ad > dir_tol else notes).append(note)
        measured["direction_off_deg"] = round(ad, 1)
    verdict = "off" if problems else "consistent"
    expl = (f"{subject.name} from {ref.name}: " + "; ".join(problems + notes)
            + f". Coordinates: {_fmt(subject)}, {_fmt(ref)}.")
    return GeoCheck(text=text, sources=[src], kind=kind, stated=stated, measured=measured,
                    verdict=verdict, explanation=expl)


def _check_between(subject: Place, a: Place, b: Place, halfway: bool, text: str, src
                   ) -> GeoCheck:
    kind = "halfway_between" if halfway else "between"
    stated = {"subject": subject.name, "between": [a.name, b.name]}
    if subject.lat is None or a.lat is None or b.lat is None:
        return _unverifiable(kind, text, src, stated, [subject, a, b])
    da = haversine_km(a.lat, a.lon, subject.lat, subject.lon)
    db = haversine_km(b.lat, b.lon, subject.lat, subject.lon)
    dab = haversine_km(a.lat, a.lon, b.lat, b.lon)
    share = da / (da + db) if da + db else 0.5
    detour = (da + db) / dab if dab else float("inf")
    measured = {f"distance_km_to_{a.name}": round(da, 1), f"distance_km_to_{b.name}": round(db, 1),
                "distance_km_between": round(dab, 1), "share_of_way": round(share, 3),
                "detour": round(detour, 3)}
    ok = da + db <= BETWEEN_DETOUR * dab + 2 * _slack(subject, a, b) and (
        not halfway or HALFWAY_RANGE[0] <= share <= HALFWAY_RANGE[1])
    expl = (f"{subject.name} is {da:.0f} km from {a.name} and {db:.0f} km from {b.name}, which "
            f"are {dab:.0f} km apart: {100 * share:.0f}% of the way, a path "
            f"{100 * (detour - 1):.0f}% longer than the direct line (tolerance: detour at most "
            f"{100 * (BETWEEN_DETOUR - 1):.0f}%"
            + (f", share {100 * HALFWAY_RANGE[0]:.0f}-{100 * HALFWAY_RANGE[1]:.0f}%" if halfway
               else "") + f"). Coordinates: {_fmt(subject)}, {_fmt(a)}, {_fmt(b)}.")
    return GeoCheck(text=text, sources=[src], kind=kind, stated=stated, measured=measured,
                    verdict="consistent" if ok else "off", explanation=expl)


def _check_near(subject: Place, ref: Place, text: str, src) -> GeoCheck:
    stated = {"subject": subject.name, "near": ref.name}
    if subject.lat is None or ref.lat is None:
        return _unverifiable("near", text, src, stated, [subject, ref])
    d = haversine_km(ref.lat, ref.lon, subject.lat, subject.lon)
    near_km = NEAR_KM + _slack(subject, ref)
    ok = d <= near_km
    expl = (f"{subject.name} is {d:.0f} km from {ref.name} (near means within {near_km:.0f} km)."
            f" Coordinates: {_fmt(subject)}, {_fmt(ref)}.")
    return GeoCheck(text=text, sources=[src], kind="near", stated=stated,
                    measured={"distance_km": round(d, 1)},
                    verdict="consistent" if ok else "off", explanation=expl)


def _km(value: str, unit: str) -> float:
    v = float(value.replace(",", ""))
    return v * MILE_KM if unit.lower().startswith("mi") else v


@dataclass
class Statement:
    """One geo statement of an article, parsed but not yet measured."""

    kind: str  # dd | dist | dir | between | near
    subject: Place
    refs: list[Place]
    text: str
    src: SourceRef
    dist_km: float | None = None
    direction: str | None = None
    halfway: bool = False


#: A capitalised word right after a place's mention: the name goes on ("the Mandalay Bay", a
#: hotel, not the city of Mandalay; "Luxor Hotel").
_NAME_ON = re.compile(r"[ \t]+[A-Z][a-z]")


def _name_goes_on(text: str, loc: _Loc) -> bool:
    """Whether a place's mention is the first part of a longer name (a building, a bay, a
    company: "north of the Mandalay Bay"), which the gazetteer's place does not locate: a
    capitalised word follows the mention, or the mention itself goes on past the place's name
    (the mention "Mandalay Bay" resolved to the city of Mandalay)."""
    said = text[loc.start:loc.end]
    name = loc.place.name or ""
    return _NAME_ON.match(text, loc.end) is not None or (
        bool(name) and said.startswith(name) and _NAME_ON.match(said, len(name)) is not None)


def statements(article: Article) -> list[Statement]:
    """Every geo statement of one article whose reference is a detected place."""
    locs = _mentions(article)
    text = article.text
    found: list[Statement] = []
    used: list[tuple[int, int]] = []
    per_sentence_refs: dict[int, set[int]] = {}

    def overlaps(s: int, e: int) -> bool:
        return any(s < ue and us < e for us, ue in used)

    matches = []
    for pat, kind in ((DIST_DIR, "dd"), (DIST_FROM, "dist"), (DIR_ONLY, "dir"),
                      (BETWEEN, "between"), (NEAR, "near")):
        for m in pat.finditer(text):
            matches.append((m.start(), kind, m))
    for _start, kind, m in sorted(matches, key=lambda t: (t[0], t[1] != "dd")):
        if overlaps(m.start(), m.end()):
            continue
        ref = _at(locs, m.end())
        if ref is None or _name_goes_on(text, ref):
            continue
        sent_start, sent_end = _sentence_bounds(article, m.start())
        refs = per_sentence_refs.setdefault(sent_start, set())
        exclude = set(refs) | {id(ref.place)}
        statement_end = ref.end
        second = None
        if kind == "between":
            rest = re.match(r"\s*(?:and|&)\s+" + _REF, text[ref.end:ref.end + 40], re.I)
            second = _at(locs, ref.end + rest.end()) if rest else None
            if second is None:
                continue
            exclude.add(id(second.place))
            statement_end = second.end
        # "near" and plain "between" name the subject in their own sentence; distances and
        # directions often refer back ("the village — 150km east of ...").
        floor = sent_start if kind == "near" or (kind == "between" and not m.group(1)) \
            else max(0, m.start() - SUBJECT_WINDOW)
        subject = _subject(locs, m.start(), exclude, floor,
                           m.start() - NEAR_SUBJECT_CHARS if kind == "near" else 0)
        if subject is None or _name_goes_on(text, subject):
            continue
        refs |= exclude
        src_start = min(subject.start, m.start()) if subject.start >= sent_start else sent_start
        st = Statement(kind, subject.place, [ref.place], text[m.start():statement_end],
                       article.source_ref(src_start, max(statement_end, m.end())))
        if kind in ("dd", "dist"):
            st.dist_km = _km(m.group(1), m.group(2))
        if kind == "dd":
            st.direction = _norm_dir(m.group(3))
        elif kind == "dir":
            st.direction = _norm_dir(m.group(1))
        elif kind == "between":
            st.refs.append(second.place)
            st.halfway = bool(m.group(1))
        used.append((m.start(), statement_end))
        found.append(st)
    return found


#: GeoNames feature codes of areas with no one position a distance or "near" can be measured
#: from: countries, first- and second-level divisions, continents, oceans, seas, gulfs,
#: regions, archipelagos, mountain ranges, rivers, deserts, plains, peninsulas. Their centroid
#: is no part of what a text means by "near North Korea" or "3,380 km from North Korea".
AREA_FEATURES = ("PCL", "ADM1", "ADM2", "CONT", "OCN", "SEA", "GULF", "RGN", "ISLS", "MTS",
                 "STM", "DSRT", "PLN", "PEN")


def is_point(p: Place | str | None) -> bool:
    """Whether a place (or a GeoNames feature code) is a point to measure from: a town, a
    city, a site, a cape; a place whose feature is not known counts as one (an inferred
    position)."""
    feature = p if isinstance(p, str) or p is None else p.feature
    return not feature or not feature.startswith(AREA_FEATURES)


def _areas(st: Statement) -> list[Place]:
    """The located places of a statement that are areas, not points."""
    return [p for p in (st.subject, *st.refs) if p.lat is not None and not is_point(p)]


def evaluate(st: Statement) -> GeoCheck:
    """Measure one statement against the coordinates of its places (a statement about an
    area, "near North Korea", cannot be measured from its centroid: unverifiable)."""
    if st.kind in ("dd", "dist", "dir"):
        check = _check_dist_dir(st.subject, st.refs[0], st.dist_km, st.direction, st.text, st.src)
    elif st.kind == "between":
        check = _check_between(st.subject, st.refs[0], st.refs[1], st.halfway, st.text, st.src)
    else:
        check = _check_near(st.subject, st.refs[0], st.text, st.src)
    areas = _areas(st)
    if areas and check.verdict != "unverifiable":
        names = ", ".join(f"{p.name} ({p.feature})" for p in areas)
        return check.model_copy(update={
            "verdict": "unverifiable", "measured": {},
            "explanation": f"{names} {'is an area' if len(areas) == 1 else 'are areas'} (a "
                           "country, a region or a sea in the gazetteer), with no one point to "
                           "measure from; places: "
                           + "; ".join(_fmt(p) for p in (st.subject, *st.refs))})
    inferred = [p.name for p in (st.subject, *st.refs) if p.inferred is not None]
    if inferred and check.measured:
        check.measured["inferred_positions"] = inferred
    return check


def check_article(article: Article) -> list[GeoCheck]:
    """Every geo statement of one article, measured against the gazetteer."""
    return [evaluate(st) for st in statements(article)]


def _norm_dir(word: str) -> str:
    return word.lower().replace("-", "")


def destination(lat: float, lon: float, bearing: float, dist_km: float) -> tuple[float, float]:
    """The point ``dist_km`` from (lat, lon) along the initial ``bearing`` (great circle)."""
    r = dist_km / EARTH_RADIUS_KM
    p1, l1, th = math.radians(lat), math.radians(lon), math.radians(bearing)
    p2 = math.asin(math.sin(p1) * math.cos(r) + math.cos(p1) * math.sin(r) * math.cos(th))
    l2 = l1 + math.atan2(math.sin(th) * math.sin(r) * math.cos(p1),
                         math.cos(r) - math.sin(p1) * math.sin(p2))
    return math.degrees(p2), (math.degrees(l2) + 540.0) % 360.0 - 180.0


def inference_uncertainty_km(dist_km: float) -> float:
    """How far off a point inferred from "D km DIR of P" may be if the statement is right: the
    rounding of the distance (the distance tolerance's share of it) across, and half a compass
    sector (22.5°) to either side."""
    return math.hypot(DIST_REL_TOL * dist_km, dist_km * math.sin(math.radians(HALF_SECTOR_DEG)))


def _key(p: Place) -> str:
    return p.name.lower()


def infer_positions(sts: list[Statement]) -> dict[str, tuple[Place, Statement]]:
    """Places missing from the gazetteer that a statement puts at a distance and direction from a
    located town ("Robotyne ... some 10km south of the town of Orikhiv"): the inferred point,
    keyed by lower-case name, with the statement it comes from. A place with several such
    statements takes the nearest reference (the smallest uncertainty)."""
    best: dict[str, tuple[Place, Statement]] = {}
    for st in sts:
        ref = st.refs[0]
        if (st.kind != "dd" or st.subject.lat is not None or ref.lat is None
                or not _is_subject_kind(ref) or not st.dist_km):
            continue
        key = _key(st.subject)
        if key in best and best[key][1].dist_km <= st.dist_km:
            continue
        lat, lon = destination(ref.lat, ref.lon, DIRECTIONS[st.direction], st.dist_km)
        place = st.subject.model_copy(update={
            "lat": round(lat, 5), "lon": round(lon, 5), "mentions": [],
            "country": st.subject.country or ref.country,
            "inferred": InferredPosition(
                source=st.src, reference=ref.name, distance_km=round(st.dist_km, 1),
                direction=st.direction,
                uncertainty_km=round(inference_uncertainty_km(st.dist_km), 1))})
        best[key] = (place, st)
    return best


def _with_positions(st: Statement, positions: dict[str, tuple[Place, Statement]]) -> Statement:
    def located(p: Place) -> Place:
        return positions[_key(p)][0] if p.lat is None and _key(p) in positions else p

    return Statement(st.kind, located(st.subject), [located(r) for r in st.refs], st.text, st.src,
                     st.dist_km, st.direction, st.halfway)


def _is_source_of(st: Statement, positions: dict[str, tuple[Place, Statement]]) -> str | None:
    for place, source in positions.values():
        if source is st:
            return place.name
    return None


def story_geography(articles: list[Article]
                    ) -> tuple[list[GeoCheck], dict[str, tuple[Place, Statement]]]:
    """The story's geo checks and the positions inferred for places missing from the gazetteer.
    Each statement is measured with those positions (its tolerance widened by their
    uncertainty); the statement a position comes from is reported as not checkable."""
    sts = [st for art in articles for st in statements(art)]
    positions = infer_positions(sts)
    out: list[GeoCheck] = []
    for st in sts:
        name = _is_source_of(st, positions)
        if name is None:
            out.append(evaluate(_with_positions(st, positions)))
            continue
        check = evaluate(st)
        check.explanation = (f"{name} is not in the gazetteer; its position is inferred from this "
                             f"statement, so the statement cannot be checked against it. "
                             f"Places: {_fmt(st.refs[0])}.")
        out.append(check)
    return out, positions


def check_story(articles: list[Article], gaz: Gazetteer | None = None) -> list[GeoCheck]:
    return story_geography(articles)[0]
