"""Readers of files: HTML (plain and gzipped), feeds, WARC archives, JSONL dumps, folders with
include/exclude globs, and every kind of bad input becoming a Rejection while the batch goes on."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

import pytest

from consilience.ingest import read_file, read_inputs
from consilience.model import Article, Rejection
from ingest_helpers import NO_ARTICLE_PAGE, PARAGRAPHS, article_page


def _split(items):
    items = list(items)
    return ([i for i in items if isinstance(i, Article)],
            [i for i in items if isinstance(i, Rejection)])


def test_html_page_gives_body_and_metadata(tmp_path):
    page = tmp_path / "lowmarsh.html"
    page.write_text(article_page(), encoding="utf-8")
    (art,), rej = _split(read_file(page))
    assert not rej
    assert art.id == "lowmarsh"
    assert art.title == "River wall breached at Lowmarsh as floods force evacuations"
    assert art.outlet == "Valley Courier"
    assert art.authors == ["Jane Holloway"]
    assert str(art.published)[:10] == "2024-04-09"
    for p in PARAGRAPHS:
        assert p in art.input_text
    assert "Home" not in art.input_text.split() and "Copyright" not in art.input_text


def test_gzipped_html_and_non_utf8_page(tmp_path):
    gz = tmp_path / "a.html.gz"
    gz.write_bytes(gzip.compress(article_page().encode("utf-8")))
    latin = tmp_path / "b.html"
    html = article_page(paragraphs=[p.replace("St Anne's", "Sainte-Anne\u00e9") for p in
                                    PARAGRAPHS]).replace('charset="utf-8"', 'charset="latin-1"')
    latin.write_bytes(html.encode("latin-1", errors="replace"))
    arts, rej = _split(read_inputs([gz, latin]))
    assert not rej and len(arts) == 2
    assert "Sainte-Anne\u00e9" in arts[1].input_text


def test_bad_files_each_rejected_and_batch_goes_on(tmp_path):
    good = tmp_path / "good.html"
    good.write_text(article_page(), encoding="utf-8")
    truncated = tmp_path / "cut.html.gz"
    truncated.write_bytes(gzip.compress(article_page().encode("utf-8"))[:300])
    empty_page = tmp_path / "nav-only.html"
    empty_page.write_text(NO_ARTICLE_PAGE, encoding="utf-8")
    not_xml = tmp_path / "news.rss"
    not_xml.write_text("this is not a feed, just words {]", encoding="utf-8")
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:  # a sparse 200 MB file: no disk used, refused before reading
        fh.truncate(200 * 1024 * 1024)
    items = list(read_inputs([truncated, empty_page, not_xml, big, good]))
    arts, rej = _split(items)
    assert [a.id for a in arts] == ["good"]
    reasons = {Path(r.input).name: (r.reason, r.detail) for r in rej}
    assert reasons["cut.html.gz"][0] == "corrupt" and "truncated" in reasons["cut.html.gz"][1]
    assert reasons["nav-only.html"][0] == "no-article"
    assert reasons["news.rss"][0] == "malformed" and "not well-formed XML" in reasons["news.rss"][1]
    assert reasons["huge.html"][0] == "too-large" and "200 MB" in reasons["huge.html"][1]
    for r in rej:
        assert "\n" not in r.detail and r.detail


def test_gzip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setenv("CONSILIENCE_MAX_FILE_MB", "1")
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * (3 * 1024 * 1024) + b"</p>"))
    (rej,) = read_file(bomb)
    assert isinstance(rej, Rejection) and rej.reason == "too-large"


FULL_FEED = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Valley Courier</title><link>https://courier.example/</link>
<item><title>River wall breached at Lowmarsh</title>
<link>https://courier.example/news/lowmarsh-floods</link>
<pubDate>Tue, 09 Apr 2024 07:30:00 GMT</pubDate>
<description>Floods force evacuations.</description>
<content:encoded><![CDATA[{body}]]></content:encoded></item>
</channel></rss>"""


