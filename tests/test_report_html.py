"""The HTML report as a file: self-contained, escaped, with the data the viewer needs."""

from __future__ import annotations

import base64
import hashlib
import html as html_lib
import json
import re
import subprocess
import sys

import pytest
from report_support import write_story

from consilience.report.html import script_json, to_html
from consilience.report.worldmap import map_svg, view_for, world


@pytest.fixture(scope="module")
def invented(invented_analysis):
    return invented_analysis


def test_report_is_self_contained(invented):
    html = to_html(invented)
    # Nothing is loaded from anywhere: no external script, style, image, font or frame.
    assert not re.search(r"<(script|img|iframe|link|object|embed)[^>]*\s(src|href)=", html, re.IGNORECASE)
    assert "@import" not in html and "url(" not in html
    csp = html_lib.unescape(
        re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', html).group(1))
    assert "default-src 'none'" in csp
    # The one inline script is allowed by its hash, and nothing else may run.
    script = re.search(r"<script>(.*?)</script>", html, re.DOTALL).group(1)
    digest = base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in csp


def test_article_data_round_trips_and_cannot_close_its_element(invented):
    html = to_html(invented)
    raw = re.search(r'<script type="application/json" id="consilience-data">(.*?)</script>',
                    html, re.DOTALL).group(1)
    data = json.loads(raw)
    alpha = invented.article("alpha")
    assert data["articles"]["alpha"]["text"] == alpha.text
    assert data["articles"]["alpha"]["removed"] == [[r.start, r.text, r.reason]
                                                    for r in alpha.removed]
    hostile = {"t": "</script><script>alert(1)</script><!-- & \u2028"}
    out = script_json(hostile)
    assert "<" not in out and ">" not in out and "&" not in out
    assert json.loads(out) == hostile


def test_citations_point_at_the_cited_text(invented):
    html = to_html(invented)
    cites = re.findall(r'<a class="cite" href="#" data-article="([^"]+)" data-start="(\d+)" '
                       r'data-end="(\d+)">', html)
    assert len(cites) > 5
    texts = {a.id: a.text for a in invented.articles}
    claim_texts = {c.text for s in invented.stories for c in s.claims}
    for art, s, e in cites:
        assert 0 <= int(s) < int(e) <= len(texts[art])
    assert any(texts[a][int(s):int(e)] in claim_texts for a, s, e in cites)


def test_claims_carry_their_verdict_class(invented):
    html = to_html(invented)
    assert html.count('class="claim v-corroborated"') == sum(
        c.verdict.value == "corroborated" for s in invented.stories for c in s.claims)


def test_map_marks_each_located_place_over_shipped_borders(invented):
    html = to_html(invented)
    svg = re.search(r'<svg class="map".*?</svg>', html, re.DOTALL).group(0)
    names = set(re.findall(r'<g class="place" data-name="([^"]+)"', svg))
    # The Black Sea's centroid lies 370 km off: named beside the map, not drawn on it.
    assert names == {"Velykodolynske", "Odesa", "Ovidiopol"}
    assert 'data-iso="UA"' in svg and "Natural Earth" in svg
    assert "3 of 4 places on the map; also named: Black Sea." in html


def test_map_view_contains_the_places_and_world_data_is_shipped():
    assert len(world()["countries"]) > 200
    from consilience.model import Place

    places = [Place(name="Kyiv", lat=50.45, lon=30.52), Place(name="Lisbon", lat=38.72, lon=-9.14)]
    v = view_for(places)
    for p in places:
        assert v.west < p.lon < v.east and v.south < p.lat < v.north
    assert map_svg([Place(name="Nowhere")]) == ""
    assert 'data-name="Kyiv"' in map_svg(places)


def test_story_without_places_or_times_still_renders(invented):
    a = invented.model_copy(deep=True)
    for art in a.articles:
        art.places, art.times, art.quotes = [], [], []
    html = to_html(a)
    assert "No place of this story has coordinates." in html
    assert "No quotes found." in html and '<section class="story"' in html


def test_cli_writes_html(tmp_path):
    folder = write_story(tmp_path / "in")
    out = tmp_path / "report.html"
    proc = subprocess.run([sys.executable, "-m", "consilience", "analyze", str(folder),
                           "--no-db", "--format", "html", "--out", str(out)],
                          check=False, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stderr
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and "Velykodolynske" in html


def test_map_focuses_on_where_things_happened():
    from consilience.model import Place
    from consilience.report.worldmap import focus

    places = [Place(name="Ukraine", lat=49.0, lon=32.0, feature="PCLI"),
              Place(name="Russia", lat=60.0, lon=100.0, feature="PCLI"),
              Place(name="Moscow", lat=55.75, lon=37.62, feature="PPLC", population=10_000_000),
              Place(name="Staromaiorske", lat=47.75, lon=36.79, feature="PPL", population=839),
              Place(name="Mariupol", lat=47.10, lon=37.54, feature="PPL", population=230_000),
              Place(name="Orikhiv", lat=47.58, lon=35.78, feature="PPL", population=14_000)]
    shown, left = focus(places)
    assert {p.name for p in shown} == {"Staromaiorske", "Mariupol", "Orikhiv"}
    assert {p.name for p in left} == {"Ukraine", "Russia", "Moscow"}
    svg = map_svg(places)
    assert 'data-name="Moscow"' not in svg and 'data-name="Mariupol"' in svg
