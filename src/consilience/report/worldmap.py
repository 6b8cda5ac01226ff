"""Maps of a story's places as inline SVG, drawn from the Natural Earth borders shipped in
``assets/world.json.gz`` (public domain): no tiles, no network.

The projection is equirectangular with its standard parallel at the middle of the view (so that
shapes keep their proportions near the places), zoomed to the places' bounding box. Country rings
are clipped to the view and thinned to the pixel grid, so a map costs a few kilobytes whatever
the size of the countries around it.
"""

from __future__ import annotations

import gzip
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from importlib import resources
from itertools import pairwise

from ..model import Place

#: Size of a story map in SVG user units (pixels at 100 %).
MAP_WIDTH = 480
MAP_HEIGHT = 300
#: Share of the places' extent added on each side, so that markers do not sit on the edge.
MAP_PADDING = 0.3
#: Smallest extent shown, in degrees of latitude: about 100 km, enough to see where a single
#: village lies relative to its region's cities and borders.
MIN_SPAN_DEG = 1.0
#: Points of a ring closer than this many pixels to the previous kept point are dropped, and
#: rings smaller than MIN_RING_PX across are left out: below what the eye resolves at 100 %.
MIN_STEP_PX = 2.5
MIN_RING_PX = 3
#: GeoNames feature codes of countries, continents and first-level regions: their centroid is
#: no place where something happened, so they are never map markers.
AREA_FEATURES = ("PCL", "CONT", "ADM1", "TERR", "ZN")
#: Feature codes of specific places (populated places, districts, landmarks, water bodies)
#: that can centre a story's map.
SPECIFIC_FEATURES = ("PPL", "ADM2", "ADM3", "ADM4", "ADM5", "STM", "LK", "MT", "ISL", "AIRP",
                     "BDG", "FCL")
#: Radius of the map's focus: a front line, a metropolitan area, a region of a country. Set
#: so that the seeds' places along the Zaporizhzhia-Donetsk front (about 250 km across) are
#: all on the map while a capital mentioned in passing is not.
FOCUS_KM = 300.0
EARTH_KM = 6371.0
#: Width of a label character at the map's 11 px font, for keeping labels apart.
LABEL_CHAR_PX = 6.5


@dataclass(frozen=True)
class View:
    """A lon/lat window and its projection to a ``width`` x ``height`` pixel box."""

    west: float
    south: float
    east: float
    north: float
    width: int = MAP_WIDTH
    height: int = MAP_HEIGHT

    @property
    def kx(self) -> float:
        return self.width / (self.east - self.west)

    @property
    def ky(self) -> float:
        return self.height / (self.north - self.south)

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        return (lon - self.west) * self.kx, (self.north - lat) * self.ky


@lru_cache(maxsize=1)
def world() -> dict:
    """The shipped countries: ``{"countries": [{"iso", "name", "bbox", "rings"}], ...}`` with
    rings decoded to lists of (lon, lat)."""
    raw = resources.files("consilience.report").joinpath("assets/world.json.gz").read_bytes()
    data = json.loads(gzip.decompress(raw))
    q = data["quantum"]
    for c in data["countries"]:
        decoded = []
        for enc in c["rings"]:
            x = y = 0
            pts = []
            for i in range(0, len(enc), 2):
                x += enc[i]
                y += enc[i + 1]
                pts.append((x * q, y * q))
            decoded.append(pts)
        c["rings"] = decoded
    return data


def located(places: list[Place]) -> list[Place]:
    """The places that have coordinates."""
    return [p for p in places if p.lat is not None and p.lon is not None]


def _km(a: Place, b: Place) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = (math.sin((la2 - la1) / 2) ** 2
         + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2)
    return 2 * EARTH_KM * math.asin(min(1.0, math.sqrt(h)))


def _is_area(p: Place) -> bool:
    return (p.feature or "").upper().startswith(AREA_FEATURES)


