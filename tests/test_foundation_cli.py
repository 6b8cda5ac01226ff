"""End to end through the real ``consilience`` command, in a subprocess."""

from __future__ import annotations

import gzip
import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "consilience", *args], cwd=cwd,
                          capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def seeds_json(seeds_dir, tmp_path_factory):
    work = tmp_path_factory.mktemp("seeds")
    proc = run("analyze", str(seeds_dir), "--format", "json", "--out", "out.json", cwd=work)
    assert proc.returncode == 0, proc.stderr
    return json.loads((work / "out.json").read_text(encoding="utf-8")), work


def test_seeds_form_one_story(seeds_json):
    data, _ = seeds_json
    ids = sorted(a["id"] for a in data["articles"])
    assert len(ids) == 2
    assert len(data["stories"]) == 1 and sorted(data["stories"][0]["articles"]) == ids


def test_seed_furniture_is_removed_not_lost(seeds_json):
    data, _ = seeds_json
    arts = {a["id"]: a for a in data["articles"]}
    sky, other = arts["000_d8c6f9f78160522c"], arts["001_db78440b76a60587"]
    for art, snippet in [(sky, "Click to subscribe to the Sky News Daily"),
                         (sky, "Russia refuses to speak at UN session"),
                         (other, "bullet-ridden on the battlefield in this picture"),
                         (other, "Ukrainian artillery vehicles can be seen firing")]:
        assert snippet not in art["text"]
        assert any(snippet in r["text"] and r["reason"] for r in art["removed"]), snippet
    assert "Instagram/@zelenskiy_official" not in other["text"]
    # and the report itself is still there
    assert "Staromaiorske lies to the south" in sky["text"]
    assert "The fighting is pretty harsh" in other["text"]


def test_date_header_becomes_published(seeds_json):
    data, _ = seeds_json
    arts = {a["id"]: a for a in data["articles"]}
    assert arts["001_db78440b76a60587"]["published"] == "2023-07-28"
    assert not arts["001_db78440b76a60587"]["text"].lstrip().startswith("date")


def _spans(obj):
    """Every span-like dict anywhere in ``obj``."""
    if isinstance(obj, dict):
        if {"start", "end", "input_start", "input_end"} <= obj.keys():
            yield obj
        for v in obj.values():
            yield from _spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from _spans(v)


def test_every_span_slices_input_and_text_alike(seeds_json, seeds_dir):
    data, _ = seeds_json
    arts = {a["id"]: a for a in data["articles"]}
    inputs = {a["id"]: (seeds_dir / Path(a["source"]).name).read_text(encoding="utf-8")
              for a in data["articles"]}
    checked = 0
    for art in data["articles"]:
        for span in _spans({k: v for k, v in art.items() if k != "removed"}):
            aid = span.get("article", art["id"])
            assert inputs[aid][span["input_start"]:span["input_end"]] == \
                arts[aid]["text"][span["start"]:span["end"]]
            checked += 1
    for story in data["stories"]:
        for span in _spans(story):
            aid = span["article"]
            assert inputs[aid][span["input_start"]:span["input_end"]] == \
                arts[aid]["text"][span["start"]:span["end"]]
            checked += 1
    assert checked > 100


def test_removed_spans_point_into_input(seeds_json, seeds_dir):
    data, _ = seeds_json
    for art in data["articles"]:
        src = (seeds_dir / Path(art["source"]).name).read_text(encoding="utf-8")
        for r in art["removed"]:
            assert src[r["input_start"]:r["input_end"]] == r["text"]


def test_claims_carry_verdict_explanation_and_sources(seeds_json):
    data, _ = seeds_json
    claims = data["stories"][0]["claims"]
    assert claims
    for c in claims:
        assert c["text"] and c["verdict"] and c["explanation"]["summary"] and c["sources"]
        assert all({"article", "start", "end", "input_start", "input_end"} <= s.keys()
                   for s in c["sources"])


