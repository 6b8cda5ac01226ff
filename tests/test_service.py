"""The web API and UI, served by a real ``consilience serve`` process on loopback."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import httpx
import pytest

from conftest import EXAMPLES


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    work = tmp_path_factory.mktemp("serve")
    db = work / "s.db"
    seed = subprocess.run([sys.executable, "-m", "consilience", "analyze",
                           str(EXAMPLES / "articles"), "--db", str(db), "--out", str(work / "o.json")],
                          capture_output=True, text=True, timeout=600)
    assert seed.returncode == 0, seed.stderr
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "consilience", "serve", "--db", str(db),
                             "--port", str(port)], stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(base + "/api/v1/health", timeout=2).status_code == 200:
                break
        except httpx.TransportError:
            pass
        if proc.poll() is not None or time.monotonic() > deadline:
            proc.kill()
            pytest.fail("server did not start: " + proc.stderr.read().decode()[-2000:])
        time.sleep(0.3)
    yield base
    proc.terminate()
    proc.wait(timeout=10)


def _is_error(resp: httpx.Response, status: int, code: str) -> None:
    assert resp.status_code == status
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


def test_posted_articles_are_analysed_and_bad_ones_named(server):
    good = {"id": "posted-quay", "title": "Grain terminal fire: port reopens southern basin",
            "text": "The port of Constanța reopened its southern basin on Wednesday, a day after "
                    "a fire at the Portgrain SA grain terminal killed three workers, the port "
                    "authority said.\nPortgrain SA said the damaged conveyor gallery would stay "
                    "closed while prosecutors investigate.",
            "date_publish": "2025-03-12T08:00:00", "source_domain": "harbour-gazette.example"}
    resp = httpx.post(server + "/api/v1/articles", json=[good, {"id": "x"}], timeout=120)
    assert resp.status_code == 201
    body = resp.json()
    assert body["articles"] == ["posted-quay"]
    assert [r["input"] for r in body["rejections"]] == ["request[1]"]
    assert httpx.get(server + "/api/v1/articles/posted-quay").status_code == 200
    _is_error(httpx.post(server + "/api/v1/articles", content=b"{nope",
                         headers={"content-type": "application/json"}), 400, "bad-json")
    _is_error(httpx.post(server + "/api/v1/articles", json=[]), 400, "bad-request")


def test_web_ui_pages(server):
    page = httpx.get(server + "/")
    assert page.status_code == 200 and "text/html" in page.headers["content-type"]
    assert "Constan" in page.text
    sid = httpx.get(server + "/api/v1/stories").json()["stories"][0]["id"]
    assert httpx.get(f"{server}/stories/{sid}").status_code == 200
    _is_error(httpx.get(server + "/stories/nope"), 404, "not-found")
    spec = httpx.get(server + "/api/openapi.json").json()
    assert "/api/v1/stories/{story_id}" in spec["paths"]
    json.dumps(spec)