def focus(places: list[Place]) -> tuple[list[Place], list[Place]]:
    """(places on the map, places left off it). A story names where things happened and, in
    passing, capitals, countries and far-off cities ("said in St Petersburg", "The New York
    Times"); a map of all of them is a map of the world that shows nothing. The map keeps the
    largest group of specific places within FOCUS_KM of one of them (a country's or large
    region's centroid is never a marker), and whatever else falls inside that group's window."""
    pts = [p for p in located(places) if not _is_area(p)]
    if not pts:
        return [], located(places)
    specific = [p for p in pts if (p.feature or "PPL").upper().startswith(SPECIFIC_FEATURES)]
    centres = specific or pts

    def weight(group: list[Place]) -> float:
        return sum(1.0 if p in specific else 0.5 for p in group)

    best = max(centres, key=lambda c: (weight([p for p in pts if _km(c, p) <= FOCUS_KM]),
                                      -(c.population or 0)))
    group = [p for p in pts if _km(best, p) <= FOCUS_KM]
    view = view_for(group)
    shown = [p for p in pts if view.west <= p.lon <= view.east and view.south <= p.lat <= view.north]
    left = [p for p in located(places) if p not in shown]
    return shown, left


def view_for(places: list[Place], width: int = MAP_WIDTH, height: int = MAP_HEIGHT) -> View:
    """A window around the places, padded, at least ``MIN_SPAN_DEG`` tall, with the aspect of
    the pixel box once longitudes are scaled by the cosine of the middle latitude."""
    lats = [p.lat for p in places]
    lons = [p.lon for p in places]
    s, n, w, e = min(lats), max(lats), min(lons), max(lons)
    mid_lat = (s + n) / 2
    cos = max(math.cos(math.radians(mid_lat)), 0.2)
    span_lat = max(n - s, MIN_SPAN_DEG) * (1 + 2 * MAP_PADDING)
    span_lon = max((e - w) * cos, MIN_SPAN_DEG) * (1 + 2 * MAP_PADDING)
    # Widen one side so the window has the box's aspect (in projected units).
    if span_lon / span_lat < width / height:
        span_lon = span_lat * width / height
    else:
        span_lat = span_lon * height / width
    span_lon /= cos
    span_lat, span_lon = min(span_lat, 170.0), min(span_lon, 360.0)
    cy, cx = (s + n) / 2, (w + e) / 2
    south, north = max(cy - span_lat / 2, -85.0), min(cy + span_lat / 2, 85.0)
    return View(cx - span_lon / 2, south, cx + span_lon / 2, north, width, height)