def test_full_text_feed_entries_become_articles(tmp_path):
    feed = tmp_path / "courier.rss"
    feed.write_text(FULL_FEED.format(body="".join(f"<p>{p}</p>" for p in PARAGRAPHS)),
                    encoding="utf-8")
    (art,), rej = _split(read_file(feed))
    assert not rej
    assert art.title == "River wall breached at Lowmarsh"
    assert art.url == "https://courier.example/news/lowmarsh-floods"
    assert art.outlet == "Valley Courier"
    assert str(art.published)[:10] == "2024-04-09"
    assert art.id.startswith("lowmarsh-floods-")
    assert PARAGRAPHS[2] in art.input_text


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        def response(url: str, ctype: str, body: bytes, status: str = "200 OK"):
            headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))

        writer.write_record(writer.create_warc_record("", "warcinfo",
                                                      payload=io.BytesIO(b"software: test")))
        response("https://courier.example/news/lowmarsh-floods.html", "text/html; charset=utf-8",
                 article_page().encode("utf-8"))
        response("https://courier.example/img/river.png", "image/png",
                 b"\x89PNG\r\n\x1a\n" + b"0" * 64)
        response("https://courier.example/gone", "text/html", b"<html></html>", "404 Not Found")


def test_warc_html_records_become_articles_others_rejections(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive)
    arts, rej = _split(read_file(archive))
    assert len(arts) == 1
    assert arts[0].url == "https://courier.example/news/lowmarsh-floods.html"
    assert arts[0].id.startswith("lowmarsh-floods-")
    assert PARAGRAPHS[0] in arts[0].input_text
    by_reason = {r.reason: r for r in rej}
    assert set(by_reason) == {"not-html", "http-error"}
    assert "image/png" in by_reason["not-html"].detail
    assert "river.png" in by_reason["not-html"].input


def test_damaged_warc_keeps_what_came_before(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    _warc(archive)
    data = archive.read_bytes()
    cut = tmp_path / "cut.warc.gz"
    cut.write_bytes(data[: len(data) - 150])
    items = list(read_file(cut))
    assert any(isinstance(i, Article) for i in items)
    assert any(isinstance(i, Rejection) and i.reason in {"corrupt", "not-html", "http-error"}
               for i in items)


def test_jsonl_dump_streams_and_rejects_bad_lines(tmp_path):
    dump = tmp_path / "dump.jsonl"
    recs = [{"id": "a1", "title": "t", "text": PARAGRAPHS[0]}, "{not json",
            {"id": "a2", "maintext": PARAGRAPHS[1], "date_publish": "2024-04-09 07:30:00"}]
    dump.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in recs) + "\n",
                    encoding="utf-8")
    arts, rej = _split(read_file(dump))
    assert [a.id for a in arts] == ["a1", "a2"]
    assert len(rej) == 1 and rej[0].input.endswith("dump.jsonl:2") and rej[0].reason == "malformed"


