"""The ``places`` article stage and the ``geo`` story stage.

``articles[].places[]``: one :class:`~consilience.model.Place` per distinct place an article
names, with every mention as a span. A detected toponym that is not in the gazetteer is kept
with ``geonames_id``, ``lat`` and ``lon`` null and ``feature`` null: "named, but not in the
gazetteer" (load the country's GeoNames dump with ``consilience gazetteer load`` to resolve
villages below 500 people).

``stories[].places[]``: the story's places merged across its articles by GeoNames id (by name
for places without one); their ``mentions`` are left to the articles, whose spans they are.
A story place missing from the gazetteer gets a position when one of the story's articles states
its distance and direction from a located place ("some 10km south of the town of Orikhiv"):
``lat``/``lon`` inferred, with ``inferred`` naming that statement, its article and span, and an
uncertainty radius. ``stories[].geo_checks[]``: stated distances and directions checked
(:mod:`.checks`), with inferred positions.
"""

from __future__ import annotations

from ..model import Article, Place, Story
from ..nlp.annotate import parse
from ..lang import PIPELINE_LANGUAGES
from ..pipeline import article_stage, story_stage
from .gazetteer import Gazetteer, default_gazetteer
from .resolve import Resolved, resolve
from .toponyms import detect


def geoparse(article: Article, gaz: Gazetteer | None = None) -> list[Resolved]:
    """Detected and resolved toponym mentions of ``article.text``, in text order."""
    gaz = gaz or default_gazetteer()
    mentions = detect(article.text, parse(article), gaz)
    return resolve(mentions, gaz)


def _place_of(gaz: Gazetteer, r: Resolved) -> tuple[str, Place]:
    if r.index is None:
        key = "name:" + r.mention.surface.lower()
        return key, Place(name=r.mention.surface)
    rec = gaz.record(r.index)
    key = f"id:{rec.geonames_id}" if rec.geonames_id else f"name:{rec.name.lower()}"
    return key, Place(name=rec.name, geonames_id=rec.geonames_id, lat=round(rec.lat, 5),
                      lon=round(rec.lon, 5), country=rec.country or None,
                      admin1=gaz.admin1_name(r.index), feature=rec.feature,
                      population=rec.population or None)


def article_places(article: Article, resolved: list[Resolved], gaz: Gazetteer) -> list[Place]:
    """The article's places; a name inside an organisation's name ("The New York Times") is
    not one."""
    places: dict[str, Place] = {}
    for r in resolved:
        if r.mention.embedded:
            continue
        key, place = _place_of(gaz, r)
        place = places.setdefault(key, place)
        place.mentions.append(article.span(r.mention.start, r.mention.end, "places"))
    return list(places.values())


def places(article: Article) -> Article:
    gaz = default_gazetteer()
    article.places = article_places(article, geoparse(article, gaz), gaz)
    return article


places_stage = article_stage("places", needs={"text"}, adds={"places"},
                             languages=PIPELINE_LANGUAGES)(places)


def merge_places(articles: list[Article]) -> list[Place]:
    """The story's places: each article's places merged by GeoNames id (else by name)."""
    merged: dict[str, Place] = {}
    for art in articles:
        for p in art.places:
            key = f"id:{p.geonames_id}" if p.geonames_id else f"name:{p.name.lower()}"
            if key not in merged:
                merged[key] = p.model_copy(update={"mentions": []})
    return list(merged.values())


def geo(story: Story, articles: dict[str, Article]) -> Story:
    from .checks import story_geography

    arts = [articles[a] for a in story.articles if a in articles]
    story.places = merge_places(arts)
    story.geo_checks, positions = story_geography(arts)
    for i, p in enumerate(story.places):
        if p.lat is None and p.name.lower() in positions:
            story.places[i] = positions[p.name.lower()][0]
    return story


geo_stage = story_stage("geo", needs={"article.places", "article.text"},
                        adds={"places", "geo_checks"})(geo)
