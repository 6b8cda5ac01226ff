"""Geography in the brief: checks that fail and checks that could not be made are listed apart
(Markdown, HTML, JSON), and inferred positions are shown as such."""

from __future__ import annotations

import json

import pytest

from consilience.report import to_html, to_json, to_markdown


def _section(md: str, heading: str) -> str:
    start = md.index(heading)
    end = md.find("\n### ", start + len(heading))
    return md[start:end if end >= 0 else len(md)]


@pytest.mark.shared
def test_markdown_lists_unverifiable_geography_apart_from_failed(seeds_analysis):
    md = to_markdown(seeds_analysis)
    failed = _section(md, "### Geography that does not check out")
    unchecked = _section(md, "### Geography that could not be checked")
    assert "about 110km (68 miles) west of Staromaiorske" in failed
    assert "**off**" in failed and "unverifiable" not in failed
    assert "some 10km (6 miles) south of the town of Orikhiv" in unchecked
    assert "110km" not in unchecked
    places = _section(md, "### Places")
    robotyne = next(ln for ln in places.splitlines() if ln.startswith("- Robotyne"))
    assert "inferred within" in robotyne and "[001_db78440b76a60587]" in robotyne


@pytest.mark.shared
def test_html_lists_unverifiable_geography_apart_from_failed(seeds_analysis):
    html = to_html(seeds_analysis)
    failed = html[html.index("<h3>Geography that does not check out</h3>"):]
    failed = failed[:failed.index("</ul>")]
    unchecked = html[html.index("<h3>Geography that could not be checked</h3>"):]
    unchecked = unchecked[:unchecked.index("</ul>")]
    assert "110km" in failed and "geo-unverifiable" not in failed
    assert "some 10km" in unchecked and "geo-off" not in unchecked


@pytest.mark.shared
def test_json_gives_unverifiable_its_own_verdict_and_the_inferred_position(seeds_analysis):
    data = json.loads(to_json(seeds_analysis))
    (story,) = [s for s in data["stories"] if len(s["articles"]) == 2]
    verdicts = {c["text"]: c["verdict"] for c in story["geo_checks"]}
    assert verdicts["about 110km (68 miles) west of Staromaiorske"] == "off"
    assert verdicts["some 10km (6 miles) south of the town of Orikhiv"] == "unverifiable"
    robotyne = next(p for p in story["places"] if p["name"] == "Robotyne")
    assert robotyne["inferred"]["source"]["article"] == "001_db78440b76a60587"
    assert robotyne["inferred"]["uncertainty_km"] > 0
