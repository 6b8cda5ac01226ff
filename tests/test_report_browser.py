"""The HTML report in a real headless browser (Debian's chromium over the DevTools protocol):
it renders, its map shows the places, a citation click highlights the cited span, removed
furniture can be shown, and nothing from an article runs."""

from __future__ import annotations

import json

import pytest
from report_support import add_places, need_chromium, write_story

from consilience import analyze
from consilience.report.html import to_html

HOSTILE = """Title: Protest outside parliament
Date: 2024-03-14
Source: Charlie Post

Protesters gathered outside parliament in Odesa on Wednesday holding a sign that read <script>window.__pwned = 1; document.title = "pwned"</script> in large letters.
Another placard showed <img src=x onerror="window.__pwned = 2"> as a joke about the city's web sites.
Police said the protest in Odesa ended peacefully after two hours.
"""

MARK_MATCHES_LINK = """(() => {
  const link = document.querySelector('a.cite.active');
  const mark = document.querySelector('#viewer-text mark');
  if (!link || !mark) return null;
  const data = JSON.parse(document.getElementById('consilience-data').textContent);
  const art = data.articles[link.dataset.article];
  const want = art.text.slice(+link.dataset.start, +link.dataset.end);
  const r = mark.getBoundingClientRect();
  return {mark: mark.textContent, want: want, visible: r.width > 0 && r.height > 0,
          bg: getComputedStyle(mark).backgroundColor};
})()"""


@pytest.fixture(scope="module")
def browser():
    browser_cls = need_chromium()
    with browser_cls() as b:
        yield b


@pytest.fixture(scope="module")
def seeds_report(seeds_analysis, tmp_path_factory):
    path = tmp_path_factory.mktemp("seeds") / "seeds.html"
    path.write_text(to_html(seeds_analysis), encoding="utf-8")
    return path


def test_seeds_story_renders(browser, seeds_report, seeds_analysis):
    browser.open(seeds_report)
    assert browser.js("document.querySelectorAll('section.story').length") == 1
    title = browser.js("document.querySelector('section.story h2').textContent")
    assert title.strip() == " ".join(seeds_analysis.stories[0].title.split())
    n_claims = len(seeds_analysis.stories[0].claims)
    assert n_claims > 0
    assert browser.js("document.querySelectorAll('section.story a.cite').length") >= 10
    assert browser.js("document.querySelector('.account p').innerText.length") > 100
    assert not browser.console_messages()


def test_seeds_citation_click_highlights_the_span(browser, seeds_report):
    browser.open(seeds_report)
    for selector in ("ul.claims li.v-corroborated a.cite", ".account a.cite"):
        browser.click(selector)
        got = browser.js(MARK_MATCHES_LINK)
        assert got is not None, selector
        assert got["mark"] == got["want"] and len(got["want"]) > 20
        assert got["visible"] and got["bg"] != "rgba(0, 0, 0, 0)"


def test_seeds_map_shows_the_story_places(browser, seeds_report, seeds_analysis):
    assert any(s.places for s in seeds_analysis.stories)
    browser.open(seeds_report)
    names = browser.js("[...document.querySelectorAll('svg.map g.place')].map(g => g.dataset.name)")
    assert any("Staromaio" in n for n in names), names
    assert browser.js("document.querySelectorAll('svg.map path.land').length") > 0


def test_map_markers_sit_inside_the_drawn_map(browser, tmp_path):
    analysis = add_places(analyze([write_story(tmp_path / "in")]))
    path = tmp_path / "r.html"
    path.write_text(to_html(analysis), encoding="utf-8")
    browser.open(path)
    got = browser.js("""(() => {
      const svg = document.querySelector('svg.map').getBoundingClientRect();
      return [...document.querySelectorAll('svg.map g.place circle')].map(c => {
        const r = c.getBoundingClientRect();
        return [c.parentNode.dataset.name, r.left >= svg.left && r.right <= svg.right &&
                r.top >= svg.top && r.bottom <= svg.bottom];
      });
    })()""")
    assert sorted(n for n, _ in got) == ["Odesa", "Ovidiopol", "Velykodolynske"]
    assert all(inside for _, inside in got)
    assert browser.js("document.querySelectorAll('svg.map path.land').length") >= 2