def test_folders_recursive_with_include_and_exclude(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "one.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    (tmp_path / "a" / "b" / "two.txt").write_text(PARAGRAPHS[1], encoding="utf-8")
    (tmp_path / "a" / "b" / "three.html").write_text(article_page(), encoding="utf-8")
    (tmp_path / "a" / "b" / "skip.txt").write_text(PARAGRAPHS[2], encoding="utf-8")
    everything = [a.id for a in read_inputs([tmp_path]) if isinstance(a, Article)]
    assert sorted(everything) == ["one", "skip", "three", "two"]
    only_txt = [a.id for a in read_inputs([tmp_path], include=["*.txt"], exclude=["skip*"])]
    assert sorted(only_txt) == ["one", "two"]
    by_rel = [a.id for a in read_inputs([tmp_path], include=["a/b/*"])]
    assert sorted(by_rel) == ["skip", "three", "two"]


@pytest.mark.parametrize("name", ["x.pdf", "x.docx"])
def test_unsupported_file_named(tmp_path, name):
    p = tmp_path / name
    p.write_bytes(b"%PDF-1.4 ...")
    (rej,) = read_file(p)
    assert isinstance(rej, Rejection) and rej.reason == "unsupported"


def test_byline_element_gives_author_when_no_meta_tag(tmp_path):
    html = article_page().replace('<meta name="author" content="Jane Holloway">', "").replace(
        "<article>", '<article><p class="byline">By <a rel="author">Tom Reed</a> and '
                     '<a rel="author">Ana Silva</a></p><form class="comment-form">'
                     '<label class="author">Name *</label></form>')
    page = tmp_path / "p.html"
    page.write_text(html, encoding="utf-8")
    (art,) = read_file(page)
    assert art.authors == ["Tom Reed and Ana Silva"]


def test_cli_folder_with_include_exclude_and_bad_files(tmp_path):
    from click.testing import CliRunner

    from consilience.cli import cli

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "lowmarsh.html").write_text(article_page(), encoding="utf-8")
    (tmp_path / "sub" / "notes.txt").write_text(PARAGRAPHS[0], encoding="utf-8")
    whole = gzip.compress(article_page().encode("utf-8"))
    (tmp_path / "sub" / "cut.html.gz").write_bytes(whole[: len(whole) // 2])
    res = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--include", "*.htm*",
                                   "--exclude", "notes*", "--no-db"])
    assert res.exit_code == 1
    out = json.loads(res.stdout)
    assert [a["id"] for a in out["articles"]] == ["lowmarsh"]
    assert out["articles"][0]["language"] == "en"
    (line,) = [ln for ln in res.stderr.splitlines() if "cut.html.gz" in ln]
    assert "truncated gzip" in line


ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Valley Courier</title>
<entry><title>River wall breached at Lowmarsh</title>
<link href="https://courier.example/news/lowmarsh-atom"/>
<id>urn:uuid:1</id><updated>2024-04-09T07:30:00Z</updated>
<author><name>Jane Holloway</name></author>
<content type="html">{body}</content></entry></feed>"""


def test_atom_feed_with_full_content(tmp_path):
    from xml.sax.saxutils import escape

    feed = tmp_path / "courier.atom"
    feed.write_text(ATOM.format(body=escape("".join(f"<p>{p}</p>" for p in PARAGRAPHS))),
                    encoding="utf-8")
    (art,) = read_file(feed)
    assert isinstance(art, Article)
    assert art.authors == ["Jane Holloway"] and str(art.published)[:10] == "2024-04-09"
    assert PARAGRAPHS[4] in art.input_text


def test_spans_of_an_html_article_point_into_its_extracted_text(tmp_path):
    """Through the whole pipeline: a dateline cut from the first paragraph and a caption run
    into a paragraph leave every span's input offsets pointing at the same characters."""
    from consilience import analyze

    paras = [f"LOWMARSH (Reuters) - {PARAGRAPHS[0]}", *PARAGRAPHS[1:]]
    (tmp_path / "wire.html").write_text(article_page(paragraphs=paras), encoding="utf-8")
    (art,) = analyze([tmp_path]).articles
    assert art.text.startswith("Flood water breached")
    assert ("LOWMARSH (Reuters) - ", "dateline") in [(r.text, r.reason) for r in art.removed]
    spans = [m for e in art.entities for m in e.mentions] + art.sentences
    assert len(spans) > 10
    for sp in spans:
        assert art.text[sp.start:sp.end] == art.input_text[sp.input_start:sp.input_end]


# --- Bad field types, bad characters, odd names and containers: each a Rejection or a clean read

STORY = PARAGRAPHS[0]


@pytest.mark.parametrize(("record", "field", "problem"), [
    ({"title": 5}, "title", "is a number, expected a string"),
    ({"title": ["a", "b"]}, "title", "is a list, expected a string"),
    ({"url": {"href": "x"}}, "url", "is an object, expected a string"),
    ({"source_domain": True}, "source_domain", "is true/false, expected a string"),
    ({"text": 12, "maintext": STORY}, "text", "is a number, expected a string"),
    ({"date_publish": 1712647800}, "date_publish", "is a number, expected a string"),
    ({"date_publish": "not a date at all, surely"}, "date_publish", "is not a date"),
    ({"authors": [1, 2]}, "authors", "is a list holding non-strings"),
    ({"authors": 7}, "authors", "is a number, expected a list of strings"),
    ({"id": ["x"]}, "id", "is a list, expected a string"),
    ({"language": 3.5}, "language", "is a number, expected a string"),
])
def test_json_field_of_the_wrong_type_is_a_rejection_naming_it(tmp_path, record, field, problem):
    rec = {"id": "r1", "text": STORY, **record}
    single = tmp_path / "one.json"
    single.write_text(json.dumps(rec), encoding="utf-8")
    dump = tmp_path / "dump.jsonl"
    dump.write_text(json.dumps(rec) + "\n" + json.dumps({"id": "ok", "text": STORY}) + "\n",
                    encoding="utf-8")
    items = list(read_inputs([single, dump]))
    arts, rej = _split(items)
    assert [a.id for a in arts] == ["ok"]
    assert [r.input for r in rej] == [str(single), f"{dump}:1"]
    for r in rej:
        assert r.reason == "malformed" and f"field '{field}' {problem}" in r.detail
        assert "\n" not in r.detail


