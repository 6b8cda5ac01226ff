"""URLs and feeds over HTTP, against a local server on 127.0.0.1 started in the test (never the
internet): pages, summary-only feeds whose links are fetched, 404s, timeouts, retries, the size
limit, the user agent, and ``consilience analyze --urls FILE``."""

from __future__ import annotations

import json

from click.testing import CliRunner

from consilience.cli import cli
from consilience.ingest import Fetcher, read_inputs
from consilience.model import Article, Rejection
from ingest_helpers import PARAGRAPHS, article_page, local_server

HTML = "text/html; charset=utf-8"


def _fast(**kw) -> Fetcher:
    # The test server listens on 127.0.0.1, which fetching refuses unless allowed.
    return Fetcher(**{"timeout": 1.0, "retries": 1, "backoff": 0.05,
                      "allow_private_addresses": True, **kw})


def _summary_feed(base: str) -> bytes:
    items = "".join(
        f"<item><title>Report {i}</title><link>{base}/story/{i}</link>"
        f"<pubDate>Tue, 09 Apr 2024 0{i}:00:00 GMT</pubDate>"
        f"<description>A short teaser for report {i}.</description></item>" for i in (1, 2, 3))
    return (f'<?xml version="1.0"?><rss version="2.0"><channel><title>Valley Courier</title>'
            f"<link>{base}/</link>{items}</channel></rss>").encode("utf-8")


def test_pages_fetched_with_user_agent_and_bad_urls_rejected():
    routes = {
        "/news/lowmarsh.html": (200, HTML, article_page().encode("utf-8")),
        "/slow": 3.0,
        "/img.png": (200, "image/png", b"\x89PNG" + b"0" * 100),
    }
    with local_server(routes) as (base, seen, _):
        urls = [f"{base}/news/lowmarsh.html", f"{base}/missing", f"{base}/slow",
                f"{base}/img.png"]
        with _fast() as fetcher:
            items = list(read_inputs(urls, fetcher=fetcher))
    arts = [i for i in items if isinstance(i, Article)]
    rej = {i.input.rsplit("/", 1)[1]: i for i in items if isinstance(i, Rejection)}
    assert len(arts) == 1 and PARAGRAPHS[0] in arts[0].input_text
    assert arts[0].url.endswith("/news/lowmarsh.html")
    assert arts[0].title.startswith("River wall breached")
    assert rej["missing"].reason == "http-error" and "404" in rej["missing"].detail
    assert rej["slow"].reason == "timeout" and "timed out" in rej["slow"].detail
    assert rej["img.png"].reason == "not-html"
    assert all(h.get("User-Agent", "").startswith("Consilience/") for h in seen)


def test_summary_only_feed_has_its_links_fetched():
    routes = {f"/story/{i}": (200, HTML, article_page(
        title=f"Report {i}", paragraphs=[f"Report {i} opens here. " + p for p in PARAGRAPHS]
    ).encode("utf-8")) for i in (1, 2)}
    with local_server(routes) as (base, _, hits):
        routes["/feed"] = (200, "application/rss+xml", _summary_feed(base))
        with _fast() as fetcher:
            items = list(read_inputs([f"{base}/feed"], fetcher=fetcher, fetch=True))
    arts = [i for i in items if isinstance(i, Article)]
    rej = [i for i in items if isinstance(i, Rejection)]
    assert [a.title for a in arts] == ["Report 1", "Report 2"]
    assert all("opens here" in a.input_text and "teaser" not in a.input_text for a in arts)
    # The third link answers 404 and its teaser is too short to stand as an article: the
    # rejection names the feed and the item.
    assert len(rej) == 1 and rej[0].input == f"{base}/feed item 3 <{base}/story/3>"
    assert "404" in rej[0].detail
    assert hits["/story/1"] == 1 and hits["/story/3"] == 1


def test_retries_with_backoff_then_success():
    def flaky(n: int):
        return (503, "text/plain", b"busy") if n < 2 else (200, HTML,
                                                           article_page().encode("utf-8"))

    with local_server({"/flaky": flaky}) as (base, _, hits):
        with _fast(retries=2) as fetcher:
            (art,) = list(read_inputs([f"{base}/flaky"], fetcher=fetcher))
    assert isinstance(art, Article) and hits["/flaky"] == 2


def test_response_size_limit():
    with local_server({"/big": (200, HTML, b"<p>" + b"x" * 50_000 + b"</p>")}) as (base, _, _h):
        with _fast(max_bytes=10_000) as fetcher:
            (rej,) = list(read_inputs([f"{base}/big"], fetcher=fetcher))
    assert isinstance(rej, Rejection) and rej.reason == "too-large" and "limit" in rej.detail


def test_feed_url_that_is_not_xml():
    with local_server({"/feed": (200, "application/rss+xml", b"<<< not xml at all")}) as (
            base, _, _h):
        with _fast() as fetcher:
            (rej,) = list(read_inputs([f"{base}/feed"], fetcher=fetcher))
    assert isinstance(rej, Rejection) and rej.reason == "malformed"


def test_cli_analyze_urls_file(tmp_path):
    routes = {f"/p{i}": (200, HTML, article_page(title=f"Floods {i}").encode("utf-8"))
              for i in (1, 2)}
    with local_server(routes) as (base, _, _h):
        listing = tmp_path / "urls.txt"
        listing.write_text(f"# two pages and a missing one\n{base}/p1\n\n{base}/p2\n{base}/nope\n",
                           encoding="utf-8")
        res = CliRunner().invoke(cli, ["analyze", "--urls", str(listing), "--no-db",
                                       "--allow-private-addresses"])
    assert res.exit_code == 1, res.output  # one URL was bad: named, the rest analysed
    out = json.loads(res.stdout)
    assert len(out["articles"]) == 2
    assert [r["reason"] for r in out["rejections"]] == ["http-error"]
    assert "/nope: HTTP 404" in res.stderr


def test_cli_urls_file_with_a_non_url_is_usage_error(tmp_path):
    listing = tmp_path / "urls.txt"
    listing.write_text("ftp://example.org/x\n", encoding="utf-8")
    res = CliRunner().invoke(cli, ["analyze", "--urls", str(listing), "--no-db"])
    assert res.exit_code == 2 and "not an http(s) URL" in res.output
