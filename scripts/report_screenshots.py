"""Screenshots of the HTML report for the documentation, taken in headless Chromium.

    .venv/bin/python scripts/report_screenshots.py [PATH ...] [--out docs/screenshot-report.png]

Analyses PATH (default: ../shared/corpus/seeds), writes the HTML report, opens it, clicks the
first citation of the story's account so the viewer shows the cited sentence highlighted, and
saves a PNG of the window.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("paths", nargs="*", default=[str(ROOT.parent / "shared/corpus/seeds")])
    ap.add_argument("--out", type=Path, default=ROOT / "docs/screenshot-report.png")
    ap.add_argument("--width", type=int, default=1400)
    ap.add_argument("--height", type=int, default=1000)
    args = ap.parse_args()

    from report_browser import Browser

    from consilience import analyze
    from consilience.report import to_html

    analysis = analyze(args.paths)
    html = Path(tempfile.mkdtemp()) / "report.html"
    html.write_text(to_html(analysis), encoding="utf-8")
    with Browser(args.width, args.height) as browser:
        browser.open(html)
        browser.click(".account a.cite")
        browser.js("window.scrollTo(0, 0)")
        args.out.parent.mkdir(parents=True, exist_ok=True)
        browser.screenshot(args.out)
    print(f"{args.out} ({len(analysis.stories)} stories, {len(analysis.articles)} articles)")


if __name__ == "__main__":
    main()