def test_null_fields_are_absent_and_a_numeric_id_is_kept(tmp_path):
    rec = {"id": 4711, "title": None, "text": None, "maintext": STORY, "date_publish": None,
           "authors": None, "url": None, "source_domain": "courier.example"}
    p = tmp_path / "n.json"
    p.write_text(json.dumps(rec), encoding="utf-8")
    (art,) = read_file(p)
    assert isinstance(art, Article)
    assert (art.id, art.title, art.published, art.authors, art.outlet) == (
        "4711", None, None, [], "courier.example")
    assert art.input_text == STORY


@pytest.mark.parametrize("escape", [r"\ud800", r"\udfff", r"\udc80"])
def test_lone_surrogates_in_json_become_replacement_characters(tmp_path, escape):
    body = json.dumps(STORY[:40])[:-1] + escape + json.dumps(STORY[40:])[1:]
    p = tmp_path / "s.jsonl"
    p.write_text('{"id": "s", "title": "T' + escape + '", "text": ' + body + "}\n",
                 encoding="utf-8")
    (art,) = read_file(p)
    assert isinstance(art, Article)
    assert art.input_text == STORY[:40] + "\ufffd" + STORY[40:]
    assert art.title == "T\ufffd"
    art.model_dump_json().encode("utf-8")  # writable as UTF-8 (raises on a surrogate)
    from consilience.store import Store

    store = Store(tmp_path / "s.db")
    try:
        store.put_articles([art], "readers")
        assert store.get_article("s").input_text == art.input_text
    finally:
        store.close()


def test_surrogate_character_reference_in_a_feed_is_read(tmp_path):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS).replace("Lowmarsh", "Low&amp;#xD800;marsh")
    feed = tmp_path / "bad-ref.rss"
    feed.write_text(FULL_FEED.format(body=body).replace(
        "<title>River wall", "<title>&#xD800; River wall").replace(
        "Floods force", "&#55296; Floods force"), encoding="utf-8")
    (art,), rej = _split(read_file(feed))
    assert not rej
    assert art.title == "\ufffd River wall breached at Lowmarsh"
    assert "\ud800" not in art.input_text and PARAGRAPHS[3] in art.input_text
    art.model_dump_json().encode("utf-8")


@pytest.mark.parametrize("ref", ["&#99999999999999999999999999;", "&#x110000;", "&#0;",
                                 "&#xFFFFFFFFFFFFFFFFFFFFFFFF;", "&#xDC80;"])
def test_reference_to_no_character_in_a_feed_title_is_a_replacement(tmp_path, ref):
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    feed = tmp_path / "ref.rss"
    feed.write_text(FULL_FEED.format(body=body).replace("<title>River", f"<title>{ref}River"),
                    encoding="utf-8")
    (art,) = read_file(feed)
    assert isinstance(art, Article) and art.title == "\ufffdRiver wall breached at Lowmarsh"


def test_deeply_nested_json_is_a_rejection(tmp_path):
    deep = "[" * 100_000 + "]" * 100_000
    single = tmp_path / "deep.json"
    single.write_text('{"text": ' + deep + "}", encoding="utf-8")
    dump = tmp_path / "deep.jsonl"
    dump.write_text(deep + "\n" + json.dumps({"id": "after", "text": STORY}) + "\n",
                    encoding="utf-8")
    arts, rej = _split(read_inputs([single, dump]))
    assert [a.id for a in arts] == ["after"]
    assert [(r.input, r.reason) for r in rej] == [(str(single), "malformed"),
                                                  (f"{dump}:1", "malformed")]
    assert all("nested too deeply" in r.detail for r in rej)


