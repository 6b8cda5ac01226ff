"""Hostile and odd text: the reading and article stages stay linear in the size of the text.

No timing is asserted: where the fix is algorithmic the test checks the algorithm (what spaCy's
tokenizer and pipeline are handed); the pattern worst cases run in a child process stopped after
a generous bound, far above what the linear code needs and far below what the quadratic patterns
took (half a minute to minutes each). ``benchmarks/bench_adversarial.py`` prints the figures.
"""

from __future__ import annotations

import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from consilience.ingest.text import parse_headers
from consilience.model import Article

SRC = Path(__file__).resolve().parents[1] / "src"
#: Seconds a child process running the worst cases may take (they need well under one).
BOUND_S = 90


def test_header_values_are_stripped_whatever_the_blanks():
    meta, removed = parse_headers("Title:   A headline  \t\r\nSource: Sky News\nBody text.\n")
    assert meta == {"title": "A headline", "source": "Sky News"}
    assert [r.reason for r in removed] == ["metadata header (title)", "metadata header (source)"]
    assert removed[0].text == "Title:   A headline  \t\r\n"
    meta, removed = parse_headers("Title: a" + " " * 3000 + "b\nText.")
    assert meta["title"] == "a" + " " * 3000 + "b" and removed[0].input_end == 3010
    meta, _ = parse_headers("Title:    \nText.")
    assert meta == {}
    # a long value is not a date, and is not handed to the date parser
    meta, _ = parse_headers("Date: 2024-03-14" + " " * 500 + "x\nText.")
    assert meta == {}


@pytest.mark.slow
def test_pattern_worst_cases_finish(tmp_path):
    """The worst cases found for the header, colon-quote, duration and joiner patterns: each took
    from 30 seconds to minutes before (backtracking), and needs a fraction of a second now."""
    code = textwrap.dedent("""
        from consilience.ingest.text import parse_headers
        from consilience.model import Article
        from consilience.nlp.quotes import _uncued_quotes, find_quotation_marks
        from consilience.nlp.timenorm import normalise
        from consilience.nlp.times import _normalise_span
        from consilience.nlp.timenorm import Context
        from datetime import date

        meta, _ = parse_headers("Title: a" + " " * 30_000 + "b\\nText.")
        assert meta["title"].startswith("a ")
        text = "word " * 20_000 + "“one two three four five”\\n"
        art = Article(id="a", input_text=text, text=text)
        marks = find_quotation_marks(text)
        assert len(marks) == 1 and _uncued_quotes(art, None, marks, []) == []
        assert normalise("-" * 20_000 + " years", date(2024, 3, 14))[1] is None
        assert _normalise_span("xyzzy " * 20_000, date(2024, 3, 14), Context())[1] is None
        from consilience.nlp.times import _split_lists
        blanks = "1988" + " " * 100_000 + "x"
        assert _split_lists(blanks, [(0, len(blanks))]) == [(0, len(blanks))]
        print("ok")
    """)
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=BOUND_S, env={"PYTHONPATH": str(SRC), "PATH": ""})
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert proc.stdout.strip() == "ok"


def _whitespace_free_runs(text: str) -> list[int]:
    return [len(w) for w in text.split()]


def test_long_runs_without_spaces_reach_the_tokenizer_in_pieces(monkeypatch):
    """spaCy's prefix/suffix search is quadratic in one run's length ('[' x 20,000 took a
    minute): no run over MAX_TOKEN_CHARS reaches the tokenizer, and the Doc's text and offsets
    are the article's."""
    from consilience.nlp import annotate
    from consilience.nlp.models import MAX_TOKEN_CHARS, spacy_pipeline

    nlp = spacy_pipeline()
    seen: list[str] = []
    real = nlp.tokenizer

    def tokenizer(text):
        seen.append(text)
        return real(text)

    monkeypatch.setattr(nlp, "tokenizer", tokenizer)
    text = "Kyiv said on Monday that " + "[" * 1000 + " was sent.\nA second paragraph here."
    article = Article(id="runs", input_text=text, text=text)
    doc = annotate.parse(article)
    assert doc.text == text
    assert seen and max(max(_whitespace_free_runs(t), default=0) for t in seen) <= MAX_TOKEN_CHARS
    assert "".join(seen) == text
    assert all(text[t.idx:t.idx + len(t.text)] == t.text for t in doc)
    assert doc[0].text == "Kyiv" and doc[-1].text == "."


def test_long_articles_are_parsed_in_paragraph_pieces(monkeypatch):
    """An article over the piece length reaches spaCy in paragraph-bounded pieces, joined into
    one Doc over the whole text: sentences and entities keep their offsets."""
    from consilience.nlp import annotate
    from consilience.nlp.models import spacy_pipeline

    para = ("Ukrainian officials said on Monday that Russian forces shelled Kherson, "
            "killing three people.\n")
    text = para * 12
    monkeypatch.setattr(annotate, "MAX_PIECE_CHARS", 3 * len(para) + 5)
    nlp = spacy_pipeline()
    sizes: list[int] = []
    real_pipe = type(nlp).pipe

    def pipe(self, texts, *args, **kwargs):
        texts = list(texts)
        sizes.extend(len(t.text if hasattr(t, "text") else t) for t in texts)
        return real_pipe(self, texts, *args, **kwargs)

    monkeypatch.setattr(type(nlp), "pipe", pipe)
    monkeypatch.setattr(type(nlp), "__call__", lambda self, *a, **k: pytest.fail("whole text"))
    doc = annotate.parse_text(text)
    assert sizes == [3 * len(para)] * 4
    assert doc.text == text
    sents = list(doc.sents)
    assert len(sents) == 12 and all(s.text.strip() == para.strip() for s in sents)
    kherson = [e for e in doc.ents if e.text == "Kherson"]
    assert len(kherson) == 12
    assert all(text[e.start_char:e.end_char] == "Kherson" for e in kherson)


