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
