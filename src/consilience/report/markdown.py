"""A readable brief per story in Markdown. Every statement cites its sources as
``[article-id]``; the content is the same as the HTML report's (see :mod:`.brief`)."""

from __future__ import annotations

from ..notes import article_note
from ..model import Analysis, SourceRef, Story
from .brief import Line, StoryBrief, sentence, speakers, story_brief
from .mdescape import md_cite, md_text


def _cite(refs: list[SourceRef]) -> str:
    ids: list[str] = []
    for r in refs:
        if r.article not in ids:
            ids.append(r.article)
    return " ".join(md_cite(i) for i in ids)


#: Every article-derived value goes through this: no line breaks, no raw HTML, no Markdown markup.
_md = md_text


def _claim(line: Line, *, show_verdict: bool = False) -> str:
    head = f"**{_md(line.verdict)}**: " if show_verdict else ""
    return f"- {head}{_md(line.text)} {_cite(line.sources)}"


def _disputed(line: Line) -> list[str]:
    out = [_claim(line, show_verdict=True), f"  - why: {_md(line.why or '')}"]
    for side in line.sides:
        who = _md(side.who) if side.who else ""
        val = f" ({_md(side.value)})" if side.value else ""
        head = f"{who}{val}".strip()
        out.append(f"  - {head + ': ' if head else ''}\u201c{_md(side.source.text)}\u201d "
                   f"{_cite([side.source])}")
    return out


def _sources(b: StoryBrief) -> str:
    parts = []
    for s in b.sources:
        a = s.article
        d = a.published_date()
        parts.append(f"{md_cite(a.id)} {_md(a.outlet) or 'unknown outlet'}"
                     + (f", {d.isoformat()}" if d else "")
                     + (" (date inferred)" if d and a.published_inferred else "")
                     + (f" (copy of {_md(a.copy_of)})" if a.copy_of else "")
                     + (f" (not analysed: {_md(note)})" if (note := article_note(a)) else ""))
    return "Sources: " + "; ".join(parts)


def _section(title: str, lines: list[str]) -> list[str]:
    return [f"### {title}", "", *lines, ""] if lines else []


def brief_markdown(b: StoryBrief) -> str:
    out = [f"## {_md(b.story.title)}", "", _sources(b), ""]
    if b.account:
        out += ["### Account", "",
                " ".join(f"{_md(sentence(l.text))} {_cite(l.sources)}" for l in b.account), ""]
    out += _section("Where the sources differ", [x for l in b.disputed for x in _disputed(l)])
    agreed = []
    for l in b.agreed:
        agreed.append(_claim(l, show_verdict=l.verdict != "corroborated"))
        if l.verdict != "corroborated" and l.why:
            agreed.append(f"  - why: {_md(l.why)}")
    out += _section("What the sources agree on", agreed)
    out += _section("What only one source says", [_claim(l) for l in b.single])
    who = []
    for speaker, quotes in speakers(b.quotes):
        who.append(f"- {_md(speaker)}")
        who += [f"  - {_md(q.display)} {_cite([q.source])}" for q in quotes]
    out += _section("Who said what", who)
    out += _section("Timeline", [
        f"- {_md(p.shown)}: {_md(p.label)}" + (f" \u2014 {_md(p.context)} {_cite([p.source])}"
                                        if p.source else "") for p in b.timeline])
    out += _section("Places", [
        f"- {_md(pl.place.name)}" + (f" ({pl.place.lat:.4f}, {pl.place.lon:.4f})"
                                    if pl.place.lat is not None and pl.place.lon is not None
                                    else " (not located)")
        + (f", inferred within {pl.place.inferred.uncertainty_km:.0f} km from"
           f" {_cite([pl.place.inferred.source])}" if pl.place.inferred else "")
        + (f", {_md(pl.place.admin1)}" if pl.place.admin1 else "")
        + (f", {_md(pl.place.country)}" if pl.place.country else "")
        + (f" {_cite(pl.sources)}" if pl.sources else "") for pl in b.places])
    out += _section("Geography that does not check out", [
        f"- **{_md(g.verdict)}**: {_md(g.text)} {_cite(g.sources)}\n  - {_md(g.explanation)}"
        for g in b.geo_problems])
    out += _section("Geography that could not be checked", [
        f"- {_md(g.text)} {_cite(g.sources)}\n  - {_md(g.explanation)}"
        for g in b.geo_unchecked])
    if b.geo_consistent:
        out += _section("Geography checked and consistent", [
            f"- {_md(g.text)} {_cite(g.sources)} ({_md(g.explanation)})"
            for g in b.geo_consistent])
    return "\n".join(out)


def story_markdown(story: Story, analysis: Analysis) -> str:
    return brief_markdown(story_brief(story, analysis))


def _count(n: int, what: str) -> str:
    """"1 article", "2 stories", "3 inputs rejected": the noun (the first word) in the number."""
    if n == 1:
        return f"1 {what}"
    head, _, rest = what.partition(" ")
    head = head[:-1] + "ies" if head.endswith("y") else head + "s"
    return f"{n} {head}{' ' + rest if rest else ''}"


def to_markdown(analysis: Analysis) -> str:
    rejected = [r for r in analysis.rejections if r.kind == "rejected"]
    warned = [r for r in analysis.rejections if r.kind == "stage-warning"]
    skipped = [r for r in analysis.rejections if r.kind == "skipped"]
    out = ["# Consilience brief", "",
           ", ".join(_count(n, what) for n, what in (
               (len(analysis.articles), "article"), (len(analysis.stories), "story"),
               (len(rejected), "input rejected"), (len(warned), "stage warning")) if n or
               what in ("article", "story")) + ".",
           ""]
    for story in analysis.stories:
        out.append(story_markdown(story, analysis))
    if rejected:
        out += ["## Rejected inputs", ""]
        out += [f"- {_md(r.input)}: {_md(r.detail or r.reason)} (stage {_md(r.stage)})"
                for r in rejected]
        out.append("")
    if skipped:
        out += ["## Files not read", ""]
        out += [f"- {_md(r.input)}: {_md(r.detail or r.reason)}" for r in skipped]
        out.append("")
    if warned:
        out += ["## Stage warnings", "",
                "A stage failed on these; what it adds is missing, the rest was analysed.", ""]
        out += [f"- {_md(r.input)}: stage {_md(r.stage)} failed: {_md(r.detail or r.reason)}"
                for r in warned]
        out.append("")
    return "\n".join(out)
