"""Offset maps from clean text back to the input text."""

from __future__ import annotations

from consilience.clean.offsets import TextBuilder, map_offset


def test_builder_maps_kept_runs_back_to_input():
    src = "HEADER\nkeep one\nDROP\nkeep two"
    b = TextBuilder(src)
    b.keep(7, 15)
    b.insert("\n")
    b.keep(21, 29)
    text = b.text()
    assert text == "keep one\nkeep two"
    for start, end in [(0, 4), (5, 8), (9, 13), (9, 17)]:
        s, e = map_offset(b.runs, start), map_offset(b.runs, end, end=True)
        assert src[s:e] == text[start:end]


def test_end_offset_at_run_boundary_stays_in_closing_run():
    b = TextBuilder("aaa--bbb")
    b.keep(0, 3)
    b.keep(5, 8)
    assert b.text() == "aaabbb"
    assert map_offset(b.runs, 3, end=True) == 3
    assert map_offset(b.runs, 3) == 5


def test_contiguous_keeps_merge_into_one_run():
    b = TextBuilder("abcdef")
    b.keep(0, 2)
    b.keep(2, 6)
    assert b.runs == [(0, 0, 6)]


def test_article_indexes_its_offset_map_once_for_many_spans(monkeypatch):
    """Many spans over a text of many runs index the map once (a per-lookup index made
    'x.\\n' * 50,000 quadratic); lookups agree with the one-off map_offset, and a replaced map
    is indexed again."""
    from consilience.clean import offsets
    from consilience.clean.furniture import clean_text
    from consilience.model import Article

    article = clean_text(Article(id="a", input_text="  ab.\n" * 2000))
    assert len(article.offset_map) == 2000
    starts = range(0, len(article.text) - 3, 4)
    expected = [map_offset(article.offset_map, i) for i in starts]
    made = []
    real = offsets.OffsetMap

    class Counting(real):
        def __init__(self, runs):
            made.append(len(runs))
            super().__init__(runs)

    monkeypatch.setattr(offsets, "OffsetMap", Counting)
    for i, want in zip(starts, expected, strict=True):
        span = article.span(i, i + 3)
        assert article.input_text[span.input_start:span.input_end] == span.text == "ab."
        assert span.input_start == want
    assert made == [2000]
    article.offset_map = article.offset_map[:10]
    article.span(0, 2)
    assert made == [2000, 10]
