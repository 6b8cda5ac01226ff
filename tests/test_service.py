"""The web API and UI, served by a real ``consilience serve`` process on loopback."""

from __future__ import annotations

import http.client
import json
import os
import queue
import re
import socket
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest

from conftest import EXAMPLES

TOKEN = "test-token-0123456789"
AUTH = {"authorization": f"Bearer {TOKEN}"}


class Served:
    """A ``consilience serve`` process: its URL, what it printed, its log file."""

    def __init__(self, db: Path, *args: str, env: dict | None = None, log: Path) -> None:
        self.log = log
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "consilience", "serve", "--db", str(db), "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=log.open("w"), text=True,
            env={**os.environ, **(env or {})})
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=lambda: [self.lines.put(ln) for ln in self.proc.stdout],
                         daemon=True).start()
        self.printed: list[str] = []
        deadline = time.monotonic() + 90
        self.base = None
        while self.base is None:
            try:
                line = self.lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = ""
            self.printed.append(line)
            m = re.search(r" at (http://\S+)/$", line.rstrip("\n"))
            if m:
                self.base = m.group(1)
            elif self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("server did not start: " + log.read_text()[-2000:])
        while True:
            try:
                if httpx.get(self.base + "/api/v1/health", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if self.proc.poll() is not None or time.monotonic() > deadline:
                self.stop()
                pytest.fail("server did not answer: " + log.read_text()[-2000:])
            time.sleep(0.2)
        while not self.lines.empty():
            self.printed.append(self.lines.get_nowait())

    @property
    def port(self) -> int:
        return int(self.base.rsplit(":", 1)[1])

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait(timeout=10)


@pytest.fixture(scope="module")
def store_db(tmp_path_factory) -> Path:
    work = tmp_path_factory.mktemp("serve")
    db = work / "s.db"
    seed = subprocess.run([sys.executable, "-m", "consilience", "analyze",
                           str(EXAMPLES / "articles"), "--db", str(db), "--out", str(work / "o.json")],
                          capture_output=True, text=True, timeout=600)
    assert seed.returncode == 0, seed.stderr
    return db


@pytest.fixture(scope="module")
def served(store_db, tmp_path_factory):
    s = Served(store_db, env={"CONSILIENCE_TOKEN": TOKEN},
               log=tmp_path_factory.mktemp("log") / "serve.log")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def server(served):
    return served.base


def _is_error(resp: httpx.Response, status: int, code: str) -> None:
    assert resp.status_code == status, resp.text
    err = resp.json()["error"]
    assert err["status"] == status and err["code"] == code and err["message"]


def test_health_counts_the_store(server):
    body = httpx.get(server + "/api/v1/health").json()
    assert body["status"] == "ok" and body["articles"] == 5 and body["stories"] >= 2


def test_story_list_and_detail(server):
    listing = httpx.get(server + "/api/v1/stories").json()
    top = listing["stories"][0]
    assert listing["total"] >= 2 and len(top["articles"]) >= 3
    story = httpx.get(f"{server}/api/v1/stories/{top['id']}").json()
    assert story["id"] == top["id"] and story["claims"]
    assert top["claims"] == len(story["claims"])
    assert sum(top["verdicts"].values()) == len(story["claims"])
    assert all(c["explanation"]["summary"] for c in story["claims"])
    _is_error(httpx.get(server + "/api/v1/stories?limit=0"), 400, "bad-page")
    _is_error(httpx.get(server + "/api/v1/stories/nope"), 404, "not-found")


def test_article_detail_and_errors(server):
    art = httpx.get(server + "/api/v1/articles/danube-herald").json()
    assert art["outlet"] == "Danube Herald" and "offset_map" not in art
    assert any(r["reason"] for r in art["removed"])
    _is_error(httpx.get(server + "/api/v1/articles/nope"), 404, "not-found")
    _is_error(httpx.get(server + "/api/v1/nothing-here"), 404, "not-found")
    _is_error(httpx.delete(server + "/api/v1/articles/danube-herald"), 405, "method-not-allowed")
    _is_error(httpx.get(server + "/api/v1/rejections?offset=-1"), 400, "bad-page")
    assert httpx.get(server + "/api/v1/rejections").json()["total"] == 0


QUAY = {"id": "posted-quay", "title": "Grain terminal fire: port reopens southern basin",
        "text": "The port of Constanța reopened its southern basin on Wednesday, a day after "
                "a fire at the Portgrain SA grain terminal killed three workers, the port "
                "authority said.\nPortgrain SA said the damaged conveyor gallery would stay "
                "closed while prosecutors investigate.",
        "date_publish": "2025-03-12T08:00:00", "source_domain": "harbour-gazette.example"}


@pytest.mark.slow
def test_posted_articles_are_analysed_and_bad_ones_named(server):
    resp = httpx.post(server + "/api/v1/articles", json=[QUAY, {"id": "x"}], headers=AUTH,
                      timeout=120)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["articles"] == ["posted-quay"]
    assert [r["input"] for r in body["rejections"]] == ["request[1]"]
    assert httpx.get(server + "/api/v1/articles/posted-quay").status_code == 200
    _is_error(httpx.post(server + "/api/v1/articles", content=b"{nope", headers={
        **AUTH, "content-type": "application/json"}), 400, "bad-json")
    _is_error(httpx.post(server + "/api/v1/articles", json=[], headers=AUTH), 400, "bad-request")

    # The same id again is a conflict and changes nothing; ?replace=true replaces it.
    changed = {**QUAY, "title": "Port reopens southern basin after terminal fire"}
    resp = httpx.post(server + "/api/v1/articles", json=changed, headers=AUTH, timeout=120)
    _is_error(resp, 409, "conflict")
    assert resp.json()["conflicts"] == ["posted-quay"]
    assert httpx.get(server + "/api/v1/articles/posted-quay").json()["title"] == QUAY["title"]
    resp = httpx.post(server + "/api/v1/articles?replace=true", json=changed, headers=AUTH,
                      timeout=120)
    assert resp.status_code == 201, resp.text
    assert httpx.get(server + "/api/v1/articles/posted-quay").json()["title"] == changed["title"]


@pytest.mark.slow
def test_articles_posted_without_id_get_distinct_ids(server):
    first = {k: v for k, v in QUAY.items() if k != "id"}
    second = {**first, "text": first["text"].replace("three workers", "four workers")}
    resp = httpx.post(server + "/api/v1/articles", json=[first, second], headers=AUTH,
                      timeout=120)
    assert resp.status_code == 201, resp.text
    ids = resp.json()["articles"]
    assert len(set(ids)) == 2
    texts = {httpx.get(f"{server}/api/v1/articles/{i}").json()["input_text"] for i in ids}
    assert texts == {first["text"], second["text"]}
    # Posting the same article again finds it stored rather than adding or replacing a copy.
    _is_error(httpx.post(server + "/api/v1/articles", json=first, headers=AUTH, timeout=120),
              409, "conflict")
    _is_error(httpx.post(server + "/api/v1/articles", json=[QUAY, QUAY], headers=AUTH), 409,
              "conflict")


def test_writes_need_the_token_and_json(server, store_db):
    before = httpx.get(server + "/api/v1/health").json()["articles"]
    body = json.dumps({**QUAY, "id": "unauthorised"})
    for headers in ({}, {"authorization": "Bearer wrong"}, {"authorization": TOKEN},
                    {"authorization": f"Basic {TOKEN}"}):
        resp = httpx.post(server + "/api/v1/articles", content=body,
                          headers={"content-type": "application/json", **headers})
        _is_error(resp, 401, "unauthorised")
    # A cross-site form can post text/plain or form data: refused even with the token.
    for ctype in ("text/plain", "application/x-www-form-urlencoded", "multipart/form-data"):
        resp = httpx.post(server + "/api/v1/articles", content=body,
                          headers={"content-type": ctype, **AUTH})
        _is_error(resp, 415, "unsupported-media-type")
    assert httpx.get(server + "/api/v1/health").json()["articles"] == before
    assert httpx.get(server + "/api/v1/articles/unauthorised").status_code == 404


def test_bad_bodies_are_400_without_exception_text(server):
    post = lambda content: httpx.post(server + "/api/v1/articles", content=content, headers={
        **AUTH, "content-type": "application/json"}, timeout=30)
    cases = {
        '{"text": 5}': "text",
        '{"text": "Fire at the port.", "title": ["a"]}': "title",
        '{"text": "Fire at the port.", "authors": "Ana"}': "authors",
        '{"text": "Fire at the port.", "id": "a/b"}': "id",
        '[1, 2]': "object",
        '"just a string"': "object",
    }
    for content, named in cases.items():
        resp = post(content)
        _is_error(resp, 400, "bad-request")
        assert named in resp.json()["error"]["message"]
    for content in ("[" * 200_000 + "]" * 200_000, '{"a": ' * 100_000 + "1" + "}" * 100_000,
                    "\x00\x01", "not json"):
        _is_error(post(content), 400, "bad-json")
    _is_error(httpx.get(server + "/api/v1/stories?limit=ten"), 400, "bad-request")
    # Nothing of Python's exception text reaches a client.
    for content in cases:
        assert not re.search(r"Error|Traceback|line \d", post(content).json()["error"]["message"])


def _raw_response(sock: socket.socket, deadline: float) -> bytes:
    data = b""
    while b"\r\n\r\n" not in data and time.monotonic() < deadline:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        except OSError:  # reset by the server once it has answered
            break
        if not chunk:
            break
        data += chunk
    return data


def test_oversized_bodies_are_refused_unread(served):
    head = (f"POST /api/v1/articles HTTP/1.1\r\nHost: 127.0.0.1:{served.port}\r\n"
            f"Authorization: Bearer {TOKEN}\r\nContent-Type: application/json\r\n")
    # Declared 200 MB: refused after the headers, before any of the body is read.
    with socket.create_connection(("127.0.0.1", served.port), timeout=1) as sock:
        sock.sendall((head + f"Content-Length: {200 * 1024 * 1024}\r\n\r\n").encode() + b"[" * 1024)
        reply = _raw_response(sock, time.monotonic() + 30)
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    # Streamed without a length: refused once past the limit, while the client still sends.
    with socket.create_connection(("127.0.0.1", served.port), timeout=1) as sock:
        sock.settimeout(10)
        sock.sendall((head + "Transfer-Encoding: chunked\r\n\r\n").encode())
        chunk = b"%x\r\n%s\r\n" % (1024 * 1024, b" " * 1024 * 1024)
        reply, sent = b"", 0
        deadline = time.monotonic() + 60
        while sent < 200 and time.monotonic() < deadline:
            try:
                sock.sendall(chunk)
                sent += 1
            except OSError:  # the server answered and closed
                break
            sock.setblocking(False)
            try:
                reply += sock.recv(65536)
            except (BlockingIOError, socket.timeout):
                pass
            except OSError:
                break
            finally:
                sock.settimeout(10)  # a slow server is waited for; only a closed one ends sending
            if reply:
                break
        reply += _raw_response(sock, time.monotonic() + 10) if b"\r\n\r\n" not in reply else b""
    assert reply.startswith(b"HTTP/1.1 413"), reply[:200]
    assert sent < 40  # refused near the 16 MB limit, not after 200 MB


def test_an_internal_error_names_no_exception_and_keeps_the_connection(served, store_db):
    with sqlite3.connect(store_db) as con:
        con.execute("INSERT OR REPLACE INTO articles (id, input_hash, pipeline, data, updated)"
                    " VALUES ('corrupt', 'x', 'x', '{\"id\": \"corrupt\", \"text\": ', 'now')")
    conn = http.client.HTTPConnection("127.0.0.1", served.port, timeout=10)
    try:
        conn.request("GET", "/api/v1/articles/corrupt")
        resp = conn.getresponse()
        body = json.loads(resp.read())
        assert resp.status == 500 and body["error"]["code"] == "internal"
        assert not re.search(r"Error|Expecting|line \d|char \d", body["error"]["message"])
        first_socket = conn.sock
        conn.request("GET", "/api/v1/health")
        resp = conn.getresponse()
        assert resp.status == 200 and json.loads(resp.read())["status"] == "ok"
        assert conn.sock is first_socket  # the same kept-alive connection
    finally:
        conn.close()
        with sqlite3.connect(store_db) as con:
            con.execute("DELETE FROM articles WHERE id = 'corrupt'")
    ref = body["error"]["message"].split("reference ")[1].split()[0]
    assert ref in served.log.read_text()  # the traceback is in the server's log


def test_a_damaged_story_fails_alone(served, store_db):
    """A story row whose JSON is damaged is a 500 where it is read and never served as JSON;
    the story list still answers, with that story's articles and claims left empty."""
    with sqlite3.connect(store_db) as con:
        con.execute("INSERT OR REPLACE INTO stories (id, title, data, updated)"
                    " VALUES ('damaged', 'Damaged', '{\"id\": \"damaged\", \"claims\": [', 'now')")
    try:
        _is_error(httpx.get(served.base + "/api/v1/stories/damaged"), 500, "internal")
        _is_error(httpx.get(served.base + "/stories/damaged", timeout=60), 500, "internal")
        listing = httpx.get(served.base + "/api/v1/stories?limit=200").json()
        damaged = next(s for s in listing["stories"] if s["id"] == "damaged")
        assert damaged["articles"] == [] and damaged["claims"] == 0
        assert any(s["claims"] for s in listing["stories"])
        assert httpx.get(served.base + "/").status_code == 200
    finally:
        with sqlite3.connect(store_db) as con:
            con.execute("DELETE FROM stories WHERE id = 'damaged'")


def test_host_header_is_checked(served):
    for host in ("evil.example", f"evil.example:{served.port}", "127.0.0.1.evil.example"):
        _is_error(httpx.get(served.base + "/api/v1/health", headers={"host": host}), 400,
                  "bad-host")
    for host in (f"127.0.0.1:{served.port}", f"localhost:{served.port}", "localhost"):
        assert httpx.get(served.base + "/api/v1/health",
                         headers={"host": host}).status_code == 200


def test_security_headers_on_every_response(server):
    responses = [httpx.get(server + p) for p in
                 ("/", "/api/v1/health", "/api/v1/stories", "/api/v1/articles/nope",
                  "/api/openapi.json")]
    responses.append(httpx.get(server + "/api/v1/health", headers={"host": "evil.example"}))
    responses.append(httpx.post(server + "/api/v1/articles", json={}))
    for r in responses:
        csp = r.headers["content-security-policy"]
        assert "frame-ancestors 'none'" in csp and "default-src 'none'" in csp
        assert r.headers["x-content-type-options"] == "nosniff"
    # No API docs page that loads scripts from a CDN: the OpenAPI document only.
    assert httpx.get(server + "/api/docs").status_code == 404
    spec = httpx.get(server + "/api/openapi.json").json()
    assert "/api/v1/stories/{story_id}" in spec["paths"]


@pytest.mark.slow
def test_web_ui_pages(server):
    page = httpx.get(server + "/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    top = httpx.get(server + "/api/v1/stories").json()["stories"][0]
    assert top["title"] in page.text and f'href="/stories/{top["id"]}"' in page.text
    sid = top["id"]
    story = httpx.get(f"{server}/stories/{sid}")
    assert story.status_code == 200 and "Constan" in story.text
    _is_error(httpx.get(server + "/stories/nope"), 404, "not-found")


@pytest.mark.slow
def test_serve_prints_its_url_and_a_generated_token_and_logs_requests(store_db, tmp_path):
    s = Served(store_db, env={"CONSILIENCE_TOKEN": ""}, log=tmp_path / "serve.log")
    try:
        printed = "".join(s.printed)
        m = re.search(r"write token .*: (\S+)", printed)
        assert m, printed
        token = m.group(1)
        post = lambda t: httpx.post(s.base + "/api/v1/articles", content=b"{nope", headers={
            "authorization": f"Bearer {t}", "content-type": "application/json"})
        _is_error(post("wrong"), 401, "unauthorised")
        _is_error(post(token), 400, "bad-json")  # past the token check
        httpx.get(s.base + "/api/v1/stories?limit=3")
    finally:
        s.stop()
    log = s.log.read_text()
    assert re.search(r'"GET /api/v1/stories\?limit=3 HTTP/1.1" 200 ', log), log
    assert re.search(r'"POST /api/v1/articles HTTP/1.1" 401 ', log)
    assert token not in log


@pytest.mark.slow
def test_serve_warns_before_listening_beyond_loopback(store_db):
    """Bound to every address, serve warns first; here the port is taken on loopback, so it
    stops with a one-line error and never listens beyond loopback."""
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        proc = subprocess.run([sys.executable, "-m", "consilience", "serve", "--db", str(store_db),
                               "--host", "0.0.0.0", "--port", str(port)],
                              capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "warning: listening on 0.0.0.0, reachable from other machines" in proc.stderr
    assert f"consilience: 0.0.0.0:{port}: cannot listen there" in proc.stderr
    assert "Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def many_stories(store_db, tmp_path_factory):
    """A store of 120 one-article stories (copies of an example article under new ids, the
    n-th story with n % 3 + 1 articles), served."""
    from consilience.store import Store

    work = tmp_path_factory.mktemp("many")
    with Store(store_db) as src:
        art = src.get_article("danube-herald")
        story = src.get_story(src.story_summaries(1, 0)[0]["id"])
    stories, articles = [], []
    for n in range(120):
        ids = [f"copy-{n:03d}-{k}" for k in range(n % 3 + 1)]
        articles += [art.model_copy(update={"id": i}) for i in ids]
        stories.append(story.model_copy(update={"id": f"st-{n:03d}", "articles": ids,
                                                "title": f"Story number {n:03d}"}))
    with Store(work / "many.db") as st:
        st.put_articles(articles, "test")
        st.put_stories(stories)
    s = Served(work / "many.db", env={"CONSILIENCE_TOKEN": TOKEN}, log=work / "serve.log")
    yield s
    s.stop()


@pytest.mark.slow
def test_pages_and_lists_are_paged(many_stories):
    base = many_stories.base
    first = httpx.get(base + "/").text
    titles = re.findall(r"Story number (\d{3})", first)
    assert len(titles) == 50 and 'rel="next" href="/?page=2"' in first and 'rel="prev"' not in first
    last = httpx.get(base + "/?page=3").text
    assert len(re.findall(r"Story number (\d{3})", last)) == 20 and 'rel="next"' not in last
    assert 'rel="prev" href="/?page=2"' in last
    _is_error(httpx.get(base + "/?page=4"), 404, "not-found")
    _is_error(httpx.get(base + "/?page=0"), 404, "not-found")
    # Most articles first, then by id; pages neither overlap nor skip.
    seen = []
    for offset in range(0, 120, 50):
        body = httpx.get(f"{base}/api/v1/stories?limit=50&offset={offset}").json()
        assert body["total"] == 120 and body["limit"] == 50 and body["offset"] == offset
        seen += [(len(s["articles"]), s["id"]) for s in body["stories"]]
    assert len(seen) == 120 and seen == sorted(seen, key=lambda x: (-x[0], x[1]))
    assert [re.findall(r"Story number (\d{3})", first)[i] for i in (0, 49)] == \
        [seen[0][1][3:], seen[49][1][3:]]
    _is_error(httpx.get(base + "/api/v1/stories?limit=201"), 400, "bad-page")
    # A story's page carries that story and its own articles only.
    page = httpx.get(base + "/stories/st-005").text
    assert "copy-005-2" in page and "copy-004-0" not in page and "Story number 006" not in page


@pytest.mark.slow
def test_cached_pages_follow_changes_to_the_store(many_stories):
    """Pages are kept between requests only while the store is unchanged: a write by another
    process shows at once."""
    from consilience.store import Store

    base = many_stories.base
    assert httpx.get(base + "/api/v1/stories").json()["total"] == 120
    assert "Story number 005" in httpx.get(base + "/stories/st-005").text
    db = many_stories.proc.args[many_stories.proc.args.index("--db") + 1]
    with Store(db) as st:
        story = st.get_story("st-005")
        st.put_stories([story.model_copy(update={"title": "Renamed story"})])
        moved = st.get_story("st-006")
        st.put_stories([moved.model_copy(update={"id": "st-new", "title": "New story"})])
    listing = httpx.get(base + "/api/v1/stories?limit=200").json()
    assert listing["total"] == 120 and "st-new" in {s["id"] for s in listing["stories"]}
    assert "st-006" not in {s["id"] for s in listing["stories"]}
    assert "Renamed story" in httpx.get(base + "/stories/st-005").text
    assert "New story" in "".join(httpx.get(f"{base}/?page={p}").text for p in (1, 2, 3))


def test_served_host_names_follow_the_bind():
    from consilience.service.server import served_hosts, url_of

    loop = served_hosts("127.0.0.1")
    assert {"127.0.0.1", "localhost", "::1"} <= loop and "evil.example" not in loop
    assert served_hosts("127.0.0.1", ["news.example"]) >= {"news.example", "localhost"}
    anywhere = served_hosts("0.0.0.0")
    assert "localhost" in anywhere and "0.0.0.0" not in anywhere and "evil.example" not in anywhere
    assert served_hosts("0.0.0.0", ["*"]) is None
    assert url_of("::1", 8000) == "http://[::1]:8000/" and url_of("0.0.0.0", 80) == \
        "http://127.0.0.1:80/"
