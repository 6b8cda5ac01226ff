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
MIN_STEP_PX = 1.5
MIN_RING_PX = 3.0
#: Views wider than this many degrees of longitude (continents, the world) are drawn at half
#: the detail: about 40 kB for a world map instead of 80 kB, with no visible loss at that scale.
WIDE_VIEW_DEG = 40.0


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


def _path(ring: list[tuple[float, float]], view: View) -> str:
    margin = 4.0
    pts = [view.project(lon, lat) for lon, lat in ring]
    coarse = 2.0 if view.east - view.west > WIDE_VIEW_DEG else 1.0
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    if max(max(xs) - min(xs), max(ys) - min(ys)) < MIN_RING_PX * coarse:
        return ""
    pts = _clip(pts, -margin, -margin, view.width + margin, view.height + margin)
    kept: list[tuple[float, float]] = []
    for p in pts:
        if not kept or abs(p[0] - kept[-1][0]) + abs(p[1] - kept[-1][1]) >= MIN_STEP_PX * coarse:
            kept.append(p)
    if len(kept) < 3:
        return ""
    return "M" + "L".join(f"{x:.0f} {y:.0f}" for x, y in kept) + "Z"


def country_paths(view: View) -> list[tuple[str, str, str]]:
    """(iso, name, path data) of every country that shows in the view."""
    out = []
    for c in world()["countries"]:
        w, s, e, n = c["bbox"]
        if e < view.west or w > view.east or n < view.south or s > view.north:
            continue
        d = "".join(_path(r, view) for r in c["rings"]
                    if r and _ring_meets(r, view))
        if d:
            out.append((c["iso"], c["name"], d))
    return out


def _ring_meets(ring: list[tuple[float, float]], view: View) -> bool:
    lons = [p[0] for p in ring]
    lats = [p[1] for p in ring]
    return not (max(lons) < view.west or min(lons) > view.east or max(lats) < view.south
                or min(lats) > view.north)


def map_svg(places: list[Place], *, width: int = MAP_WIDTH, height: int = MAP_HEIGHT,
            label: str = "Map of the story's places") -> str:
    """An inline ``<svg>`` of the places over country borders; empty when no place has
    coordinates. Every marker is a ``<g class="place">`` with ``data-name``, ``data-lat`` and
    ``data-lon``; every text is escaped."""
    pts = located(places)
    if not pts:
        return ""
    view = view_for(pts, width, height)
    parts = [f'<svg class="map" viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
             f'role="img" aria-label="{escape(label)}" xmlns="http://www.w3.org/2000/svg">',
             f'<rect class="sea" width="{width}" height="{height}"/>']
    for iso, name, d in country_paths(view):
        parts.append(f'<path class="land" data-iso="{escape(iso)}" d="{d}">'
                     f'<title>{escape(name)}</title></path>')
    for p in sorted(pts, key=lambda p: (p.population or 0)):
        x, y = view.project(p.lon, p.lat)
        anchor = "end" if x > width * 0.7 else "start"
        dx = -7 if anchor == "end" else 7
        parts.append(
            f'<g class="place" data-name="{escape(p.name)}" data-lat="{p.lat:.4f}" '
            f'data-lon="{p.lon:.4f}"><circle cx="{x:.1f}" cy="{y:.1f}" r="4"/>'
            f'<text x="{x + dx:.1f}" y="{y + 4:.1f}" text-anchor="{anchor}">{escape(p.name)}</text>'
            f'<title>{escape(p.name)} ({p.lat:.3f}, {p.lon:.3f})</title></g>')
    parts.append(f'<text class="credit" x="{width - 4}" y="{height - 4}" text-anchor="end">'
                 'Borders: Natural Earth</text></svg>')
    return "".join(parts)