def test_non_utf8_file_name_is_read_and_named_printably(tmp_path):
    import os

    folder = tmp_path / "in"
    folder.mkdir()
    raw = os.fsencode(folder) + b"/caf\xe9-report.txt"
    with open(raw, "wb") as fh:
        fh.write(STORY.encode("utf-8"))
    with open(os.fsencode(folder) + b"/bad\xff.json", "wb") as fh:
        fh.write(b'{"text": 5}')
    arts, rej = _split(read_inputs([folder]))
    assert [a.id for a in arts] == ["caf\\xe9-report"]
    assert arts[0].source.endswith("caf\\xe9-report.txt")
    (r,) = rej
    assert r.input.endswith("bad\\xff.json") and "field 'text'" in r.detail
    for item in (*arts, r):
        item.model_dump_json().encode("utf-8")
    direct = list(read_inputs([os.fsdecode(raw)]))
    assert [a.id for a in direct] == ["caf\\xe9-report"]


def _warc_records(path: Path, kinds: list[str]) -> None:
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=path.name.endswith(".gz"))
        for kind in kinds:
            writer.write_record(writer.create_warc_record(
                "https://courier.example/news/x", kind, payload=io.BytesIO(b"GET /news/x HTTP/1.1"
                                                                           b"\r\n\r\n")))


def test_empty_and_request_only_warcs_are_rejections(tmp_path):
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    empty_gz = tmp_path / "empty.warc.gz"
    empty_gz.write_bytes(gzip.compress(b""))
    requests = tmp_path / "requests.warc.gz"
    _warc_records(requests, ["warcinfo", "request", "request"])
    arts, rej = _split(read_inputs([empty, empty_gz, requests]))
    assert not arts
    assert [Path(r.input).name for r in rej] == ["empty.warc", "empty.warc.gz",
                                                 "requests.warc.gz"]
    assert all(r.reason == "empty" and "no response records" in r.detail for r in rej)
    assert "2 request, 1 warcinfo" in rej[2].detail


GZ_KINDS = {
    "t.txt.gz": STORY.encode(),
    "m.md.gz": STORY.encode(),
    "j.json.gz": json.dumps({"text": STORY}).encode(),
    "d.jsonl.gz": (json.dumps({"text": STORY}) + "\n").encode(),
    "n.ndjson.gz": (json.dumps({"id": "n-rec", "text": STORY}) + "\n").encode(),
    "h.html.gz": article_page().encode(),
    "f.rss.gz": FULL_FEED.format(body="".join(f"<p>{p}</p>" for p in PARAGRAPHS)).encode(),
}


def test_gzipped_files_of_every_kind_are_read_from_folders(tmp_path):
    for name, data in GZ_KINDS.items():
        (tmp_path / name).write_bytes(gzip.compress(data))
    _warc(tmp_path / "w.warc.gz")
    arts, rej = _split(read_inputs([tmp_path]))
    named = sorted(a.id for a in arts if not a.id.startswith("lowmarsh-floods-"))
    assert named == ["d-1", "h", "j", "m", "n-rec", "t"]
    assert len(arts) == 8  # and the feed's entry and the WARC's page, named by their URLs
    assert {r.reason for r in rej} == {"not-html", "http-error"}  # the WARC's other records
    for a in arts:
        assert PARAGRAPHS[0] in a.input_text


def test_truncated_gzipped_jsonl_keeps_records_before_the_damage(tmp_path):
    lines = "".join(json.dumps({"id": f"r{i}", "text": STORY}) + "\n" for i in range(400))
    whole = gzip.compress(lines.encode())
    cut = tmp_path / "cut.jsonl.gz"
    cut.write_bytes(whole[: len(whole) * 2 // 3])
    arts, rej = _split(read_file(cut))
    assert 0 < len(arts) < 400
    (r,) = rej
    assert r.reason == "corrupt" and r.input == str(cut) and "\n" not in r.detail


def test_jsonl_record_over_the_limit_is_refused_without_loading_it(tmp_path, monkeypatch):
    import tracemalloc

    monkeypatch.setenv("CONSILIENCE_MAX_RECORD_MB", "1")
    dump = tmp_path / "big.jsonl"
    with dump.open("w", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "before", "text": STORY}) + "\n")
        fh.write('{"id": "huge", "text": "' + "word " * (6 * 1024 * 1024) + '"}\n')  # 30 MB
        fh.write(json.dumps({"id": "after", "text": STORY}) + "\n")
    tracemalloc.start()
    try:
        arts, rej = _split(read_file(dump))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [a.id for a in arts] == ["before", "after"]
    (r,) = rej
    assert (r.input, r.reason) == (f"{dump}:2", "too-large") and "1 MB" in r.detail
    assert peak < 8 * 1024 * 1024  # a few MB of buffers, never the 30 MB line


