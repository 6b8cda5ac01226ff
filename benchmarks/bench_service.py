"""Load benchmark of ``consilience serve``: many concurrent read clients on loopback.

    .venv/bin/python benchmarks/bench_service.py [--db STORE] [--copies N] [--clients 200]
                                                 [--seconds 20] [--max-requests 400000]

Starts a real server process (``consilience serve --port 0`` on 127.0.0.1, access log on, to a
temporary file) over STORE, or over a store built from ``examples/articles`` with N copies of its
stories under new ids (default 300, so the story list has many pages). Then ``--clients``
clients, each on one kept-alive connection, send requests back to back for ``--seconds`` (or
until ``--max-requests`` in all): story detail (JSON, ``story``) 60%, a page of the story list
(JSON, ``stories``) 20%, a page of the web UI's story list (``index``) 10%, article detail (JSON,
``article``) 10%; pages and ids drawn at random among the first 200 stories. ``--page-share P``
moves P of the story detail requests to the story's HTML report page (``page``), which is
rendered (one at a time) on its first request and kept until the store changes.
A request that fails, times out (10 s) or answers other than 200 is an error. Prints latency
percentiles per request kind, requests per second, errors and the server's peak RSS.

The client is a few lines of asyncio over raw HTTP/1.1 so that it costs the shared CPU less than
the server it measures.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
KINDS = (("story", 0.6), ("stories", 0.2), ("index", 0.1), ("article", 0.1), ("page", 0.0))
TIMEOUT = 10.0


def build_store(db: Path, copies: int) -> None:
    """The examples analysed into ``db``, plus ``copies`` copies of each story with its articles
    under new ids."""
    proc = subprocess.run([sys.executable, "-m", "consilience", "analyze",
                           str(ROOT / "examples/articles"), "--db", str(db), "--out", os.devnull],
                          capture_output=True, text=True, timeout=900)
    if proc.returncode != 0:
        sys.exit(f"bench_service: analysing the examples failed: {proc.stderr[-500:]}")
    from consilience.store import Store

    with Store(db) as st:
        stories = [st.get_story(s["id"]) for s in st.story_summaries(100, 0)]
        arts = {a.id: a for a in st.articles_by_id([a for s in stories for a in s.articles])}
        new_arts, new_stories = [], []
        for n in range(copies):
            for s in stories:
                ids = [f"{a}~{n}" for a in s.articles]
                new_arts += [arts[a].model_copy(update={"id": i}) for a, i in zip(s.articles, ids)]
                new_stories.append(s.model_copy(update={"id": f"{s.id}~{n}", "articles": ids,
                                                        "title": f"{s.title} ({n})"}))
        st.put_articles(new_arts, "bench")
        st.put_stories(new_stories)


def start_server(db: Path, log: Path) -> tuple[subprocess.Popen, int]:
    proc = subprocess.Popen([sys.executable, "-m", "consilience", "serve", "--db", str(db),
                             "--port", "0", "--token", "bench-not-used"],
                            stdout=subprocess.PIPE, stderr=log.open("w"), text=True)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        line = proc.stdout.readline()
        m = re.search(r" at http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return proc, int(m.group(1))
        if not line and proc.poll() is not None:
            break
    proc.kill()
    sys.exit(f"bench_service: the server did not start: {log.read_text()[-500:]}")


async def _get(reader, writer, path: str, port: int) -> tuple[int, int]:
    writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n\r\n".encode())
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head[9:12])
    m = re.search(rb"(?i)content-length: *(\d+)", head)
    body = await reader.readexactly(int(m.group(1))) if m else await reader.read()
    return status, len(body)


async def client(port: int, paths: dict, until: float, budget: list[int], out: dict,
                 rng: random.Random, weights: dict[str, float]) -> None:
    conn = None
    while time.monotonic() < until and budget[0] > 0:
        budget[0] -= 1
        kind = rng.choices(list(weights), list(weights.values()))[0]
        path = rng.choice(paths[kind])
        t0 = time.perf_counter()
        try:
            if conn is None:
                conn = await asyncio.wait_for(asyncio.open_connection("127.0.0.1", port), TIMEOUT)
            status, _ = await asyncio.wait_for(_get(*conn, path, port), TIMEOUT)
            ok = status == 200
        except (OSError, asyncio.TimeoutError, asyncio.IncompleteReadError, ValueError) as exc:
            ok, status = False, type(exc).__name__
            if conn is not None:
                conn[1].close()
            conn = None
        out[kind].append(time.perf_counter() - t0)
        if not ok:
            out["errors"].append((kind, path, status))
    if conn is not None:
        conn[1].close()


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(p / 100 * (len(values) - 1))))] if values else 0.0


async def load(port: int, paths: dict, clients: int, seconds: float, max_requests: int,
               weights: dict[str, float]) -> dict:
    out: dict[str, list] = {k: [] for k, _ in KINDS}
    out["errors"] = []
    budget = [max_requests]
    until = time.monotonic() + seconds
    await asyncio.gather(*(client(port, paths, until, budget, out, random.Random(n), weights)
                           for n in range(clients)))
    return out


def peak_rss_mb(pid: int) -> float:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--db", help="Serve this store (default: the examples and copies).")
    ap.add_argument("--copies", type=int, default=300)
    ap.add_argument("--clients", type=int, default=200)
    ap.add_argument("--seconds", type=float, default=20.0)
    ap.add_argument("--max-requests", type=int, default=400_000)
    ap.add_argument("--page-share", type=float, default=0.0)
    args = ap.parse_args()
    weights = dict(KINDS)
    share = max(0.0, min(args.page_share, weights["story"]))
    weights["story"] -= share
    weights["page"] += share
    args.clients = max(1, min(args.clients, 1000))
    args.seconds = max(1.0, min(args.seconds, 300.0))

    from consilience.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(args.db) if args.db else Path(tmp) / "bench.db"
        if not args.db:
            t0 = time.perf_counter()
            build_store(db, args.copies)
            print(f"store built from the examples and {args.copies} copies in "
                  f"{time.perf_counter() - t0:.1f} s")
        with Store(db) as st:
            n_stories, n_articles = st.count("stories"), st.count("articles")
            stories = [s["id"] for s in st.story_summaries(200, 0)]
            articles = [r[0] for r in st.conn.execute("SELECT id FROM articles LIMIT 1000")]
        from urllib.parse import quote

        pages = max(1, -(-n_stories // 50))
        paths = {"story": [f"/api/v1/stories/{quote(s, safe='')}" for s in stories],
                 "page": [f"/stories/{quote(s, safe='')}" for s in stories],
                 "stories": [f"/api/v1/stories?limit=50&offset={50 * p}" for p in range(pages)],
                 "index": [f"/?page={p + 1}" for p in range(pages)],
                 "article": [f"/api/v1/articles/{quote(a, safe='')}" for a in articles]}
        log = Path(tmp) / "serve.log"
        proc, port = start_server(db, log)
        try:
            print(f"serving {n_stories} stories, {n_articles} articles on 127.0.0.1:{port}; "
                  f"{args.clients} clients for {args.seconds:.0f} s")
            t0 = time.perf_counter()
            out = asyncio.run(load(port, paths, args.clients, args.seconds, args.max_requests,
                                   weights))
            took = time.perf_counter() - t0
            rss = peak_rss_mb(proc.pid)
        finally:
            proc.terminate()
            proc.wait(timeout=30)
        total = sum(len(out[k]) for k, _ in KINDS)
        print(f"requests {total} in {took:.1f} s ({total / took:.0f}/s), errors "
              f"{len(out['errors'])}, server peak RSS {rss:.0f} MB, access log lines "
              f"{sum(1 for _ in log.open())}")
        for kind, _ in KINDS:
            lat = out[kind]
            if lat:
                print(f"  {kind:8s} n={len(lat):6d}  p50 {pct(lat, 50) * 1000:7.1f} ms  "
                      f"p95 {pct(lat, 95) * 1000:7.1f} ms  p99 {pct(lat, 99) * 1000:7.1f} ms  "
                      f"max {max(lat) * 1000:7.1f} ms  mean {statistics.fmean(lat) * 1000:.1f} ms")
        for e in out["errors"][:5]:
            print("  error:", e)


if __name__ == "__main__":
    main()