def test_pieces_cover_the_text_and_respect_paragraphs(monkeypatch):
    from consilience.nlp import annotate

    monkeypatch.setattr(annotate, "MAX_PIECE_CHARS", 50)
    text = "a" * 30 + "\n" + "b " * 40 + "\n" + "c" * 120
    pieces = annotate._pieces(text)
    assert pieces[0] == (0, 31)  # cut after the first paragraph's newline
    assert all(b - a <= 50 for a, b in pieces)
    assert "".join(text[a:b] for a, b in pieces) == text
    assert all(text[b - 1] in " \n" for _, b in pieces[:3])  # at white space while there is any


def test_paragraph_boundaries_are_set_in_one_pass():
    """Each token after a newline starts a sentence, and no other is marked (the marks are set
    as one array; spaCy's per-token setter scanned the whole Doc each time, quadratic on
    'x.\\n' x 50,000)."""
    from consilience.nlp.models import spacy_pipeline

    nlp = spacy_pipeline()
    component = nlp.get_pipe("paragraph_boundaries")
    doc = component(nlp.make_doc("First line here\nsecond line, and more.\nThird one."))
    assert [t.text for t in doc if t.is_sent_start] == ["First", "second", "Third"]
    assert [t.is_sent_start for t in doc].count(None) == len(doc) - 3
    doc = nlp("x.\n" * 3000)
    assert len(list(doc.sents)) == 3000


def test_quotations_near_a_verb_are_found_by_search_as_by_a_scan():
    """Each cue verb looks only at the quotations overlapping its sentence's neighbourhood
    (found by binary search); the result is what a scan of every quotation gives, including a
    long quotation that began far before."""
    import random

    from consilience.nlp.quotes import QuoteMarks, _Near

    rng = random.Random(7)
    quotes, pos = [], 0
    for _ in range(300):
        pos += rng.randint(1, 50)
        length = rng.choice([5, 20, 60, 2000])
        quotes.append(QuoteMarks(pos + 1, pos + length, pos, pos + length))
        pos += rng.choice([0, length])  # some quotations run over the next ones
    quotes.sort(key=lambda q: q.start)
    near = _Near(quotes)
    for _ in range(500):
        lo = rng.randint(-100, pos + 100)
        hi = lo + rng.randint(0, 400)
        assert near.overlapping(lo, hi) == [q for q in quotes if q.start < hi and q.end > lo]


def test_long_article_facts_keep_their_places():
    """A long article (many paragraphs, quotations and dates) gets every paragraph's facts,
    each at its own place."""
    from consilience.nlp.annotate import annotate
    from consilience.nlp.quotes import find_quotes
    from consilience.nlp.times import find_times

    para = ("The army said on Monday that {} people were killed, and officials said: "
            "“We will rebuild.”\n")
    text = "".join(para.format(i + 2) for i in range(60))
    art = annotate(Article(id="long", input_text=text, text=text))
    times = find_times(art)
    assert [t.text for t in times] == ["Monday"] * 60
    quotes = find_quotes(art)
    contents = [q.content_span.text for q in quotes]
    assert contents.count("We will rebuild.") == 60
    paragraph_starts = [m.start() for m in re.finditer("^", text, re.M)][:60]
    rebuild = [q.content_span.start for q in quotes if q.content_span.text == "We will rebuild."]
    assert [text.rfind("\n", 0, s) + 1 for s in rebuild] == paragraph_starts
    assert [t.start for t in times] == [s + text[s:].index("Monday") for s in paragraph_starts]


def test_lines_without_a_word_are_furniture_and_never_reach_the_parser():
    from consilience.clean import furniture

    text = ("Ministers met on Tuesday.\n***\n12 | 34\n[[[[[[\n"
            "Они встретились во вторник.\nx.\nThe talks ended at 5 pm.\n")
    art = furniture.clean_text(Article(id="a", input_text=text))
    assert art.text == ("Ministers met on Tuesday.\nОни встретились во вторник.\n"
                        "The talks ended at 5 pm.")
    gone = {r.text: r.reason for r in art.removed}
    assert gone["12 | 34"] == gone["[[[[[["] == gone["x."] == "no words"
    for r in art.removed:  # every removal points at its own text in the input
        assert text[r.input_start:r.input_end] == r.text
    # 'x.\n' x 50,000 and 20 KB of '[' leave no text for the parser to spend its time on.
    for hostile in ("x.\n" * 50_000, "[" * 20_000):
        assert furniture.clean_text(Article(id="h", input_text=hostile)).text == ""
