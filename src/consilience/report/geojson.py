"""The places of every story, and its located events, as a GeoJSON FeatureCollection (RFC 7946:
coordinates are [longitude, latitude] in WGS 84)."""

from __future__ import annotations

import json

from ..model import Analysis
from .brief import story_places
from .events import story_events


def place_features(analysis: Analysis) -> list[dict]:
    by_id = {a.id: a for a in analysis.articles}
    feats = []
    for story in analysis.stories:
        arts = [by_id[a] for a in story.articles if a in by_id]
        for p in story_places(story, arts):
            if p.lat is None or p.lon is None:
                continue
            naming = [a.id for a in arts if any(
                (p.geonames_id and ap.geonames_id == p.geonames_id) or ap.name == p.name
                for ap in a.places)]
            feats.append({
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(p.lon, 5), round(p.lat, 5)]},
                "properties": {"kind": "place", "story_id": story.id, "name": p.name,
                               "geonames_id": p.geonames_id, "country": p.country,
                               "admin1": p.admin1, "feature": p.feature,
                               "population": p.population, "articles": naming,
                               "mentions": len(p.mentions),
                               "inferred": p.inferred.model_dump() if p.inferred else None},
            })
    return feats


def event_features(analysis: Analysis) -> list[dict]:
    by_id = {a.id: a for a in analysis.articles}
    feats = []
    for story in analysis.stories:
        for row in story_events(story, by_id):
            if row["latitude"] is None or row["longitude"] is None:
                continue
            feats.append({
                "type": "Feature",
                "geometry": {"type": "Point",
                             "coordinates": [row["longitude"], row["latitude"]]},
                "properties": {"kind": "event", **row},
            })
    return feats


def to_geojson(analysis: Analysis) -> str:
    fc = {"type": "FeatureCollection",
          "features": place_features(analysis) + event_features(analysis)}
    return json.dumps(fc, ensure_ascii=False, indent=2) + "\n"
