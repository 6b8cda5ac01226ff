"""The typed model: lossless JSON round trips and the committed JSON Schema."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema

from consilience.model import Analysis, Article, Span, Story
from consilience.report import analysis_schema, to_json

SCHEMA_FILE = Path(__file__).resolve().parents[1] / "schema" / "analysis.schema.json"


def test_analysis_round_trips_through_json(seeds_analysis):
    data = seeds_analysis.model_dump_json()
    again = Analysis.model_validate_json(data)
    assert again == seeds_analysis
    assert again.model_dump_json() == data


def test_every_article_field_survives_round_trip(seeds_analysis):
    for art in seeds_analysis.articles:
        back = Article.model_validate_json(art.model_dump_json())
        assert back.offset_map == [tuple(r) for r in art.offset_map]
        assert back.published == art.published
        assert back.entities == art.entities


def test_story_round_trip_keeps_verdict_enum(seeds_analysis):
    story = seeds_analysis.stories[0]
    back = Story.model_validate_json(story.model_dump_json())
    assert [c.verdict for c in back.claims] == [c.verdict for c in story.claims]


def test_committed_schema_is_current():
    committed = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    assert committed == analysis_schema(), (
        "schema/analysis.schema.json is stale: run `consilience schema --out "
        "schema/analysis.schema.json`")


def test_output_validates_against_schema(seeds_analysis):
    jsonschema.validate(json.loads(to_json(seeds_analysis)), analysis_schema())


def test_span_rejects_unknown_fields():
    import pydantic
    import pytest

    with pytest.raises(pydantic.ValidationError):
        Span(start=0, end=1, input_start=0, input_end=1, colour="red")
