"""Event records (ACLED-named columns) in CSV and JSON, and places as GeoJSON."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pandas as pd
import pytest
from report_support import add_places, write_story

from consilience import analyze
from consilience.report.events import (
    ACLED_FIELDS,
    FIELDS,
    events,
    to_events_csv,
    to_events_json,
)
from consilience.report.geojson import to_geojson

SKY, OTHER = "000_d8c6f9f78160522c", "001_db78440b76a60587"


@pytest.fixture(scope="module")
def invented(invented_analysis):
    return invented_analysis


def _csv(analysis) -> pd.DataFrame:
    return pd.read_csv(io.StringIO(to_events_csv(analysis)), dtype={"event_id_cnty": str})


def test_recapture_is_one_located_dated_event_with_both_sources(invented):
    df = _csv(invented)
    assert list(df.columns) == FIELDS
    rows = df[(df.sub_event_type == "Government regains territory")
              & (df.location == "Velykodolynske")]
    assert len(rows) == 1
    row = rows.iloc[0]
    assert row.event_type == "Battles" and row.disorder_type == "Political violence"
    assert (row.latitude, row.longitude) == (46.3239, 30.56)
    assert row.geo_precision == 1 and row.country == "Ukraine" and row.event_id_cnty[:3] == "UKR"
    # "on Wednesday" in reports of Thursday 14 March: the day before, to the day.
    assert row.event_date == "2024-03-13" and row.time_precision == 1
    assert set(row.source_articles.split(";")) == {"alpha", "bravo"}
    assert set(row.source.split("; ")) == {"Alpha News", "Bravo Daily"}
    assert row.verdict == "corroborated" and row.independent_sources == 2


def test_shelling_is_remote_violence_at_the_shelled_town(invented):
    df = _csv(invented)
    shelling = df[df.sub_event_type == "Shelling/artillery/missile attack"]
    assert "Ovidiopol" in set(shelling.location)
    row = shelling[shelling.location == "Ovidiopol"].iloc[0]
    assert row.event_type == "Explosions/Remote violence"
    assert "Separatist" in str(row.actor1)
    # Odesa is only the reference point of "40km south of Odesa": no event is placed there.
    assert "Odesa" not in set(df.location.dropna())


def test_json_rows_match_csv_rows(invented):
    data = json.loads(to_events_json(invented))
    assert data["standard"] == "ACLED" and data["fields"] == FIELDS
    assert data["count"] == len(data["data"]) == len(_csv(invented))
    for row in data["data"]:
        assert set(row) == set(FIELDS)
        assert isinstance(row["source_articles"], list) and row["source_articles"]
        for span in row["source_spans"]:
            art, _, rng = span.rpartition(":")
            start, end = map(int, rng.split("-"))
            assert 0 <= start < end <= len(invented.article(art).text)
    assert set(ACLED_FIELDS) <= set(FIELDS)


def test_hypothetical_and_negated_actions_are_not_events(tmp_path):
    text = ("Title: Talks\nDate: 2024-04-02\nSource: Delta\n\nThe army could recapture Ovidiopol "
            "next month, officials said.\nThe rebels did not shell Odesa on Tuesday, a monitor said.\n")
    a = add_places(analyze([write_story(tmp_path / "in", {"delta.txt": text})]))
    for row in events(a):
        assert "delta" not in row["source_articles"] or row["location"] not in ("Ovidiopol",
                                                                                "Odesa"), row


def test_geojson_has_every_located_place_and_event(invented):
    fc = json.loads(to_geojson(invented))
    assert fc["type"] == "FeatureCollection"
    places = {f["properties"]["name"]: f for f in fc["features"]
              if f["properties"]["kind"] == "place"}
    assert set(places) == {"Velykodolynske", "Odesa", "Ovidiopol", "Black Sea"}
    assert places["Velykodolynske"]["geometry"] == {"type": "Point",
                                                     "coordinates": [30.56, 46.3239]}
    assert set(places["Velykodolynske"]["properties"]["articles"]) == {"alpha", "bravo"}
    evs = [f for f in fc["features"] if f["properties"]["kind"] == "event"]
    assert any(f["properties"]["location"] == "Velykodolynske" for f in evs)


def test_seeds_event_csv_has_the_recapture_of_staromaiorske(seeds_dir, seeds_analysis, tmp_path):
    """Through the real pipeline and the CLI."""
    assert any(a.places for a in seeds_analysis.articles)
    out = tmp_path / "events.csv"
    proc = subprocess.run([sys.executable, "-m", "consilience", "analyze", str(seeds_dir),
                           "--no-db", "--format", "events-csv", "--out", str(out)],
                          check=False, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    df = pd.read_csv(out)
    assert list(df.columns) == FIELDS
    rows = df[df.location.astype(str).str.contains("Staromai")
              & (df.sub_event_type == "Government regains territory")]
    assert len(rows) == 1, df[["sub_event_type", "location", "source_articles"]]
    row = rows.iloc[0]
    assert pd.notna(row.latitude) and pd.notna(row.longitude)
    assert 47.0 < row.latitude < 48.5 and 36.0 < row.longitude < 37.5
    assert pd.notna(row.event_date) and str(row.event_date).startswith("2023-07")
    assert set(row.source_articles.split(";")) == {SKY, OTHER}