def test_removed_furniture_can_be_shown(browser, seeds_report, seeds_analysis):
    art = next(a for a in seeds_analysis.articles if a.removed)
    browser.open(seeds_report)
    browser.click(f'button.furniture[data-article="{art.id}"]')
    shown = browser.js("[...document.querySelectorAll('#viewer-text .removed')]"
                       ".map(e => e.textContent)")
    assert shown == [r.text for r in sorted(art.removed, key=lambda r: r.start)]
    text = browser.js("document.getElementById('viewer-text').textContent")
    assert all(piece in text for piece in shown) and len(text) > len(art.text)
    browser.click("#show-removed")
    assert browser.js("document.querySelectorAll('#viewer-text .removed').length") == 0
    assert browser.js("document.getElementById('viewer-text').textContent") == art.text


def test_folded_single_source_list_opens_and_cites(browser, seeds_report):
    browser.open(seeds_report)
    # the seeds' story has 38 single-source claims: a long list, folded
    assert browser.js("document.querySelector('details.lazy') !== null")
    browser.click("details.lazy summary")
    assert browser.wait_for("document.querySelectorAll('details.lazy li.claim').length") > 12
    browser.click("details.lazy li.claim a.cite")
    got = browser.js(MARK_MATCHES_LINK)
    assert got is not None and got["mark"] == got["want"]


def test_article_markup_renders_as_text_and_never_runs(browser, tmp_path):
    folder = write_story(tmp_path / "in", {"hostile.txt": HOSTILE})
    analysis = analyze([folder])
    hostile = next(a for a in analysis.articles if a.id == "hostile")
    assert "<script>" in hostile.text and "<img src=x" in hostile.text
    path = tmp_path / "r.html"
    path.write_text(to_html(analysis), encoding="utf-8")
    browser.open(path)
    # Open the hostile article in the viewer, markup and all.
    browser.click('button.open[data-article="hostile"]')
    state = browser.js("""({
      pwned: window.__pwned === undefined ? null : window.__pwned,
      title: document.title,
      imgs: document.querySelectorAll('img').length,
      scripts: document.querySelectorAll('script').length,
      viewer: document.getElementById('viewer-text').textContent,
      page: document.body.innerText
    })""")
    assert state["pwned"] is None and state["title"] != "pwned"
    assert state["imgs"] == 0 and state["scripts"] == 2
    assert '<script>window.__pwned = 1; document.title = "pwned"</script>' in state["viewer"]
    assert '<img src=x onerror="window.__pwned = 2">' in state["viewer"]
    assert "<script>window.__pwned" in state["page"] or "<img src=x" in state["page"]
    assert json.dumps(state["pwned"]) == "null"


def test_folded_quotes_open_with_speakers_and_cites(browser, seeds_report, seeds_analysis):
    browser.open(seeds_report)
    assert browser.js("document.querySelector('details.lazy-quotes') !== null")
    browser.click("details.lazy-quotes summary")
    n = browser.wait_for("document.querySelectorAll('details.lazy-quotes dd').length")
    assert n == sum(len(a.quotes) for a in seeds_analysis.articles) or n > 12
    speakers = browser.js("[...document.querySelectorAll('details.lazy-quotes dt')]"
                          ".map(e => e.textContent)")
    assert any("Putin" in s for s in speakers) and len(speakers) == len(set(speakers))
    browser.click("details.lazy-quotes dd a.cite")
    got = browser.js(MARK_MATCHES_LINK)
    assert got is not None and got["mark"] == got["want"]
