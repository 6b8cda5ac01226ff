#!/usr/bin/env python
"""Fuzz the readers (and, for a subset, the article stages) with mutated real inputs.

    .venv/bin/python scripts/fuzz_inputs.py [--cases 10000] [--seed 1] [--analyze-every 25]
        [--corpus ../shared/corpus] [--json FILE] [--show 10]

Real inputs (the shipped ``examples/articles``, the seed reports, a seeded sample of the dev
clustering JSON and of the dev extraction pages, and a generated JSONL dump, RSS and Atom feed and
WARC archive) are mutated by a seeded mutator: byte flips, truncation, junk, JSON field type swaps,
deep nesting, lone surrogates, character-reference injection, huge lines, gzip (whole, truncated,
twice), empty files, other encodings, line endings, NUL and control characters, renamed and
non-UTF-8 file names. Every case (one to three mutations of one input) is read with
``read_inputs``; every ``--analyze-every``-th case whose articles are short (8,000 characters
in all) also goes through ``consilience.api.analyze_items`` (no store). Counted per case:

- analysed: at least one article came out;
- rejected: only rejections came out (each a non-empty one-line reason naming the input);
- crashed: an exception escaped ``read_inputs`` or ``analyze_items``, or an item could not be
  written as UTF-8, or a rejection's reason was empty or spanned lines;
- silent drop: nothing came out of an input, a JSONL line gave no item, or an article read never
  came out of the analysis (neither analysed nor rejected);
- read-error: rejections from the readers' last-resort handler (an error no reader anticipated:
  not a crash, but worth a look).

Case ``i`` is reproducible alone: its random generator is seeded from ``--seed`` and ``i``.
The exit status is 1 when anything crashed or was silently dropped. Smaller limits are set for the
run (files 4 MB, JSONL records 0.25 MB) so that cases over the limits are cheap to make.
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import io
import json
import os
import random
import re
import signal
import sys
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

#: Limits for the run (small, so that inputs over them are cheap to make).
LIMITS = {"CONSILIENCE_MAX_FILE_MB": "4", "CONSILIENCE_MAX_RECORD_MB": "0.25"}
#: Cases whose articles hold at most this many characters in all go through the article stages
#: too (keeps the analysis cheap: about a second an article).
SHORT_INPUT = 8000
#: Seconds one case may take before it is counted as hung.
CASE_SECONDS = 60


@dataclass
class Case:
    index: int
    base: str
    name: bytes
    data: bytes
    mutations: list[str] = field(default_factory=list)


# --- Real inputs -------------------------------------------------------------------------------


def _feed(texts: list[tuple[str, str]]) -> bytes:
    from xml.sax.saxutils import escape

    def paras(body: str) -> str:
        return "".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip())

    items = "".join(
        f"<item><title>{escape(title)}</title><link>https://courier.example/news/{i}</link>"
        f"<pubDate>Tue, 09 Apr 2024 07:30:00 GMT</pubDate><description>{escape(title)}"
        f"</description><content:encoded><![CDATA[{paras(body)}]]></content:encoded></item>"
        for i, (title, body) in enumerate(texts))
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel>'
            "<title>Valley Courier</title><link>https://courier.example/</link>"
            f"{items}<item><title>Summary only</title><link>https://courier.example/short</link>"
            "<description>A teaser.</description></item></channel></rss>").encode("utf-8")


def _atom(title: str, body: str) -> bytes:
    from xml.sax.saxutils import escape

    html = escape("".join(f"<p>{p}</p>" for p in body.split("\n") if p.strip()))
    return ('<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>Valley Courier</title><entry><title>{escape(title)}</title>"
            '<link href="https://courier.example/news/atom-1"/><id>urn:uuid:1</id>'
            "<updated>2024-04-09T07:30:00Z</updated><author><name>Jane Holloway</name></author>"
            f'<content type="html">{html}</content></entry></feed>').encode("utf-8")


def _warc(page: bytes, feed: bytes, compress: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=compress)

    def response(url: str, ctype: str, body: bytes, status: str = "200 OK") -> None:
        headers = StatusAndHeaders(status, [("Content-Type", ctype)], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                      http_headers=headers))

    writer.write_record(writer.create_warc_record("", "warcinfo",
                                                  payload=io.BytesIO(b"software: fuzz")))
    writer.write_record(writer.create_warc_record(
        "https://courier.example/news/a.html", "request",
        payload=io.BytesIO(b"GET /news/a.html HTTP/1.1\r\nHost: courier.example\r\n\r\n")))
    response("https://courier.example/news/a.html", "text/html; charset=utf-8", page)
    response("https://courier.example/feed.rss", "application/rss+xml", feed)
    response("https://courier.example/img/river.png", "image/png", b"\x89PNG\r\n\x1a\n" + b"0" * 64)
    response("https://courier.example/gone", "text/html", b"<html></html>", "404 Not Found")
    return out.getvalue()


def base_inputs(corpus: Path | None, rng: random.Random, n_json: int = 24,
                n_pages: int = 10) -> list[tuple[str, bytes]]:
    """``(file name, bytes)`` of the real inputs to mutate."""
    out: list[tuple[str, bytes]] = []
    examples = sorted((ROOT / "examples" / "articles").glob("*"))
    out += [(p.name, p.read_bytes()) for p in examples]
    texts = [(p.stem.replace("-", " ").title(), p.read_text(encoding="utf-8"))
             for p in examples if p.suffix == ".txt"]
    records: list[dict] = []
    if corpus is not None and corpus.exists():
        out += [(p.name, p.read_bytes()) for p in sorted((corpus / "seeds").glob("*.txt"))]
        js = sorted((corpus / "dev" / "clustering").glob("*/articles/*.json"))
        for p in rng.sample(js, min(n_json, len(js))):
            out.append((p.name, p.read_bytes()))
            records.append(json.loads(p.read_bytes()))
        pages = sorted((corpus / "dev" / "extraction" / "pages").glob("*.html.gz"))
        for i, p in enumerate(rng.sample(pages, min(n_pages, len(pages)))):
            data = p.read_bytes()
            out.append((p.name, data) if i % 2 else (p.name[:-3], gzip.decompress(data)))
    records = records[:6] or [{"id": f"ex-{i}", "title": t, "text": b} for i, (t, b) in
                              enumerate(texts)]
    out.append(("dump.jsonl", "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")))
    feed = _feed(texts)
    out.append(("courier.rss", feed))
    out.append(("feed.xml", feed))
    out.append(("courier.atom", _atom(*texts[0])))
    page = (ROOT / "examples" / "articles" / "coastal-courier.html").read_bytes()
    out.append(("crawl.warc.gz", _warc(page, feed, compress=True)))
    out.append(("crawl.warc", _warc(page, feed, compress=False)))
    return out


# --- Mutations ---------------------------------------------------------------------------------

EXTENSIONS = [".txt", ".md", ".json", ".jsonl", ".ndjson", ".html", ".htm", ".rss", ".atom",
              ".warc", ".txt.gz", ".json.gz", ".jsonl.gz", ".html.gz", ".rss.gz", ".warc.gz",
              ".xml", ".xml.gz", ".xhtml", ".TXT", ".pdf", ""]
SURROGATE_ESCAPES = ["\\ud800", "\\udfff", "\\udc80", "\\ud83d", "\\ude00\\ud83d"]
REFERENCES = [b"&#xD800;", b"&#55296;", b"&#0;", b"&#x110000;", b"&#99999999999999999999;",
              b"&#x" + b"f" * 40 + b";",
              b"&#xFFFE;", b"&bogus;", b"&amp;amp;", b"&#x1F600;", b"&#8232;", b"<![CDATA[",
              b"]]>", b"<!--", b"<script>", b"\xed\xa0\x80", b"&#x202E;", b"&#xDC80;"]
ODD_CHARS = ["\u200b", "\u202e", "\ufeff", "\u0301" * 50, "\u2028", "\x0b", "\x1c", "\ufffe",
             "\U0001F600", "\u00a0"]
JSON_FIELDS = ["id", "title", "text", "maintext", "date_publish", "source_domain", "url",
               "authors", "language", "description", "published", "date"]


def _kind(name: bytes) -> str:
    n = name.lower().removesuffix(b".gz")
    for ext, kind in ((b".jsonl", "jsonl"), (b".ndjson", "jsonl"), (b".json", "json"),
                      (b".html", "html"), (b".htm", "html"), (b".rss", "xml"), (b".atom", "xml"),
                      (b".xml", "xml"), (b".xhtml", "html"),
                      (b".warc", "warc")):
        if n.endswith(ext):
            return kind
    return "text"


def _plain(case: Case) -> bytes:
    """The content, decompressed when it is gzip (else as it is)."""
    if case.data[:2] == b"\x1f\x8b":
        with contextlib.suppress(Exception):
            return gzip.decompress(case.data)
    return case.data


def _random_value(rng: random.Random):
    choice = rng.randrange(12)
    return [lambda: rng.randint(-10 ** 6, 10 ** 12), lambda: rng.random() * 1e308,
            lambda: None, lambda: True, lambda: [], lambda: ["a", 1, None],
            lambda: {"nested": {"x": 1}}, lambda: "", lambda: " \n\t ",
            lambda: "x" * rng.randint(1, 3000), lambda: float("inf"),
            lambda: "2024-13-45T99:99:99"][choice]()


def _nest(depth: int, rng: random.Random) -> str:
    if rng.random() < 0.5:
        return "[" * depth + "]" * depth
    return '{"a":' * depth + "1" + "}" * depth


def _json_docs(data: bytes) -> list | None:
    try:
        lines = [ln for ln in data.decode("utf-8-sig").splitlines() if ln.strip()]
        return [json.loads(ln) for ln in lines] if len(lines) > 1 else [json.loads(data)]
    except (ValueError, RecursionError):
        return None


def m_flip(c: Case, rng: random.Random) -> None:
    b = bytearray(c.data)
    for _ in range(rng.randint(1, 8)):
        if b:
            b[rng.randrange(len(b))] = rng.randrange(256)
    c.data = bytes(b)


def m_truncate(c: Case, rng: random.Random) -> None:
    c.data = c.data[:rng.randrange(len(c.data) + 1)]


def m_junk(c: Case, rng: random.Random) -> None:
    at = rng.randrange(len(c.data) + 1)
    c.data = c.data[:at] + rng.randbytes(rng.randint(1, 64)) + c.data[at:]


def m_cut_span(c: Case, rng: random.Random) -> None:
    a = rng.randrange(len(c.data) + 1)
    c.data = c.data[:a] + c.data[a + rng.randint(1, 400):]


def m_repeat(c: Case, rng: random.Random) -> None:
    c.data = c.data * rng.randint(2, 3)


def m_json_type(c: Case, rng: random.Random) -> None:
    docs = _json_docs(_plain(c))
    if docs is None:
        return m_flip(c, rng)
    for doc in docs:
        if isinstance(doc, dict):
            for _ in range(rng.randint(1, 3)):
                doc[rng.choice(JSON_FIELDS + list(doc))] = _random_value(rng)
    if rng.random() < 0.1:
        docs = [rng.choice([5, "text", None, [doc], True]) for doc in docs]
    text = "\n".join(json.dumps(d) for d in docs) + "\n"
    c.data = text.encode("utf-8")


def m_json_deep(c: Case, rng: random.Random) -> None:
    depth = rng.choice([10, 500, 990, 1001, 5000, 100_000])
    docs = _json_docs(_plain(c))
    if docs is None or rng.random() < 0.3:
        c.data = _nest(depth, rng).encode()
        return
    parts = []
    for doc in docs:
        if isinstance(doc, dict):
            key = rng.choice(["text", "title", "authors", "extra"])
            doc[key] = "@@NEST@@"
        parts.append(json.dumps(doc).replace('"@@NEST@@"', _nest(depth, rng)))
    c.data = ("\n".join(parts) + "\n").encode()


def m_surrogate(c: Case, rng: random.Random) -> None:
    kind = _kind(c.name)
    data = _plain(c)
    if kind in ("json", "jsonl"):
        quotes = [i for i in range(len(data)) if data[i:i + 1] == b'"'][:5000]
        if quotes:
            at = rng.choice(quotes) + 1
            esc = rng.choice(SURROGATE_ESCAPES).encode()
            c.data = data[:at] + esc + data[at:]
            return
    at = rng.randrange(len(data) + 1)
    ins = rng.choice([b"&#xD800;", b"&#xDFFF;", b"&#56448;", b"\xed\xa0\x80", b"\xed\xb2\x80"])
    c.data = data[:at] + ins + data[at:]


def m_reference(c: Case, rng: random.Random) -> None:
    data = _plain(c)
    for _ in range(rng.randint(1, 5)):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice(REFERENCES) + data[at:]
    c.data = data


def m_huge_line(c: Case, rng: random.Random) -> None:
    size = rng.choice([200_000, 300_000, 600_000])
    if _kind(c.name) == "jsonl":
        rec = json.dumps({"id": "huge", "text": "word " * (size // 5)})
        c.data = _plain(c) + rec.encode() + b"\n" + b'{"id": "tail", "text": "Tail record."}\n'
    elif rng.random() < 0.5:
        c.data = _plain(c) + b"\n" + b"x" * size  # one token, no spaces
    else:
        c.data = _plain(c) + b"\n" + b"word " * (size // 5)


def m_big_file(c: Case, rng: random.Random) -> None:
    c.data = c.data + b" " * (5 * 1024 * 1024)  # over the 4 MB file limit of the run


def m_gzip(c: Case, rng: random.Random) -> None:
    r = rng.random()
    packed = gzip.compress(c.data)
    if r < 0.2:
        packed = packed[:rng.randrange(len(packed) + 1)]
    elif r < 0.3:
        packed = gzip.compress(packed)
    c.data = packed
    if not c.name.lower().endswith(b".gz"):
        c.name += b".gz"


def m_ungzip(c: Case, rng: random.Random) -> None:
    c.data = _plain(c)
    if c.name.lower().endswith(b".gz") and rng.random() < 0.7:
        c.name = c.name[:-3]


def m_empty(c: Case, rng: random.Random) -> None:
    c.data = rng.choice([b"", b"   \n\t\n", b"\xef\xbb\xbf", b"\n" * 50, b"\x1f\x8b",
                         gzip.compress(b""), b"{}", b"[]", b"null", b"<html></html>",
                         b"<rss></rss>"])


def m_encoding(c: Case, rng: random.Random) -> None:
    text = _plain(c).decode("utf-8", errors="replace")
    enc = rng.choice(["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252",
                      "utf-8-sig", "shift_jis", "koi8-r", "utf-7"])
    c.data = text.encode(enc, errors="replace")


def m_line_endings(c: Case, rng: random.Random) -> None:
    data = _plain(c)
    c.data = data.replace(b"\n", rng.choice([b"\r\n", b"\r", b"\n\n\n", b"\x85", b"\xe2\x80\xa8"]))


def m_nul(c: Case, rng: random.Random) -> None:
    data = _plain(c)
    for _ in range(rng.randint(1, 20)):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice([b"\x00", b"\x01", b"\x1b[31m", b"\x7f", b"\x0c"]) + data[at:]
    c.data = data


def m_odd_chars(c: Case, rng: random.Random) -> None:
    data = _plain(c)
    for _ in range(rng.randint(1, 10)):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice(ODD_CHARS).encode("utf-8", "surrogatepass") + data[at:]
    c.data = data


def m_rename(c: Case, rng: random.Random) -> None:
    stem = c.name.split(b".")[0] or b"x"
    r = rng.random()
    if r < 0.35:
        c.name = stem + rng.choice(EXTENSIONS).encode()
    elif r < 0.55:
        c.name = stem + b".1999.0229" + c.name[len(stem):]
    elif r < 0.8:
        c.name = rng.choice([b"caf\xe9-", b"bad\xff\xfe", b"\xed\xa0\x80", b"x\x1by-"]) + c.name
    else:
        c.name = (stem * 40)[:200] + c.name[len(stem):]


MUTATORS: dict[str, Callable[[Case, random.Random], None]] = {
    "flip": m_flip, "truncate": m_truncate, "junk": m_junk, "cut-span": m_cut_span,
    "repeat": m_repeat, "json-type": m_json_type, "json-deep": m_json_deep,
    "surrogate": m_surrogate, "reference": m_reference, "huge-line": m_huge_line,
    "big-file": m_big_file, "gzip": m_gzip, "ungzip": m_ungzip, "empty": m_empty,
    "encoding": m_encoding, "line-endings": m_line_endings, "nul": m_nul,
    "odd-chars": m_odd_chars, "rename": m_rename,
}
#: How often each mutation is drawn (relative); rare ones are costly or end the case early.
WEIGHTS = {"big-file": 1, "huge-line": 2, "empty": 2, "repeat": 2, "json-deep": 4}


def make_case(index: int, seed: int, bases: list[tuple[str, bytes]]) -> Case:
    rng = random.Random(seed * 1_000_003 + index)
    base, data = bases[index % len(bases)]
    case = Case(index, base, base.encode(), data)
    names = list(MUTATORS)
    weights = [WEIGHTS.get(n, 6) for n in names]
    for name in rng.choices(names, weights, k=rng.choice([1, 1, 2, 2, 3])):
        try:
            MUTATORS[name](case, rng)
        except (RecursionError, ValueError):  # e.g. re-encoding JSON nested too deeply
            name = "flip"
            m_flip(case, rng)
        case.mutations.append(name)
    return case


# --- Running -----------------------------------------------------------------------------------


class OfflineFetcher:
    """Stands in for the HTTP fetcher: the fuzzer never goes on the network."""

    def get_many(self, urls):
        from consilience.errors import InputError

        for u in urls:
            yield u, InputError("not fetched (offline run)", input=u, reason="unreachable")

    def close(self) -> None:
        pass


class Hung(BaseException):
    """A case ran over its time (a BaseException, so no handler in the code under test eats it)."""


@contextlib.contextmanager
def time_limit(seconds: int) -> Iterator[None]:
    def _raise(*_):
        raise Hung()

    old = signal.signal(signal.SIGALRM, _raise)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _jsonl_records(data: bytes, gz: bool) -> int | None:
    """Non-blank lines of a JSONL file (gzipped when ``gz``), as the reader counts them; None
    when the content cannot be had whole (a damaged archive: the reader says so itself)."""
    if gz:
        try:
            data = gzip.decompress(data)
        except Exception:
            return None
    lines = io.BytesIO(data).readlines()
    return sum(1 for ln in lines if ln.strip())


def _problem(exc: BaseException) -> str:
    tb = traceback.extract_tb(exc.__traceback__)
    where = f"{Path(tb[-1].filename).name}:{tb[-1].lineno}" if tb else "?"
    return f"{type(exc).__name__} at {where}: {' '.join(str(exc).split())[:160]}"


def _check_items(items: list) -> list[str]:
    """Problems with what the readers gave: not writable as UTF-8, or a bad rejection."""
    from consilience.model import Rejection

    bad = []
    for it in items:
        try:
            it.model_dump_json().encode("utf-8")
        except (UnicodeEncodeError, ValueError) as exc:
            bad.append(f"not writable as UTF-8: {_problem(exc)}")
        if isinstance(it, Rejection) and (not it.detail or "\n" in it.detail or not it.input):
            bad.append(f"rejection without a one-line reason: {it.input!r} {it.detail!r}")
    return bad


def run_case(case: Case, workdir: Path, analyze: bool, outcome: Counter, notes: list[str]) -> None:
    from consilience.api import analyze_items
    from consilience.ingest import read_inputs
    from consilience.model import Article, Rejection

    path = os.fsencode(workdir) + b"/" + case.name.replace(b"/", b"_")
    with open(path, "wb") as fh:
        fh.write(case.data)
    label = f"case {case.index} ({case.base}; {'+'.join(case.mutations)})"
    try:
        with time_limit(CASE_SECONDS):
            try:
                items = list(read_inputs([os.fsdecode(path)], fetcher=OfflineFetcher()))
            except Exception as exc:
                outcome["crashed"] += 1
                notes.append(f"crash in read_inputs, {label}: {_problem(exc)}")
                return
            problems = _check_items(items)
            if problems:
                outcome["crashed"] += 1
                notes.append(f"{label}: {problems[0]}")
                return
            arts = [i for i in items if isinstance(i, Article)]
            for i in items:
                if isinstance(i, Rejection) and i.reason == "read-error":
                    outcome["read-error"] += 1
                    notes.append(f"read-error (not a failure), {label}: {i.detail}")
            if not items:
                outcome["silent drop"] += 1
                notes.append(f"silent drop, {label}: nothing read")
                return
            if _kind(case.name) == "jsonl" and not any(  # no rejection of the whole file
                    isinstance(i, Rejection) and not re.search(r":\d+$", i.input)
                    for i in items):
                expected = _jsonl_records(case.data, case.name.lower().endswith(b".gz"))
                if expected is not None and len(items) < expected:
                    outcome["silent drop"] += 1
                    notes.append(f"silent drop, {label}: {expected} records, {len(items)} items")
                    return
            outcome["analysed" if arts else "rejected"] += 1
            if analyze and arts and sum(len(a.input_text) for a in arts) <= SHORT_INPUT:
                outcome["through the stages"] += 1
                try:
                    result = analyze_items(items, db=None)
                except Exception as exc:
                    outcome["crashed in the stages"] += 1
                    notes.append(f"crash in analyze_items, {label}: {_problem(exc)}")
                    return
                out_ids = {a.id for a in result.articles} | {r.article for r in result.rejections}
                lost = [a.id for a in arts if a.id not in out_ids]
                if lost:
                    outcome["silent drop in the stages"] += 1
                    notes.append(f"silent drop in analyze_items, {label}: {lost[:3]}")
    except Hung:
        outcome["hung"] += 1
        notes.append(f"over {CASE_SECONDS} s, {label}")
    finally:
        os.unlink(path)


def fuzz(cases: int, seed: int, corpus: Path | None, analyze_every: int = 25,
         progress: bool = False) -> tuple[Counter, list[str], Counter]:
    """Run ``cases`` cases; return the outcome counts, notes on every failure and the counts of
    each mutation used."""
    bases = base_inputs(corpus, random.Random(seed))
    outcome: Counter = Counter()
    used: Counter = Counter()
    notes: list[str] = []
    saved = {k: os.environ.get(k) for k in LIMITS}
    os.environ.update(LIMITS)
    try:
        _run(cases, seed, bases, analyze_every, progress, outcome, notes, used)
    finally:
        for k, v in saved.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v
    outcome["cases"] = cases
    return outcome, notes, used


def _run(cases: int, seed: int, bases: list[tuple[str, bytes]], analyze_every: int,
         progress: bool, outcome: Counter, notes: list[str], used: Counter) -> None:
    with tempfile.TemporaryDirectory(prefix="consilience-fuzz-") as tmp:
        for i in range(cases):
            case = make_case(i, seed, bases)
            used.update(case.mutations)
            shown = len(notes)
            run_case(case, Path(tmp), analyze_every > 0 and i % analyze_every == 0, outcome,
                     notes)
            if progress:
                for note in notes[shown:]:
                    print("  " + note, file=sys.stderr, flush=True)
            if progress and (i + 1) % 500 == 0:
                print(f"  {i + 1} cases ...", file=sys.stderr, flush=True)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--analyze-every", type=int, default=25,
                    help="Every N-th case (when its articles are short) also goes through the "
                         "stages; 0: none.")
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus")
    ap.add_argument("--json", type=Path, help="Also write the figures here.")
    ap.add_argument("--show", type=int, default=10, help="Failures listed (default 10).")
    args = ap.parse_args()
    t0 = time.perf_counter()
    outcome, notes, used = fuzz(args.cases, args.seed, args.corpus, args.analyze_every,
                                progress=True)
    seconds = time.perf_counter() - t0
    order = ["cases", "analysed", "rejected", "crashed", "silent drop", "hung", "read-error",
             "through the stages", "crashed in the stages", "silent drop in the stages"]
    for key in order:
        print(f"{key:28} {outcome.get(key, 0):7d}")
    print(f"{'seconds':28} {seconds:7.0f}")
    print("mutations: " + ", ".join(f"{k} {v}" for k, v in sorted(used.items())))
    for note in notes[:args.show]:
        print("  " + note)
    if args.json:
        args.json.write_text(json.dumps({"outcome": dict(outcome), "mutations": dict(used),
                                         "seconds": round(seconds, 1), "notes": notes},
                                        indent=1), encoding="utf-8")
    failed = sum(outcome[k] for k in ("crashed", "silent drop", "hung", "crashed in the stages",
                                      "silent drop in the stages"))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