@pytest.mark.parametrize(("name", "expected"), [
    ("XIE19990313.0229.txt", "XIE19990313.0229"),
    ("page.html.gz", "page"),
    ("a.b.json", "a.b"),
    ("notes.md", "notes"),
    ("v1.2.warc.gz", "v1.2"),
])
def test_file_id_keeps_everything_before_the_extension(name, expected):
    from consilience.ingest.ids import file_id

    assert file_id(name) == expected


def test_dotted_file_names_are_distinct_articles_and_real_collisions_named(tmp_path):
    from consilience.runners.local import dedupe

    for name in ("XIE19990313.0229.txt", "XIE19990313.0230.txt", "XIE19990313.0231.txt"):
        (tmp_path / name).write_text(STORY, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "XIE19990313.0230.json").write_text(json.dumps({"text": STORY}),
                                                            encoding="utf-8")
    items = list(dedupe(read_inputs([tmp_path])))
    arts, rej = _split(items)
    assert [a.id for a in arts] == ["XIE19990313.0229", "XIE19990313.0230", "XIE19990313.0231"]
    (dup,) = rej
    assert dup.reason == "duplicate-id" and dup.input.endswith("sub/XIE19990313.0230.json")
    assert dup.detail.endswith(str(tmp_path / "XIE19990313.0230.txt"))


