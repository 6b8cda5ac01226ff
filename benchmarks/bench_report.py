"""Benchmark of the reports on the dev clustering articles: how long rendering takes, how large
the HTML report is, and how long headless Chromium takes to open it.

    .venv/bin/python benchmarks/bench_report.py [PATH ...] [--analysis FILE] [--keep FILE]
                                                [--json FILE]

PATH defaults to every ../shared/corpus/dev/clustering/*/articles folder. ``--analysis`` reuses
the JSON output of ``consilience analyze`` instead of analysing again. Open time is measured from
navigation to the load event (everything parsed, laid out and the script run), median of
``--runs`` fresh loads, in Debian's chromium (``apt-get install -y chromium``).
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
DEV = ROOT.parent / "shared/corpus/dev/clustering"


def _analysis(paths: list[str], cached: str | None):
    from consilience import analyze
    from consilience.model import Analysis

    if cached and Path(cached).exists():
        return Analysis.model_validate_json(Path(cached).read_text(encoding="utf-8")), 0.0
    t0 = time.perf_counter()
    analysis = analyze(paths)
    took = time.perf_counter() - t0
    if cached:
        Path(cached).write_text(analysis.model_dump_json(), encoding="utf-8")
    return analysis, took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--analysis", help="Analysis JSON to reuse (written if missing).")
    ap.add_argument("--keep", help="Keep the HTML report here.")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--json", help="Write the figures here.")
    args = ap.parse_args()
    paths = args.paths or [str(p) for p in sorted(DEV.glob("*/articles"))]

    from consilience.report import to_events_csv, to_geojson, to_html, to_markdown

    analysis, analyse_s = _analysis(paths, args.analysis)
    timings = {}
    outputs = {}
    for name, fn in (("html", to_html), ("md", to_markdown), ("events-csv", to_events_csv),
                     ("geojson", to_geojson)):
        t0 = time.perf_counter()
        outputs[name] = fn(analysis)
        timings[name] = time.perf_counter() - t0
    html_path = Path(args.keep or tempfile.mkstemp(suffix=".html")[1])
    html_path.write_text(outputs["html"], encoding="utf-8")
    size = html_path.stat().st_size

    from report_browser import Browser

    loads, dom_nodes = [], 0
    with Browser() as browser:
        for _ in range(args.runs):
            browser.open(html_path)
            loads.append(browser.js(
                "(() => { const n = performance.getEntriesByType('navigation')[0];"
                " return n.loadEventEnd - n.startTime; })()") / 1000.0)
        dom_nodes = browser.js("document.getElementsByTagName('*').length")
        stories = browser.js("document.querySelectorAll('section.story').length")
        maps = browser.js("document.querySelectorAll('svg.map').length")
    figures = {
        "articles": len(analysis.articles), "stories": len(analysis.stories),
        "analyse_s": round(analyse_s, 2),
        "render_s": {k: round(v, 3) for k, v in timings.items()},
        "html_bytes": size, "html_mb": round(size / 1e6, 2),
        "open_s_median": round(statistics.median(loads), 3), "open_s_max": round(max(loads), 3),
        "dom_elements": dom_nodes, "stories_rendered": stories, "maps": maps,
        "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
    }
    print(f"articles {figures['articles']}, stories {figures['stories']}"
          + (f", analysed in {analyse_s:.1f} s" if analyse_s else ""))
    print("render: " + ", ".join(f"{k} {v:.2f} s" for k, v in timings.items()))
    print(f"HTML report: {size / 1e6:.2f} MB, {dom_nodes} elements, {stories} stories, "
          f"{maps} maps")
    print(f"open in headless Chromium (navigation to load event, {args.runs} runs): "
          f"median {figures['open_s_median']:.3f} s, max {figures['open_s_max']:.3f} s")
    print(f"peak RSS {figures['peak_rss_mb']} MB")
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
