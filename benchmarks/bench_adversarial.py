"""Worst cases: hostile or odd text through reading and the article stages, seconds per case.

    .venv/bin/python benchmarks/bench_adversarial.py [CASE ...] [--scale F] [--timeout S]

Each case is a plain-text file written for the purpose (runs of spaces, brackets, one huge line,
many tiny lines ...) read as a user's ``.txt`` input and run through every article stage of the
default pipeline, in a child process of its own so that one runaway case is stopped at
``--timeout`` seconds without stopping the others. The figures are CPU seconds of the process
per stage (a busy machine inflates them less than wall-clock time); spaCy and the gazetteer are
loaded and warmed first, untimed. ``--scale`` shrinks or grows every case (0.1 for a quick
look). Every case should take well under 2 s per stage on a small machine; the code is
meant to be linear in the size of the text, so doubling ``--scale`` should about double a case.
spaCy's own parse (the ``annotate`` column) is linear but costs about 0.1 to 0.5 ms a token, so
cases of 20,000 tokens and more spend seconds there whatever the text.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

#: name -> (what it is, builder of the file's text at scale 1.0 from a scale factor)
CASES: dict[str, tuple[str, Callable[[float], str]]] = {
    "header-spaces": ("'Title: a' + 30,000 spaces (header line)",
                      lambda k: "Title: a" + " " * int(30_000 * k)),
    "tiny-lines": ("'x.\\n' x 50,000 (offset map, sentences)",
                   lambda k: "x.\n" * int(50_000 * k)),
    "long-line-quote": ("one 100 KB line of words ending in a quotation (colon-quote pattern)",
                        lambda k: "word " * int(20_000 * k) + "“one two three four five”\n"),
    "brackets": ("20 KB of '[' (tokenizer prefix search)", lambda k: "[" * int(20_000 * k)),
    "dashes": ("20 KB of '-' in a sentence (tokenizer, duration pattern)",
               lambda k: "It lasted " + "-" * int(20_000 * k) + " years.\n"),
    "spaces-in-line": ("a sentence with 50,000 spaces inside one line",
                       lambda k: "He said" + " " * int(50_000 * k) + "that it was over.\n"),
    "colon-lines": ("'A: ' x 25,000 on one line (speaker-colon pattern)",
                    lambda k: "A: " * int(25_000 * k) + "\n"),
    "updated-spaces": ("'Updated' + 30,000 spaces + a date (dateline pattern)",
                       lambda k: "Updated" + " " * int(30_000 * k) + "March 14, 2024\nText.\n"),
    "digits": ("100 KB of digits and commas (numbers pattern)",
               lambda k: "1," * int(50_000 * k) + "\n"),
    "quote-marks": ("10,000 short quotations on one line",
                    lambda k: "“a b c d” " * int(10_000 * k) + "\n"),
    "dots": ("100 KB of '.' (sentence and abbreviation patterns)",
             lambda k: "." * int(100_000 * k) + "\n"),
    "paragraphs": ("200 KB of ordinary paragraphs (parsed in pieces of 100k characters)",
                   lambda k: ("The army said on Monday that 12 people were killed near Kyiv, "
                              "and officials said: “We will rebuild.”\n") * int(2_000 * k)),
    "denials": ("2,000 paragraphs of quotations and denials (claims and disputes stages)",
                lambda k: ("“The cranes failed an inspection last month,” said inspector Ana "
                           "Pop. The company denied the claim that the berth was unsafe, which "
                           "the union disputed.\n") * int(2_000 * k)),
    "header-blanks": ("'Title: a' + 30,000 spaces + 'b' (header value with trailing blanks)",
                      lambda k: "Title: a" + " " * int(30_000 * k) + "b\nText.\n"),
    "updated-blanks": ("'Updated' + 30,000 spaces + 50 letters (update-time line)",
                       lambda k: "Updated" + " " * int(30_000 * k) + "x" * 50 + "\nText.\n"),
}
STAGES = ["read", "clean", "language", "annotate", "times", "quantities", "quotes", "places",
          "claims", "disputes"]


def run_one(name: str, scale: float) -> dict[str, float]:
    """Run one case in this process; seconds per stage."""
    from consilience.api import default_pipeline
    from consilience.ingest.text import article_from_text, read_text_file

    stages = default_pipeline(errors="raise").article_stages
    warm = article_from_text("The army said on Monday that 12 people were killed near Kyiv.",
                             "warm", "warm")
    for stage in stages:  # load the models and the gazetteer, untimed
        warm = stage(warm)
    text = CASES[name][1](scale)
    out: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        t = time.process_time()
        article = read_text_file(path)
        out["read"] = time.process_time() - t
    for stage in stages:
        t = time.process_time()
        article = stage(article)
        out[stage.name] = time.process_time() - t
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("cases", nargs="*", help=f"cases to run (default all: {', '.join(CASES)})")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per case")
    ap.add_argument("--one", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.one:
        print(json.dumps(run_one(args.one, args.scale)))
        return 0
    names = args.cases or list(CASES)
    unknown = [n for n in names if n not in CASES]
    if unknown:
        print(f"error: unknown case {unknown[0]} (known: {', '.join(CASES)})", file=sys.stderr)
        return 2
    print(f"{'case':18} {'chars':>9} " + " ".join(f"{s[:6]:>6}" for s in STAGES) + "   total")
    for name in names:
        chars = len(CASES[name][1](args.scale))
        t = time.perf_counter()
        try:
            proc = subprocess.run([sys.executable, __file__, "--one", name, "--scale",
                                   str(args.scale)], capture_output=True, text=True,
                                  timeout=args.timeout)
        except subprocess.TimeoutExpired:
            print(f"{name:18} {chars:9,} stopped after {args.timeout:.0f} s")
            continue
        if proc.returncode:
            last = (proc.stderr.strip().splitlines() or ["?"])[-1]
            print(f"{name:18} {chars:9,} failed: {last}")
            continue
        secs = json.loads(proc.stdout.strip().splitlines()[-1])
        print(f"{name:18} {chars:9,} " + " ".join(f"{secs.get(s, 0):6.2f}" for s in STAGES)
              + f"  {sum(secs.values()):6.2f}   (wall {time.perf_counter() - t:.0f} s with "
              f"model load)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
