"""Inputs for the report tests: two short reports of an invented event, written for the tests,
and a stand-in for the places stage where a test needs places regardless of the geo stage."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from consilience.model import Analysis, Place

ALPHA = """Title: Army retakes Velykodolynske after week of fighting
Date: 2024-03-14
Source: Alpha News

Government forces recaptured the village of Velykodolynske on Wednesday, the defence ministry said.
The village lies about 40km south of Odesa on the Black Sea coast.
"Our units have liberated Velykodolynske and are clearing the streets," the ministry spokesman Petro Hrytsenko said.
Separatist fighters shelled the nearby town of Ovidiopol overnight, local officials said.
Three civilians were killed in the shelling, according to the regional governor.
"""

BRAVO = """Title: Velykodolynske back under government control
Date: 2024-03-14
Source: Bravo Daily

The army said on Wednesday that its troops had taken back Velykodolynske from separatist fighters.
The army recaptured Velykodolynske after days of heavy fighting, a military spokesman said.
The rebels said they had withdrawn in good order and denied losing many men.
Residents of Ovidiopol said the town was shelled overnight and that four civilians died.
"""

#: Where the invented event's places are (real places near Odesa).
GAZETTEER = {
    "Velykodolynske": (46.3239, 30.5600, "PPL", 4000),
    "Odesa": (46.4775, 30.7326, "PPLA", 1_000_000),
    "Ovidiopol": (46.2667, 30.4333, "PPLA2", 12_000),
    "Black Sea": (43.0, 34.0, "SEA", 0),
}


def write_story(folder: Path, extra: dict[str, str] | None = None) -> Path:
    """Write the two reports (and any ``extra`` name -> text) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in {"alpha.txt": ALPHA, "bravo.txt": BRAVO, **(extra or {})}.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def add_places(analysis: Analysis, gazetteer: dict = GAZETTEER) -> Analysis:
    """Give every article the places of ``gazetteer`` it names, with mentions, as the geo stage
    does; for tests of rendering that must not depend on that stage."""
    for art in analysis.articles:
        places = []
        for name, (lat, lon, feature, pop) in gazetteer.items():
            spans = [art.span(m.start(), m.end())
                     for m in re.finditer(rf"\b{re.escape(name)}\b", art.text)]
            if spans:
                places.append(Place(name=name, lat=lat, lon=lon, country="UA", admin1="Odesa",
                                    feature=feature, population=pop, mentions=spans))
        art.places = places
    for story in analysis.stories:
        story.places = []
    return analysis


def need_chromium():
    """The browser class, skipping when Debian's chromium is absent (failing when CI=true)."""
    from report_browser import Browser, chromium_path

    if chromium_path() is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("chromium is missing, and CI=true requires it (apt-get install -y chromium)")
        pytest.skip("chromium is not installed (apt-get install -y chromium)")
    pytest.importorskip("websocket")
    return Browser