def _two_page_warc(path: Path) -> None:
    """An uncompressed WARC of two HTML responses."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as fh:
        writer = WARCWriter(fh, gzip=False)
        for page in ("/news/one.html", "/news/two.html"):
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")],
                                       protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(
                f"https://courier.example{page}", "response",
                payload=io.BytesIO(article_page().encode("utf-8")), http_headers=headers))


def test_warc_record_with_a_damaged_header_is_a_corrupt_rejection(tmp_path):
    """A response record that lost its WARC-Target-URI line: warcio's parser fails on it; the
    records before it are kept and the archive is named as damaged."""
    import re

    whole = tmp_path / "whole.warc"
    _two_page_warc(whole)
    data = whole.read_bytes()
    second = data.rindex(b"WARC-Target-URI:")
    damaged = tmp_path / "damaged.warc"
    damaged.write_bytes(data[:second] + re.sub(rb"^WARC-Target-URI:[^\n]*\n", b"",
                                               data[second:], count=1))
    arts, rej = _split(read_file(damaged))
    assert [a.url for a in arts] == ["https://courier.example/news/one.html"]
    (r,) = rej
    assert (r.input, r.reason) == (str(damaged), "corrupt") and "damaged WARC" in r.detail


@pytest.mark.parametrize("data", [
    '<?xml version="1.0" encoding="\u00b8x"?><rss><channel><item><title>a</title></item>'
    "</channel></rss>".encode("latin-1"),
    FULL_FEED.replace("UTF-8", "UTF-16").replace("<title>River", "<title>&#xDFFF; River").format(
        body="".join(f"<p>{p}</p>" for p in PARAGRAPHS)).encode("utf-16"),
])
def test_feed_that_cannot_be_decoded_is_a_rejection(tmp_path, data):
    feed = tmp_path / "odd.rss"
    feed.write_bytes(data)
    (r,) = read_file(feed)
    assert isinstance(r, Rejection)
    assert (r.input, r.reason) == (str(feed), "malformed") and "cannot decode" in r.detail


def test_control_characters_in_a_feed_entry_do_not_stop_the_feed(tmp_path):
    marks = ["\x0b", "&#1;", "\ufffe"]  # a control, a reference to one, a non-character
    paras = [p.replace("Lowmarsh", f"Low{m}marsh", 1) for p, m in zip(PARAGRAPHS, marks)]
    paras += PARAGRAPHS[3:]
    feed = tmp_path / "ctl.rss"
    feed.write_text(FULL_FEED.format(body="".join(f"<p>{p}</p>" for p in paras)),
                    encoding="utf-8")
    (art,) = read_file(feed)
    assert isinstance(art, Article)
    assert PARAGRAPHS[3] in art.input_text
    assert not any(m in art.input_text for m in ("\x0b", "\x01", "\ufffe"))


def test_xml_files_go_to_the_feed_or_page_reader_by_their_first_element(tmp_path):
    feed = tmp_path / "feed.xml"
    feed.write_text(FULL_FEED.format(body="".join(f"<p>{p}</p>" for p in PARAGRAPHS)),
                    encoding="utf-8")
    (art,), rej = _split(read_file(feed))
    assert not rej and art.title == "River wall breached at Lowmarsh"
    assert PARAGRAPHS[2] in art.input_text
    page = tmp_path / "story.xml"
    page.write_text('<?xml version="1.0" encoding="utf-8"?>\n<!-- saved page -->\n'
                    + article_page().replace("<html>", '<html xmlns="http://www.w3.org/1999/'
                                                       'xhtml">'), encoding="utf-8")
    (art,), rej = _split(read_file(page))
    assert not rej and PARAGRAPHS[1] in art.input_text
    gz = tmp_path / "feed.xml.gz"
    gz.write_bytes(gzip.compress(feed.read_bytes()))
    (art,), rej = _split(read_file(gz))
    assert not rej and art.outlet == "Valley Courier"
    cut = tmp_path / "cut.xml.gz"
    cut.write_bytes(gz.read_bytes()[:-40])
    (rej,) = read_file(cut)
    assert isinstance(rej, Rejection) and "truncated gzip" in rej.detail, rej.detail


@pytest.mark.parametrize("body, expected", [
    ('<?xml version="1.0"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
     "<url><loc>https://courier.example/a</loc></url></urlset>", "<urlset> (a sitemap)"),
    ("<?xml version='1.0'?><nitf><body>text</body></nitf>", "<nitf>, not a feed"),
    ("plain words, no markup", "not XML"),
])
def test_other_xml_is_refused_naming_its_root_element(tmp_path, body, expected):
    p = tmp_path / "x.xml"
    p.write_text(body, encoding="utf-8")
    (rej,) = read_file(p)
    assert isinstance(rej, Rejection) and rej.input == str(p)
    assert expected in rej.detail and "\n" not in rej.detail


def test_files_a_folder_holds_that_no_reader_takes_are_named_in_one_notice(tmp_path):
    from click.testing import CliRunner

    from consilience.cli import cli

    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "lowmarsh.html").write_text(article_page(), encoding="utf-8")
    for name in ("scan.pdf", "photo.jpg", "photo2.jpg", "README"):
        (tmp_path / "sub" / name).write_bytes(b"\x00\x01")
    (tmp_path / ".hidden.pdf").write_bytes(b"\x00")
    items = list(read_inputs([tmp_path], exclude=["README"]))
    arts, (notice,) = _split(items)
    assert [a.id for a in arts] == ["lowmarsh"]
    assert notice.kind == "skipped" and notice.input == str(tmp_path)
    assert notice.detail.startswith("3 files not read")
    assert ".jpg (2), .pdf" in notice.detail and "sub/scan.pdf" in notice.detail
    assert "README" not in notice.detail and "hidden" not in notice.detail
    # a notice, not a failure: the run succeeds and the brief lists the files apart
    res = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--no-db", "--format", "md"])
    assert res.exit_code == 0, res.stderr
    assert "4 files not read" in res.stderr and "sub/README" in res.stderr
    assert "## Files not read" in res.stdout and "inputs rejected" not in res.stdout
    res = CliRunner().invoke(cli, ["analyze", str(tmp_path), "--no-db", "--format", "html"])
    assert res.exit_code == 0 and "<h2>Files not read</h2>" in res.stdout
    assert "inputs rejected" not in res.stdout


def test_a_warc_record_longer_than_its_content_length_is_told_in_one_line(tmp_path, capsys,
                                                                          caplog):
    """warcio writes a multi-line warning of its own to stderr when a record does not end where
    its Content-Length says; the reader tells it once, in one line naming the archive, and reads
    on."""
    import re

    archive = tmp_path / "crawl.warc"
    _two_page_warc(archive)
    data = archive.read_bytes()
    m = re.search(rb"Content-Length: (\d+)", data)
    archive.write_bytes(data[:m.start(1)] + str(int(m.group(1)) - 7).encode() + data[m.end(1):])
    with caplog.at_level("WARNING"):
        arts, _ = _split(read_file(archive))
    assert len(arts) == 2
    assert "WARNING: Record" not in capsys.readouterr().err
    (said,) = [r.getMessage() for r in caplog.records]
    assert said == f"{archive}: record 1 does not end where its Content-Length says; the " \
                   "archive is read on"
