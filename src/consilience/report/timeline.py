"""A story's timeline as inline SVG: the dated moments its articles mention, and when each
article was published, on one axis."""

from __future__ import annotations

from datetime import date, timedelta
from html import escape

from .brief import TimePoint

TIMELINE_WIDTH = 720
TIMELINE_HEIGHT = 92
#: Horizontal room kept free at each end of the axis for the end labels, in pixels.
AXIS_MARGIN = 46
#: Shortest span drawn, in days: a story whose moments all fall on one day still gets a week's
#: axis, so that the point is not drawn on top of both end labels.
MIN_SPAN_DAYS = 6
#: Above this span the axis labels months, not days.
MONTH_LABELS_ABOVE_DAYS = 120


def _span(points: list[TimePoint]) -> tuple[date, date]:
    lo = min(p.day for p in points)
    hi = max(p.day for p in points)
    if (hi - lo).days < MIN_SPAN_DAYS:
        pad = (MIN_SPAN_DAYS - (hi - lo).days + 1) // 2
        lo, hi = lo - timedelta(days=pad), hi + timedelta(days=pad)
    return lo, hi


def _fmt(d: date, span_days: int) -> str:
    return d.strftime("%b %Y") if span_days > MONTH_LABELS_ABOVE_DAYS else d.isoformat()


def timeline_svg(points: list[TimePoint]) -> str:
    """An ``<svg class="timeline">`` with one ``<g class="tpoint">`` per moment (``data-value``
    holds its TimeML value); empty when there is no dated moment."""
    if not points:
        return ""
    lo, hi = _span(points)
    days = max((hi - lo).days, 1)
    width, height = TIMELINE_WIDTH, TIMELINE_HEIGHT
    x0, x1, axis_y = AXIS_MARGIN, width - AXIS_MARGIN, 52

    def x_of(d: date) -> float:
        return x0 + (x1 - x0) * (d - lo).days / days

    parts = [(f'<svg class="timeline" viewBox="0 0 {width} {height}" width="{width}" '
              f'height="{height}" role="img" aria-label="Timeline" '
              'xmlns="http://www.w3.org/2000/svg">'),
             f'<line class="axis" x1="{x0}" y1="{axis_y}" x2="{x1}" y2="{axis_y}"/>',
             (f'<text class="tick" x="{x0}" y="{axis_y + 22}" text-anchor="middle">'
              f'{_fmt(lo, days)}</text>'),
             (f'<text class="tick" x="{x1}" y="{axis_y + 22}" text-anchor="middle">'
              f'{_fmt(hi, days)}</text>')]
    stacked: dict[int, int] = {}
    for p in points:
        x = x_of(p.day)
        # Moments of one day stack upwards rather than overlap.
        level = stacked.get(round(x), 0)
        stacked[round(x)] = level + 1
        y = axis_y - 8 - 9 * min(level, 4)
        kind = "published" if p.source is None else p.precision
        w = 0.0
        if p.precision in ("week", "month", "year"):
            end = {"week": p.day + timedelta(days=7),
                   "month": (p.day.replace(day=28) + timedelta(days=4)).replace(day=1),
                   "year": p.day.replace(year=p.day.year + 1)}[p.precision]
            w = max(x_of(min(end, hi)) - x, 2.0)
        # The sentence is in the list beneath and one click away: the tooltip names the moment.
        title = f"{p.value}: {p.label}"
        shape = (f'<rect x="{x:.1f}" y="{y - 3:.1f}" width="{w:.1f}" height="6" rx="3"/>' if w
                 else f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4"/>')
        parts.append(f'<g class="tpoint t-{kind}" data-value="{escape(p.value)}">{shape}'
                     f'<title>{escape(title)}</title></g>')
    parts.append("</svg>")
    return "".join(parts)