def test_reanalysis_does_not_duplicate_in_store(seeds_json, seeds_dir):
    _, work = seeds_json
    proc = run("analyze", str(seeds_dir), "--format", "md", "--out", "again.md", cwd=work)
    assert proc.returncode == 0, proc.stderr
    con = sqlite3.connect(work / "consilience.db")
    assert con.execute("SELECT COUNT(*) FROM articles").fetchone()[0] == 2
    assert con.execute("SELECT COUNT(*) FROM stories").fetchone()[0] == 1
    assert con.execute("SELECT COUNT(*) FROM runs").fetchone()[0] == 2
    md = (work / "again.md").read_text(encoding="utf-8")
    assert "[000_d8c6f9f78160522c]" in md and "[001_db78440b76a60587]" in md


def test_bad_inputs_are_named_and_the_rest_is_analysed(tmp_path):
    bad = tmp_path / "in"
    bad.mkdir()
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))
    (bad / "broken.json").write_text('{"id": "x", "text": "unterminated', encoding="utf-8")
    (bad / "latin.txt").write_bytes("Caf\xe9 owners in Z\xfcrich protested on Monday.".encode("latin-1"))
    (bad / "good.txt").write_text("Title: Bridge reopens\n\nThe city's main bridge reopened on "
                                  "Monday after two years of repairs, the mayor said.\n",
                                  encoding="utf-8")
    (bad / "trunc.html.gz").write_bytes(gzip.compress(b"<html><body><p>x</p>" * 50)[:40])
    missing = tmp_path / "nowhere.txt"
    proc = run("analyze", str(bad), str(missing), "--format", "json", "--out", "o.json",
               "--db", "s.db", cwd=tmp_path)
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert "Traceback" not in proc.stderr
    for name, words in [("empty.txt", "empty"), ("binary.txt", "binary"),
                        ("broken.json", "malformed JSON"), ("latin.txt", "UTF-8"),
                        ("nowhere.txt", "no such file"), ("trunc.html.gz", "gzip")]:
        hits = [ln for ln in lines if name in ln]
        assert len(hits) == 1 and words in hits[0], (name, lines)
    data = json.loads((tmp_path / "o.json").read_text(encoding="utf-8"))
    assert [a["id"] for a in data["articles"]] == ["good"]
    assert len(data["rejections"]) == 6
    con = sqlite3.connect(tmp_path / "s.db")
    assert con.execute("SELECT id FROM articles").fetchall() == [("good",)]
    assert con.execute("SELECT COUNT(*) FROM rejections").fetchone()[0] == 6


def test_bad_data_keeps_what_is_already_stored(tmp_path):
    good = tmp_path / "a.txt"
    good.write_text("Title: Dam inspected\n\nEngineers inspected the dam on Friday and found "
                    "no cracks, the water agency said.\n", encoding="utf-8")
    assert run("analyze", str(good), "--db", "s.db", "--out", "1.json", cwd=tmp_path).returncode == 0
    empty = tmp_path / "b.txt"
    empty.write_text("", encoding="utf-8")
    assert run("analyze", str(empty), "--db", "s.db", "--out", "2.json", cwd=tmp_path).returncode == 1
    con = sqlite3.connect(tmp_path / "s.db")
    assert con.execute("SELECT id FROM articles").fetchall() == [("a",)]


def test_usage_errors_exit_2(tmp_path):
    proc = run("analyze", "x.txt", "--format", "pdf", cwd=tmp_path)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert run("analyze", cwd=tmp_path).returncode == 2
    assert run("frobnicate", cwd=tmp_path).returncode == 2


def test_examples_run_and_find_the_planted_story(tmp_path):
    proc = run("analyze", str(EXAMPLES / "articles"), "--format", "json", "--no-db",
               "--out", "ex.json", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    data = json.loads((tmp_path / "ex.json").read_text(encoding="utf-8"))
    by_article = {a: s["id"] for s in data["stories"] for a in s["articles"]}
    fire = {"danube-herald", "bucharest-daily", "bsw-20250311-constanta", "coastal-courier"}
    assert len({by_article[a] for a in fire}) == 1
    assert by_article["tidewater-news"] != by_article["danube-herald"]
