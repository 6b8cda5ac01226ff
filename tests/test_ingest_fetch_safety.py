"""Safe fetching and offline feeds, against local servers on 127.0.0.1 that count every request
(never the internet).

Offline by default: a feed file is read from its entries' own text and nothing is requested
unless fetching is asked for. Fetching refuses loopback and private addresses in every spelling,
also after a redirect, unless allowed; it keeps one deadline per fetch, bounds the decompressed
size while streaming, and turns every transport failure into a one-line rejection. Tests of
fetching itself allow private addresses (the servers are on loopback); tests of the refusal do
not, and check that the server saw no request.
"""

from __future__ import annotations

import gzip
import json
import socket
import threading
import time
import tracemalloc
import zlib
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address

import pytest
from click.testing import CliRunner

from consilience.cli import cli
from consilience.ingest import Fetcher, read_file, read_inputs
from consilience.ingest import fetch as fetch_module
from consilience.model import Article, Rejection
from ingest_helpers import PARAGRAPHS, article_page

HTML = "text/html; charset=utf-8"
PAGE = article_page().encode("utf-8")


@contextmanager
def server(routes: dict, host: str = "127.0.0.1"):
    """Serve ``routes`` on ``host``: path -> (status, headers, body), or a callable taking the
    request handler and answering itself. Yields the base URL and the hits per path."""
    hits: dict[str, int] = {}

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            hits[self.path] = hits.get(self.path, 0) + 1
            route = routes.get(self.path, (404, {"Content-Type": "text/plain"}, b"not found"))
            try:
                if callable(route):
                    route(self)
                    return
                status, headers, body = route
                self.send_response(status)
                for k, v in {"Content-Length": str(len(body)), **headers}.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args):
            pass

    srv = ThreadingHTTPServer((host, 0), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    try:
        yield f"http://{host}:{srv.server_address[1]}", hits
    finally:
        srv.shutdown()
        srv.server_close()


def _fetcher(**kw) -> Fetcher:
    return Fetcher(**{"timeout": 2.0, "retries": 0, "backoff": 0.01, "deadline": 5.0, **kw})


def _one_list(urls: list[str], fetch: bool = False, **kw) -> list[Article | Rejection]:
    with _fetcher(**kw) as f:
        return list(read_inputs(urls, fetcher=f, fetch=fetch))


def _one(url: str, **kw) -> Article | Rejection:
    items = _one_list([url], **kw)
    assert len(items) == 1, items
    return items[0]


def _feed(base: str, items: list[str]) -> str:
    return ('<?xml version="1.0"?><rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            f"<title>Valley Courier</title><link>{base}/</link>{''.join(items)}</channel></rss>")


def _item(n: int, link: str | None, description: str = "", content: str = "") -> str:
    return (f"<item><title>Report {n}</title>" + (f"<link>{link}</link>" if link else "")
            + "<pubDate>Tue, 09 Apr 2024 07:00:00 GMT</pubDate>"
            + (f"<description><![CDATA[{description}]]></description>" if description else "")
            + (f"<content:encoded><![CDATA[{content}]]></content:encoded>" if content else "")
            + "</item>")


# -- offline by default ---------------------------------------------------------------------------

def test_feed_file_is_read_offline_from_its_own_text(tmp_path):
    """Short full text in content:encoded and HTML summaries become articles from the feed itself;
    no link is requested; an item with no text names the feed file and the item."""
    short_full = f"<p>{PARAGRAPHS[0]}</p><p>{PARAGRAPHS[1]}</p>"
    with server({f"/story/{i}": (200, {"Content-Type": HTML}, PAGE) for i in (1, 2, 3)}) as (
            base, hits):
        feed = tmp_path / "courier.rss"
        feed.write_text(_feed(base, [
            _item(1, f"{base}/story/1", description="A teaser.", content=short_full),
            _item(2, f"{base}/story/2", description=f"<b>Lowmarsh:</b> {PARAGRAPHS[3]}"),
            _item(3, f"{base}/story/3"),
            _item(4, None),
            _item(5, f"{base}/story/5", description="Lowmarsh &amp; Eastfield schools will stay "
                                                    "closed until Friday, the council said."),
        ]), encoding="utf-8")
        items = list(read_inputs([str(feed)]))
    assert hits == {}
    arts = [i for i in items if isinstance(i, Article)]
    rej = [i for i in items if isinstance(i, Rejection)]
    assert [a.title for a in arts] == ["Report 1", "Report 2", "Report 5"]
    assert arts[0].input_text == f"{PARAGRAPHS[0]}\n{PARAGRAPHS[1]}"
    assert arts[1].input_text == f"Lowmarsh: {PARAGRAPHS[3]}"  # HTML cleaned to text
    assert arts[2].input_text.startswith("Lowmarsh & Eastfield schools")  # entities decoded
    assert arts[0].source == f"{feed}#entry1" and arts[2].url == f"{base}/story/5"
    assert [r.input for r in rej] == [f"{feed} item 3 <{base}/story/3>",
                                      f'{feed} item 4 "Report 4"']
    assert all(r.reason == "no-text" for r in rej)
    assert "--fetch" in rej[0].detail and "no link" in rej[1].detail


def test_feed_file_links_fetched_only_with_fetch(tmp_path):
    routes = {f"/story/{i}": (200, {"Content-Type": HTML}, article_page(
        title=f"Report {i}", paragraphs=[f"Report {i} opens here. " + p for p in PARAGRAPHS]
    ).encode("utf-8")) for i in (1, 2)}
    with server(routes) as (base, hits):
        feed = tmp_path / "courier.rss"
        feed.write_text(_feed(base, [
            _item(1, f"{base}/story/1", description="A teaser that is long enough to stand."),
            _item(2, f"{base}/story/2"),
            _item(3, f"{base}/gone", description="The teaser of a story whose page is gone."),
        ]), encoding="utf-8")
        with _fetcher(allow_private_addresses=True) as f:
            items = list(read_inputs([str(feed)], fetcher=f, fetch=True))
    assert hits == {"/story/1": 1, "/story/2": 1, "/gone": 1}
    assert all(isinstance(i, Article) for i in items)
    assert [i.title for i in items] == ["Report 1", "Report 2", "Report 3"]
    assert all("opens here" in i.input_text for i in items[:2])
    # The page is gone (404): the item's own text is kept rather than lost.
    assert items[2].input_text == "The teaser of a story whose page is gone."


@pytest.mark.slow
def test_cli_feed_file_offline_then_fetch_refused_then_allowed(tmp_path):
    with server({"/story/1": (200, {"Content-Type": HTML}, PAGE)}) as (base, hits):
        feed = tmp_path / "courier.rss"
        feed.write_text(_feed(base, [_item(1, f"{base}/story/1", description="Teaser.")]),
                        encoding="utf-8")
        run = CliRunner().invoke
        offline = run(cli, ["analyze", str(feed), "--no-db"])
        assert hits == {}
        refused = run(cli, ["analyze", str(feed), "--no-db", "--fetch"])
        assert hits == {}
        allowed = run(cli, ["analyze", str(feed), "--no-db", "--fetch",
                            "--allow-private-addresses"])
        assert hits == {"/story/1": 1}
    assert offline.exit_code == 1
    assert f"consilience: {feed} item 1 <{base}/story/1>: feed item has no text of its own" \
        in offline.stderr
    assert refused.exit_code == 1
    (rej,) = json.loads(refused.stdout)["rejections"]
    assert rej["reason"] == "blocked-address" and "loopback" in rej["detail"]
    assert rej["input"] == f"{feed} item 1 <{base}/story/1>"
    assert allowed.exit_code == 0, allowed.stderr
    (art,) = json.loads(allowed.stdout)["articles"]
    assert PARAGRAPHS[0][:40] in art["text"]


# -- addresses ------------------------------------------------------------------------------------

@pytest.mark.parametrize(("address", "kind"), [
    ("8.8.8.8", None), ("2606:4700::1111", None), ("::ffff:8.8.8.8", None),
    ("127.0.0.1", "loopback"), ("::1", "loopback"), ("::ffff:127.0.0.1", "loopback"),
    ("0.0.0.0", "unspecified"), ("10.1.2.3", "private"), ("192.168.0.1", "private"),
    ("172.16.5.4", "private"), ("fd00::1", "private"), ("::ffff:10.0.0.1", "private"),
    ("169.254.169.254", "link-local"), ("fe80::1", "link-local"),
    ("224.0.0.1", "multicast"), ("ff02::1", "multicast"), ("240.0.0.1", "reserved"),
    ("100.64.0.1", "non-public"),
])
def test_address_kinds(address, kind):
    assert fetch_module.address_kind(ip_address(address)) == kind


def test_loopback_refused_in_every_spelling_and_nothing_requested():
    with server({"/": (200, {"Content-Type": HTML}, PAGE)}) as (base, hits):
        port = base.rsplit(":", 1)[1]
        spellings = ["127.0.0.1", "localhost", "2130706433", "0x7f.1", "127.1",
                     "[::ffff:127.0.0.1]", "[::1]", "0.0.0.0"]
        urls = [f"http://{host}:{port}/" for host in spellings]
        with _fetcher() as f:
            items = list(read_inputs(urls, fetcher=f))
        assert hits == {}
    assert [i.input for i in items] == urls
    assert all(isinstance(i, Rejection) and i.reason == "blocked-address" for i in items), items
    assert all("refused" in i.detail and "--allow-private-addresses" in i.detail
               and "\n" not in i.detail for i in items)


def test_every_resolved_address_is_checked(monkeypatch):
    """A name resolving to a public and a loopback address is refused as a whole."""
    real = socket.getaddrinfo

    def two_faced(host, port, *args, **kw):
        if host == "two-faced.example":
            return [(socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
                    (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port))]
        return real(host, port, *args, **kw)

    monkeypatch.setattr(socket, "getaddrinfo", two_faced)
    rej = _one("http://two-faced.example/news")
    assert isinstance(rej, Rejection) and rej.reason == "blocked-address"
    assert "two-faced.example (127.0.0.1) is a loopback address" in rej.detail


def test_connection_goes_to_the_checked_address_with_the_host_name_kept(monkeypatch):
    """The name is resolved once and the connection made to the address checked; the request
    still names the host."""
    real = socket.getaddrinfo
    lookups: list[str] = []

    def alias(host, port, *args, **kw):
        lookups.append(host)
        return real("127.0.0.1" if host == "courier.example" else host, port, *args, **kw)

    seen: list[str] = []

    def page(h):
        seen.append(h.headers["Host"])
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Content-Length", str(len(PAGE)))
        h.end_headers()
        h.wfile.write(PAGE)

    with server({"/p": page}) as (base, hits):
        port = base.rsplit(":", 1)[1]
        monkeypatch.setattr(socket, "getaddrinfo", alias)
        art = _one(f"http://courier.example:{port}/p", allow_private_addresses=True)
    assert isinstance(art, Article) and hits == {"/p": 1}
    assert seen == [f"courier.example:{port}"]
    assert lookups.count("courier.example") == 1


def test_redirect_to_loopback_refused_after_the_hop(monkeypatch):
    """The first host stands for a public one; its redirect to another loopback address is
    checked again and refused before anything is requested there."""
    real_kind = fetch_module.address_kind
    monkeypatch.setattr(fetch_module, "address_kind",
                        lambda ip: None if str(ip) == "127.0.0.1" else real_kind(ip))
    with server({"/secret": (200, {"Content-Type": HTML}, PAGE)}, host="127.0.0.2") as (
            inner, inner_hits):
        with server({"/go": (302, {"Location": f"{inner}/secret"}, b"")}) as (base, hits):
            rej = _one(f"{base}/go")
    assert hits == {"/go": 1} and inner_hits == {}
    assert isinstance(rej, Rejection) and rej.reason == "blocked-address"
    assert rej.input == f"{base}/go" and "127.0.0.2 is a loopback address" in rej.detail


# -- redirects, deadline, size, transport errors ---------------------------------------------------

def test_redirects_followed_bounded_and_loops_named():
    routes = {
        "/old": (301, {"Location": "/new"}, b""),
        "/new": (200, {"Content-Type": HTML}, PAGE),
        "/loop-a": (302, {"Location": "/loop-b"}, b""),
        "/loop-b": (302, {"Location": "/loop-a"}, b""),
        **{f"/hop{i}": (302, {"Location": f"/hop{i + 1}"}, b"") for i in range(10)},
        "/elsewhere": (302, {"Location": "ftp://example.org/file"}, b""),
    }
    with server(routes) as (base, hits):
        with _fetcher(allow_private_addresses=True, max_redirects=3) as f:
            items = list(read_inputs([f"{base}/old", f"{base}/loop-a", f"{base}/hop0",
                                      f"{base}/elsewhere"], fetcher=f))
    art, loop, chain, other = items
    assert isinstance(art, Article) and art.url.endswith("/new")
    assert loop.reason == "http-error" and loop.detail.startswith("redirect loop")
    assert chain.reason == "http-error" and "too many redirects" in chain.detail
    assert max(hits.get(f"/hop{i}", 0) for i in range(10)) == 1 and "/hop4" not in hits
    assert other.reason == "invalid-url" and "non-http(s)" in other.detail


def test_one_deadline_across_a_trickling_body():
    """A server sending one byte at a time keeps every read within the read timeout; the fetch
    still ends at its deadline."""
    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Content-Length", "1000")
        h.end_headers()
        for _ in range(100):  # at most 100 bytes, 10 s
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.1)

    with server({"/slow": trickle}) as (base, _):
        rej = _one(f"{base}/slow", allow_private_addresses=True, timeout=2.0, deadline=1.0)
    assert isinstance(rej, Rejection) and rej.reason == "timeout"
    assert "within the 1 s deadline" in rej.detail


def _bomb(size: int) -> bytes:
    z = zlib.compressobj(9, wbits=31)
    block = b"\0" * 1024 ** 2
    return b"".join(z.compress(block) for _ in range(size // len(block))) + z.flush()


def test_gzip_bomb_never_expands_past_the_limit():
    bomb = _bomb(64 * 1024 ** 2)
    ok = gzip.compress(PAGE)
    routes = {"/bomb": (200, {"Content-Type": HTML, "Content-Encoding": "gzip"}, bomb),
              "/page": (200, {"Content-Type": HTML, "Content-Encoding": "gzip"}, ok),
              "/deflate": (200, {"Content-Type": HTML, "Content-Encoding": "deflate"},
                           zlib.compress(PAGE)),
              "/broken": (200, {"Content-Type": HTML, "Content-Encoding": "gzip"}, ok[:-30]),
              "/br": (200, {"Content-Type": HTML, "Content-Encoding": "br"}, b"\x1b\x00")}
    with server(routes) as (base, _):
        with _fetcher(allow_private_addresses=True, max_bytes=1024 ** 2) as f:
            # (the first requests also set up the connection pool and its TLS context)
            items = list(read_inputs([f"{base}/page", f"{base}/deflate", f"{base}/broken",
                                      f"{base}/br"], fetcher=f))
            tracemalloc.start()
            try:
                with pytest.raises(Exception) as caught:
                    f.get(f"{base}/bomb")
                _, peak = tracemalloc.get_traced_memory()
            finally:
                tracemalloc.stop()
    assert getattr(caught.value, "reason", None) == "too-large"
    # The limit, one raw chunk and the decoder's output buffer; never the 64 MB.
    assert peak < 4 * 1024 ** 2, f"{peak / 1024 ** 2:.1f} MB held while refusing the bomb"
    page, deflated, broken, brotli = items
    assert isinstance(page, Article) and PARAGRAPHS[0] in page.input_text
    assert isinstance(deflated, Article) and PARAGRAPHS[0] in deflated.input_text
    assert broken.reason == "corrupt" and brotli.reason == "unsupported"


def test_transport_errors_are_one_line_rejections():
    with socket.socket() as s:  # a port that nothing listens on
        s.bind(("127.0.0.1", 0))
        closed = s.getsockname()[1]
    with server({"/": (200, {"Content-Type": HTML}, PAGE)}) as (base, _):
        port = base.rsplit(":", 1)[1]
        urls = ["http://[::1", f"https://127.0.0.1:{port}/", f"http://127.0.0.1:{closed}/",
                "http://127.0.0.1:99999/", "http://exa mple.org/"]
        with _fetcher(allow_private_addresses=True) as f:
            items = list(read_inputs(urls, fetcher=f))
    assert [i.input for i in items] == urls
    assert all(isinstance(i, Rejection) and i.detail and "\n" not in i.detail for i in items)
    bad, tls, refused, port_out, spaced = items
    assert bad.reason == "invalid-url" and tls.reason == "unreachable"
    assert tls.detail.startswith("TLS error (SSLError")
    assert refused.reason == "unreachable" and "cannot connect" in refused.detail
    assert port_out.reason == "invalid-url" and spaced.reason == "invalid-url"


def test_feed_file_rejections_name_the_file_and_item_when_fetching_fails(tmp_path):
    feed = tmp_path / "wire.atom"
    feed.write_text(
        '<feed xmlns="http://www.w3.org/2005/Atom"><title>Wire</title>'
        '<entry><title>Bridge closed</title><link href="http://[::1/x"/><id>a</id></entry>'
        "</feed>", encoding="utf-8")
    with _fetcher() as f:
        (rej,) = list(read_file(feed, f))
    assert rej.input == f"{feed} item 1 <http://[::1/x>"
    assert rej.reason == "invalid-url"


@pytest.mark.parametrize("coding", ["gzip", "deflate"])
def test_decoding_in_any_chunking_gives_the_whole_body(coding):
    """Highly compressible bodies (a 3 MB page) and several gzip members decode whole, however
    the bytes arrive; the limit counts decoded bytes."""
    body = article_page(paragraphs=PARAGRAPHS * 2500).encode("utf-8")
    packed = gzip.compress(body[:1000]) + gzip.compress(body[1000:]) if coding == "gzip" \
        else zlib.compress(body)
    for step in (7, 65536, len(packed)):
        dec = fetch_module._Decoder(coding, 10 * 1024 ** 2, "u", ValueError)
        for i in range(0, len(packed), step):
            dec.feed(packed[i:i + step])
        assert dec.result() == body
    small = fetch_module._Decoder(coding, len(body) - 1, "u", lambda size: ValueError(size))
    with pytest.raises(ValueError):
        small.feed(packed)


def test_slow_name_resolution_ends_at_the_deadline(monkeypatch):
    real = socket.getaddrinfo

    def slow(host, port, *args, **kw):
        if host == "slow-dns.example":
            time.sleep(3.0)
            return real("127.0.0.1", port, *args, **kw)
        return real(host, port, *args, **kw)

    monkeypatch.setattr(socket, "getaddrinfo", slow)
    rej = _one("http://slow-dns.example/news", allow_private_addresses=True, deadline=0.5)
    assert isinstance(rej, Rejection) and rej.reason == "timeout"
    assert "deadline" in rej.detail


def test_feed_url_is_fetched_but_its_links_only_with_fetch():
    """A feed given as a URL is fetched (it was asked for); its entries' links are not, unless
    fetching is on."""
    routes = {"/story/1": (200, {"Content-Type": HTML}, PAGE)}
    with server(routes) as (base, hits):
        routes["/feed"] = (200, {"Content-Type": "application/rss+xml"},
                           _feed(base, [_item(1, f"{base}/story/1", description="Teaser.")])
                           .encode("utf-8"))
        (rej,) = _one_list([f"{base}/feed"], allow_private_addresses=True)
        assert hits == {"/feed": 1}
        (art,) = _one_list([f"{base}/feed"], allow_private_addresses=True, fetch=True)
        assert hits == {"/feed": 2, "/story/1": 1}
    assert rej.reason == "no-text" and rej.input == f"{base}/feed item 1 <{base}/story/1>"
    assert isinstance(art, Article) and PARAGRAPHS[0] in art.input_text