def _clip(points: list[tuple[float, float]], x0: float, y0: float, x1: float, y1: float):
    """Sutherland-Hodgman clipping of a closed ring to an axis-aligned rectangle."""
    def cut(pts, inside, cross):
        out = []
        for i, cur in enumerate(pts):
            prev = pts[i - 1]
            if inside(cur):
                if not inside(prev):
                    out.append(cross(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cross(prev, cur))
        return out

    def at_x(x):
        return lambda p, q: (x, p[1] + (q[1] - p[1]) * (x - p[0]) / (q[0] - p[0]))

    def at_y(y):
        return lambda p, q: (p[0] + (q[0] - p[0]) * (y - p[1]) / (q[1] - p[1]), y)

    for inside, cross in ((lambda p: p[0] >= x0, at_x(x0)), (lambda p: p[0] <= x1, at_x(x1)),
                          (lambda p: p[1] >= y0, at_y(y0)), (lambda p: p[1] <= y1, at_y(y1))):
        if not points:
            break
        points = cut(points, inside, cross)
    return points


#: Levels of detail, in degrees: rings thinned so that no two kept points are closer than
#: this. A view uses the coarsest level finer than MIN_STEP_PX of its pixels, so a world map
#: handles a few thousand points rather than the full 190,000.
DETAIL_LEVELS = (0.01, 0.04, 0.15, 0.3, 0.6, 1.2)


@lru_cache(maxsize=len(DETAIL_LEVELS))
def _rings_at(level: float) -> list[tuple[str, str, list[tuple[tuple[float, float, float, float],
                                                            list[tuple[float, float]]]]]]:
    """Every country's rings thinned to ``level`` degrees, each with its bounding box."""
    out = []
    for c in world()["countries"]:
        rings = []
        for ring in c["rings"]:
            kept = [ring[0]]
            for pt in ring[1:]:
                if abs(pt[0] - kept[-1][0]) + abs(pt[1] - kept[-1][1]) >= level:
                    kept.append(pt)
            if len(kept) < 4:
                continue
            lons = [q[0] for q in kept]
            lats = [q[1] for q in kept]
            rings.append(((min(lons), min(lats), max(lons), max(lats)), kept))
        if rings:
            out.append((c["iso"], c["name"], rings))
    return out


def _level_for(view: View) -> float:
    deg_per_px = (view.east - view.west) / view.width
    fitting = [lv for lv in DETAIL_LEVELS if lv <= deg_per_px * MIN_STEP_PX]
    return max(fitting) if fitting else DETAIL_LEVELS[0]


def _path(ring: list[tuple[float, float]], view: View) -> str:
    """SVG path data of a ring in the view: clipped, thinned to the pixel grid, and written as
    integer moves relative to the previous point (the shortest form)."""
    margin = 4.0
    pts = [view.project(lon, lat) for lon, lat in ring]
    pts = _clip(pts, -margin, -margin, view.width + margin, view.height + margin)
    kept: list[tuple[int, int]] = []
    for x, y in pts:
        q = (round(x), round(y))
        if not kept or abs(q[0] - kept[-1][0]) + abs(q[1] - kept[-1][1]) >= MIN_STEP_PX:
            kept.append(q)
    if len(kept) < 3:
        return ""
    xs, ys = [q[0] for q in kept], [q[1] for q in kept]
    if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_RING_PX:
        return ""
    out = [f"M{kept[0][0]} {kept[0][1]}l"]
    for (px, py), (x, y) in pairwise(kept):
        out.append(f"{x - px} {y - py} ".replace(" -", "-"))
    return "".join(out).rstrip() + "z"


def country_paths(view: View) -> list[tuple[str, str, str]]:
    """(iso, name, path data) of every country that shows in the view."""
    out = []
    for iso, name, rings in _rings_at(_level_for(view)):
        d = "".join(_path(r, view) for (w, s, e, n), r in rings
                    if not (e < view.west or w > view.east or n < view.south or s > view.north))
        if d:
            out.append((iso, name, d))
    return out


def map_svg(places: list[Place], *, width: int = MAP_WIDTH, height: int = MAP_HEIGHT,
            label: str = "Map of the story's places") -> str:
    """An inline ``<svg>`` of the places over country borders; empty when no place has
    coordinates. Every marker is a ``<g class="place">`` with ``data-name``, ``data-lat`` and
    ``data-lon``; every text is escaped. Only the places of the story's focus are drawn (see
    :func:`focus`)."""
    pts, _ = focus(places)
    if not pts:
        return ""
    view = view_for(pts, width, height)
    parts = [(f'<svg class="map" viewBox="0 0 {width} {height}" width="{width}" '
              f'height="{height}" role="img" aria-label="{escape(label)}" '
              'xmlns="http://www.w3.org/2000/svg">'),
             f'<rect class="sea" width="{width}" height="{height}"/>']
    for iso, name, d in country_paths(view):
        parts.append(f'<path class="land" data-iso="{escape(iso)}" d="{d}">'
                     f'<title>{escape(name)}</title></path>')
    labelled: list[tuple[float, float, float, float]] = []
    # Larger places claim their label space first; a label that would overlap one already
    # placed is left out (the marker keeps its name as a tooltip).
    for p in sorted(pts, key=lambda p: (-(p.population or 0), p.name)):
        x, y = view.project(p.lon, p.lat)
        anchor = "end" if x > width * 0.7 else "start"
        dx = -7 if anchor == "end" else 7
        w = LABEL_CHAR_PX * len(p.name)
        box = (x + dx - (w if anchor == "end" else 0), y - 7, w, 14)
        free = all(box[0] + box[2] < b[0] or b[0] + b[2] < box[0] or box[1] + box[3] < b[1]
                   or b[1] + b[3] < box[1] for b in labelled)
        label_svg = ""
        if free:
            labelled.append(box)
            label_svg = (f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">'
                         f'{escape(p.name)}</text>')
        parts.append(
            f'<g class="place" data-name="{escape(p.name)}" data-lat="{p.lat:.4f}" '
            f'data-lon="{p.lon:.4f}"><circle cx="{x:.1f}" cy="{y:.1f}" r="4"/>{label_svg}'
            f'<title>{escape(p.name)} ({p.lat:.3f}, {p.lon:.3f})</title></g>')
    parts.append(f'<text class="credit" x="{width - 4}" y="{height - 4}" text-anchor="end">'
                 'Borders: Natural Earth</text></svg>')
    return "".join(parts)
