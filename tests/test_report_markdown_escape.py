"""The Markdown brief shows article-derived text as written and never as markup: no raw HTML,
links, images or emphasis reach the rendered brief from titles, texts, ids or outlets."""

from __future__ import annotations

import json
import re

import pytest
from markdown_it import MarkdownIt
from report_support import ALPHA, write_story

from consilience import analyze
from consilience.report.markdown import to_markdown
from consilience.report.mdescape import md_text

SCRIPT = "<script>alert(1)</script>"
IFRAME = '<iframe src="javascript:alert(2)"></iframe>'
IMG = "<img src=x onerror=alert(3)>"


@pytest.fixture(scope="module")
def hostile_md(tmp_path_factory):
    body = ALPHA.split("\n\n", 1)[1]
    body = body.replace("on Wednesday,", f"on Wednesday {SCRIPT},", 1)
    body = body.replace("overnight,", f"overnight {IFRAME} [click](javascript:alert(4)),", 1)
    body = body.replace("regional governor.", f"regional governor {IMG} ![x](http://x.test/p.png).")
    record = {"id": f"evil{IMG}", "title": f"Army retakes Velykodolynske {SCRIPT}",
              "text": body, "date_publish": "2024-03-14T09:00:00",
              "source_domain": f"{IFRAME}*bold*"}
    folder = write_story(tmp_path_factory.mktemp("hostile"),
                         {"evil.json": json.dumps(record, ensure_ascii=False)})
    analysis = analyze([folder])
    assert f"evil{IMG}" in {a.id for a in analysis.articles}
    return to_markdown(analysis)


def test_no_raw_html_in_the_brief(hostile_md):
    assert "<" not in hostile_md and ">" not in hostile_md
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in hostile_md  # shown, not dropped
    assert f"[evil{md_text(IMG)}]" in hostile_md  # the id is cited, escaped


def test_rendered_brief_has_no_tags_links_or_images(hostile_md):
    """Rendered by a CommonMark renderer that lets raw HTML through, the brief still has no
    element but its own: headings, lists, paragraphs, strong."""
    html = MarkdownIt("commonmark", {"html": True}).enable("strikethrough").render(hostile_md)
    tags = set(re.findall(r"</?([a-zA-Z][a-zA-Z0-9]*)", html))
    assert tags <= {"h1", "h2", "h3", "ul", "li", "p", "strong"}, tags
    assert "javascript:" not in re.sub(r"&[a-z]+;|\\", "", "".join(
        re.findall(r'(?:href|src)="([^"]*)"', html)))
    # The hostile text reads as written once rendered.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "*bold*" in html


def test_md_text_escapes_markup_but_not_words():
    assert md_text("a <b> & c") == "a &lt;b&gt; &amp; c"
    assert md_text("[x](javascript:y) *z* `q` ~s~ _u_ 000_d8c6") == \
        "\\[x\\](javascript:y) \\*z\\* \\`q\\` \\~s\\~ \\_u\\_ 000_d8c6"
    assert md_text("two\nlines\t here") == "two lines here"
    assert md_text(None) == ""
    # A value that starts a list item cannot open a block inside it.
    for head in ("# Heading", "1. first", "2) second", "- item", "+ item", "=== rule", "| a | b |",
                 "> quote"):
        html = MarkdownIt("commonmark").render(f"- {md_text(head)}\n")
        assert re.sub(r"</?(ul|li)>|\s", "", html) == re.sub(r"\s", "", head.replace(
            ">", "&gt;")), (head, html)
