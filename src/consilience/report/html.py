"""The HTML report: one self-contained file that works offline.

Stories with their brief (claims coloured by verdict, disputes with both sides, quotes, timeline,
places and a map drawn from the shipped Natural Earth borders), and an article viewer: clicking a
citation shows the cited sentence highlighted in the article's text; removed page furniture can be
shown in place.

Safety: the page is rendered by Jinja2 with autoescaping; the article texts the viewer needs
travel as JSON inside ``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped,
and the viewer inserts them with ``textContent``, never as markup. A Content-Security-Policy
allows only the report's own script (by its hash) and no network at all, so even markup that
slipped through could neither run nor load anything.
"""

from __future__ import annotations

import base64
import hashlib
import json
from functools import lru_cache
from importlib import resources

from markupsafe import Markup

from ..clean.furniture import text_note
from ..model import Analysis, Article, Verdict
from .brief import StoryBrief, sentence, speakers, story_brief
from .timeline import timeline_svg
from .worldmap import focus, map_svg

#: Lists longer than this start folded (``<details>``), so a large story stays scannable; a
#: folded list of single-source statements or quotes is built from the article texts when
#: opened (the page carries each article's text once).
FOLD_LIST_ABOVE = 12
VERDICT_ORDER = [v.value for v in (Verdict.contradicted, Verdict.contested,
                                   Verdict.attribution_differs, Verdict.compatible,
                                   Verdict.corroborated, Verdict.single_source)]


@lru_cache(maxsize=1)
def _env():
    from jinja2 import Environment, PackageLoader, select_autoescape

    env = Environment(loader=PackageLoader("consilience.report", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True),
                      trim_blocks=True, lstrip_blocks=True)
    env.filters["vclass"] = lambda v: "v-" + str(v or "none").replace(" ", "-")
    env.globals["text_note"] = text_note
    return env


def _asset(name: str) -> str:
    return resources.files("consilience.report").joinpath("assets", name).read_text("utf-8")


def script_json(data: object) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survive, so no
    ``</script>`` or ``<!--`` can end or alter the element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return (text.replace("&", "\\u0026").replace("<", "\\u003c").replace(">", "\\u003e")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _article_data(a: Article) -> dict:
    """What the viewer needs of an article: its clean text and what cleaning removed."""
    return {"title": a.title, "outlet": a.outlet, "url": a.url if _safe_url(a.url) else None,
            "published": a.published_date().isoformat() if a.published_date() else None,
            "text": a.text,
            "removed": [[r.start, r.text, r.reason] for r in a.removed]}


def _safe_url(url: str | None) -> bool:
    return bool(url) and url.lower().startswith(("http://", "https://"))


def _lazy_lines(b: StoryBrief) -> list[list[list]]:
    """A long list of single-source statements as citations only ([article, number, start,
    end] per source): their text is the article's own, which the page already carries, so the
    viewer script builds the list when it is opened instead of the page holding it twice."""
    return [[[r.article, b.number(r.article), r.start, r.end] for r in line.sources]
            for line in b.single]


def _lazy_quotes(b: StoryBrief) -> list[list]:
    """A long list of quotes as [speaker, direct, [article, number, start, end]] per quote, in
    speaker order; the words are the article's own, built into the list when it is opened."""
    return [[speaker, q.direct, [q.source.article, b.number(q.source.article), q.source.start,
                                 q.source.end]]
            for speaker, quotes in speakers(b.quotes) for q in quotes]


def _verdict_counts(b: StoryBrief) -> list[tuple[str, int]]:
    counts: dict[str, int] = {}
    for c in b.story.claims:
        counts[c.verdict.value] = counts.get(c.verdict.value, 0) + 1
    return [(v, counts[v]) for v in VERDICT_ORDER if v in counts]


def _csp(script: str) -> str:
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode()
    return (f"default-src 'none'; script-src 'sha256-{digest}'; style-src 'unsafe-inline'; "
            "img-src data:; base-uri 'none'; form-action 'none'")


def to_html(analysis: Analysis) -> str:
    briefs = [story_brief(s, analysis) for s in analysis.stories]
    in_story = {a for s in analysis.stories for a in s.articles}
    data = {"articles": {a.id: _article_data(a) for a in analysis.articles if a.id in in_story}}
    script = _asset("report.js")
    data["lazy"] = {b.story.id: _lazy_lines(b) for b in briefs if len(b.single) > FOLD_LIST_ABOVE}
    data["quotes"] = {b.story.id: _lazy_quotes(b) for b in briefs
                      if len(b.quotes) > FOLD_LIST_ABOVE}
    views = [{
        "brief": b,
        "lazy_single": b.story.id in data["lazy"],
        "lazy_quotes": b.story.id in data["quotes"],
        "counts": _verdict_counts(b),
        "map": Markup(map_svg([pl.place for pl in b.places],
                              label=f"Map of the places of {b.story.title}")),
        "timeline": Markup(timeline_svg(b.timeline)),
        "focus": focus([pl.place for pl in b.places]),
    } for b in briefs]
    return _env().get_template("report.html").render(
        analysis=analysis, views=views, fold=FOLD_LIST_ABOVE,
        css=Markup(_asset("report.css")), script=Markup(script), csp=_csp(script),
        data=Markup(script_json(data)), safe_url=_safe_url, speakers=speakers, sentence=sentence,
    )
