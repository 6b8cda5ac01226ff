"""Renderers of an :class:`~consilience.model.Analysis`: JSON, Markdown, a self-contained HTML
report, event records (ACLED-named columns, CSV and JSON) and the places as GeoJSON."""

from .events import to_events_csv, to_events_json
from .geojson import to_geojson
from .html import to_html
from .jsonout import analysis_schema, to_json
from .markdown import to_markdown

FORMATS = {"json": to_json, "md": to_markdown, "html": to_html, "events-csv": to_events_csv,
           "events-json": to_events_json, "geojson": to_geojson}

__all__ = ["FORMATS", "analysis_schema", "to_events_csv", "to_events_json", "to_geojson",
           "to_html", "to_json", "to_markdown"]
