"""Command-line arguments and output shared by the benchmarks."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

DEV = Path(__file__).resolve().parents[1].parent / "shared/corpus/dev/clustering"


def dev_parser(doc: str) -> argparse.ArgumentParser:
    """PATH ... (default: every dev clustering articles folder), --limit N, --json FILE."""
    ap = argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("paths", nargs="*")
    ap.add_argument("--limit", type=int, default=None, help="at most this many articles")
    ap.add_argument("--json", dest="json_out", default=None)
    return ap


def dev_paths(args: argparse.Namespace) -> list[str] | None:
    """The paths asked for, else the dev folders; None (with a message) when there are none."""
    paths = args.paths or [str(p) for p in sorted(DEV.glob("*/articles"))]
    if not paths:
        print(f"error: no articles under {DEV}", file=sys.stderr)
        return None
    missing = [p for p in paths if not Path(p).exists()]
    if missing:
        print(f"error: {missing[0]}: no such file or folder", file=sys.stderr)
        return None
    return paths


def dev_articles(paths: list[str], limit: int | None) -> list | None:
    """The articles read from ``paths`` (at most ``limit``); each input that could not be read
    is named on one line; None (with a message) when not one article was read."""
    from consilience.ingest import read_inputs
    from consilience.model import Article

    out = []
    for item in read_inputs(paths):
        if isinstance(item, Article):
            out.append(item)
        else:
            print(f"skipped: {item.input}: {item.detail}", file=sys.stderr)
    if not out:
        print(f"error: no article could be read from {', '.join(paths)}", file=sys.stderr)
        return None
    return out[:limit] if limit else out


def emit(res: dict, json_out: str | None, width: int = 40) -> int:
    """Print the figures one a line and, when asked, write them as JSON; the exit status."""
    for k, v in res.items():
        print(f"{k:{width}s} {v}")
    if json_out:
        Path(json_out).write_text(json.dumps(res, indent=2) + "\n", encoding="utf-8")
    return 0
