"""A readable brief per story: what the sources agree on, what only one says, where they differ.
Every statement cites its sources as ``[article-id]``."""

from __future__ import annotations

from ..model import Analysis, Story, StoryClaim, Verdict

SECTIONS = [
    ("Where the sources differ", {Verdict.contradicted, Verdict.contested,
                                  Verdict.attribution_differs, Verdict.compatible}),
    ("What the sources agree on", {Verdict.corroborated}),
    ("What only one source says", {Verdict.single_source}),
]


def _cite(claim: StoryClaim) -> str:
    ids = []
    for s in claim.sources:
        if s.article not in ids:
            ids.append(s.article)
    return " ".join(f"[{i}]" for i in ids)


def _line(claim: StoryClaim) -> str:
    text = " ".join(claim.text.split())
    if claim.verdict in (Verdict.corroborated, Verdict.single_source):
        return f"- {text} {_cite(claim)}"
    return (f"- **{claim.verdict.value}**: {text} {_cite(claim)}\n"
            f"  - why: {claim.explanation.summary}")


def story_markdown(story: Story, analysis: Analysis) -> str:
    out = [f"## {story.title}", ""]
    arts = [analysis.article(a) for a in story.articles]
    out.append("Sources: " + "; ".join(
        f"[{a.id}] {a.outlet or 'unknown outlet'}"
        + (f", {a.published_date().isoformat()}" if a.published_date() else "")
        + (f" (copy of {a.copy_of})" if a.copy_of else "") for a in arts))
    out.append("")
    for heading, verdicts in SECTIONS:
        claims = [c for c in story.claims if c.verdict in verdicts]
        if not claims:
            continue
        out += [f"### {heading}", ""] + [_line(c) for c in claims] + [""]
    return "\n".join(out)


def to_markdown(analysis: Analysis) -> str:
    out = ["# Consilience brief", "",
           f"{len(analysis.articles)} articles, {len(analysis.stories)} stories"
           + (f", {len(analysis.rejections)} inputs rejected" if analysis.rejections else "") + ".",
           ""]
    for story in analysis.stories:
        out.append(story_markdown(story, analysis))
    if analysis.rejections:
        out += ["## Rejected inputs", ""]
        out += [f"- {r.input}: {r.detail or r.reason} (stage {r.stage})" for r in analysis.rejections]
        out.append("")
    return "\n".join(out)
