#!/usr/bin/env python
"""Fetching against hostile servers on 127.0.0.1: what a gzip bomb costs in memory, how long a
server trickling one byte at a time holds a fetch, and pages per second from a fast local server.

    .venv/bin/python benchmarks/bench_fetch.py [--deadline 5] [--pages 60]

The bomb is 64 MB of zeros gzipped (65 kB on the wire), fetched with the default 10 MB limit and
with 1 MB; memory is the peak traced by ``tracemalloc`` during the fetch (after a warm-up fetch
sets up the connection pool). The trickle server sends one byte every 0.5 s; the fetch runs with
``--deadline`` seconds (30 s by default in the product) and the wall-clock time it took is
printed. Throughput is ``--pages`` small pages fetched with the default concurrency (4 in
flight, 2 per host, so effectively 2 on one local host).
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--deadline", type=float, default=5.0)
    ap.add_argument("--pages", type=int, default=60)
    args = ap.parse_args()

    from consilience.errors import InputError
    from consilience.ingest import Fetcher
    from test_ingest_fetch_safety import HTML, PAGE, server

    z = zlib.compressobj(9, wbits=31)
    bomb = b"".join(z.compress(b"\0" * 1024 ** 2) for _ in range(64)) + z.flush()

    def trickle(h):
        h.send_response(200)
        h.send_header("Content-Type", HTML)
        h.send_header("Content-Length", "100000")
        h.end_headers()
        for _ in range(int(4 * args.deadline) + 10):  # bounded: ends soon after the deadline
            h.wfile.write(b"x")
            h.wfile.flush()
            time.sleep(0.5)

    routes = {"/bomb": (200, {"Content-Type": HTML, "Content-Encoding": "gzip"}, bomb),
              "/slow": trickle,
              **{f"/p{i}": (200, {"Content-Type": HTML}, PAGE) for i in range(args.pages)}}
    with server(routes) as (base, _):
        with Fetcher(allow_private_addresses=True, retries=0) as f:
            f.get(f"{base}/p0")
            print(f"gzip bomb: {len(bomb) / 1024:.0f} kB on the wire, 64 MB unpacked")
            for limit in (10, 1):
                f.max_bytes = limit * 1024 ** 2
                tracemalloc.start()
                t = time.perf_counter()
                try:
                    f.get(f"{base}/bomb")
                except InputError as exc:
                    outcome = exc.reason
                took = time.perf_counter() - t
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                print(f"  limit {limit:>2} MB: {outcome}, peak {peak / 1024 ** 2:.1f} MB, "
                      f"{took:.2f} s")
        with Fetcher(allow_private_addresses=True, deadline=args.deadline) as f:
            t = time.perf_counter()
            try:
                f.get(f"{base}/slow")
                outcome = "answered"
            except InputError as exc:
                outcome = exc.message
            print(f"trickle (1 byte / 0.5 s), deadline {args.deadline:g} s: "
                  f"{time.perf_counter() - t:.2f} s, {outcome}")
        with Fetcher(allow_private_addresses=True) as f:
            t = time.perf_counter()
            got = sum(1 for _, r in f.get_many(f"{base}/p{i}" for i in range(args.pages))
                      if not isinstance(r, InputError))
            took = time.perf_counter() - t
            print(f"pages: {got}/{args.pages} in {took:.2f} s ({got / took:.0f} pages/s)")


if __name__ == "__main__":
    main()
