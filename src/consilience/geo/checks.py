"""Stated geography checked against the gazetteer: "150km (90 miles) east of Zaporizhzhia",
"to the south of X", "halfway between A and B", "between A and B", "near X".

The subject of a statement is the place the sentence talks about: the nearest place mentioned
before the statement (in the same sentence or the ones before it: "the village — 150km east of
the city of Zaporizhzhia" is about the village named earlier), skipping countries and
first-level regions and the reference places of the statement itself and of earlier statements
in the same sentence ("Robotyne, to the southeast of Zaporizhzhia and 10km south of Orikhiv").

Verdicts: ``consistent`` (within tolerance), ``off`` (with by how much), ``unverifiable``
(a place is not in the gazetteer, named in the explanation).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from ..evaluation.geo import haversine_km
from ..model import Article, GeoCheck, Place
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


def _subject(locs: list[_Loc], before: int, exclude: set[int], floor: int) -> _Loc | None:
    for m in reversed(locs):
        if m.end > before or m.start < floor:
            continue
        if id(m.place) in exclude or not _is_subject_kind(m.place):
            continue
        return m
    return None


def _fmt(p: Place) -> str:
    if p.lat is None:
        return f"{p.name} (not in the gazetteer)"
    return f"{p.name} ({p.lat:.4f}, {p.lon:.4f})"


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
    if dist_km:
        tol = max(DIST_REL_TOL * dist_km, DIST_ABS_TOL_KM)
        diff = d - dist_km
        note = (f"stated {dist_km:.0f} km, measured {d:.0f} km great-circle "
                f"({diff:+.0f} km, {100 * diff / dist_km:+.0f}%; tolerance {tol:.0f} km)")
        (problems if abs(diff) > tol else notes).append(note)
        measured["distance_off_km"] = round(diff, 1)
    if direction and d >= 1.0:
        ad = _angle_diff(b, DIRECTIONS[direction])
        note = (f"stated {direction}, measured bearing {b:.0f}° ({compass(b)}), "
                f"{ad:.0f}° apart (tolerance {DIR_TOL_DEG:.0f}°)")
        (problems if ad > DIR_TOL_DEG else notes).append(note)
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
    ok = detour <= BETWEEN_DETOUR and (not halfway or HALFWAY_RANGE[0] <= share <= HALFWAY_RANGE[1])
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
    ok = d <= NEAR_KM
    expl = (f"{subject.name} is {d:.0f} km from {ref.name} (near means within {NEAR_KM:.0f} km)."
            f" Coordinates: {_fmt(subject)}, {_fmt(ref)}.")
    return GeoCheck(text=text, sources=[src], kind="near", stated=stated,
                    measured={"distance_km": round(d, 1)},
                    verdict="consistent" if ok else "off", explanation=expl)


def _km(value: str, unit: str) -> float:
    v = float(value.replace(",", ""))
    return v * MILE_KM if unit.lower().startswith("mi") else v


def check_article(article: Article) -> list[GeoCheck]:
    """Every geo statement of one article whose reference is a detected place."""
    locs = _mentions(article)
    text = article.text
    found: list[tuple[int, int, GeoCheck]] = []
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
        if ref is None:
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
        subject = _subject(locs, m.start(), exclude, floor)
        if subject is None:
            continue
        refs |= exclude
        src_start = min(subject.start, m.start()) if subject.start >= sent_start else sent_start
        src = article.source_ref(src_start, max(statement_end, m.end()))
        stmt = text[m.start():statement_end]
        if kind == "dd":
            check = _check_dist_dir(subject.place, ref.place, _km(m.group(1), m.group(2)),
                                    _norm_dir(m.group(3)), stmt, src)
        elif kind == "dist":
            check = _check_dist_dir(subject.place, ref.place, _km(m.group(1), m.group(2)), None,
                                    stmt, src)
        elif kind == "dir":
            check = _check_dist_dir(subject.place, ref.place, None, _norm_dir(m.group(1)),
                                    stmt, src)
        elif kind == "between":
            check = _check_between(subject.place, ref.place, second.place, bool(m.group(1)),
                                   stmt, src)
        else:
            check = _check_near(subject.place, ref.place, stmt, src)
        used.append((m.start(), statement_end))
        found.append((m.start(), statement_end, check))
    return [c for _, _, c in found]


def _norm_dir(word: str) -> str:
    return word.lower().replace("-", "")


def check_story(articles: list[Article], gaz: Gazetteer | None = None) -> list[GeoCheck]:
    out: list[GeoCheck] = []
    for art in articles:
        out += check_article(art)
    return out
