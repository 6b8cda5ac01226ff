"""Offset maps: the clean text is a sequence of verbatim runs of the input text.

A map is a sorted list of ``(clean_start, input_start, length)`` runs. Text inserted between runs
(a separator newline) belongs to no run and maps to the end of the preceding run.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections import OrderedDict

Run = tuple[int, int, int]


class TextBuilder:
    """Builds a clean text from kept stretches of an input, recording the offset map."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.parts: list[str] = []
        self.runs: list[Run] = []
        self.length = 0

    def keep(self, input_start: int, input_end: int) -> None:
        if input_end <= input_start:
            return
        if self.runs:
            cs, is_, ln = self.runs[-1]
            if cs + ln == self.length and is_ + ln == input_start:  # contiguous: extend the run
                self.runs[-1] = (cs, is_, ln + input_end - input_start)
                self.parts.append(self.source[input_start:input_end])
                self.length += input_end - input_start
                return
        self.runs.append((self.length, input_start, input_end - input_start))
        self.parts.append(self.source[input_start:input_end])
        self.length += input_end - input_start

    def insert(self, text: str) -> None:
        """Add text that is not in the input (a separator)."""
        self.parts.append(text)
        self.length += len(text)

    def text(self) -> str:
        return "".join(self.parts)


class OffsetMap:
    """An offset map indexed once for many lookups: the run starts are listed when the map is
    made, and each lookup is a binary search (a text with many runs and many spans costs
    n log n, not n squared)."""

    __slots__ = ("runs", "length", "starts")

    def __init__(self, runs: list[Run] | list[list[int]]) -> None:
        self.runs = runs
        self.length = len(runs)
        self.starts = [r[0] for r in runs]

    def fits(self, runs: list[Run] | list[list[int]]) -> bool:
        """Whether this index is still that of ``runs`` (the same list, not grown or cut)."""
        return self.runs is runs and self.length == len(runs)

    def lookup(self, pos: int, *, end: bool = False) -> int:
        """Map a clean-text offset to an input-text offset (see :func:`map_offset`)."""
        runs = self.runs
        if not runs:
            return pos
        probe = pos - 1 if end and pos > 0 else pos
        i = bisect_right(self.starts, probe) - 1
        if i < 0:
            return runs[0][1]
        cs, is_, ln = runs[i]
        offset = pos - cs
        if offset > ln:  # inside inserted text after this run
            offset = ln
        return is_ + offset


#: Offset maps indexed recently, by the identity of their list of runs (each entry holds the
#: list, so an id cannot be reused while its entry lives).
_INDEXED: OrderedDict[int, OffsetMap] = OrderedDict()
_INDEXED_LOCK = threading.Lock()
#: How many indexed maps are kept (articles in flight at once).
INDEXED_MAPS = 16


def indexed(runs: list[Run] | list[list[int]]) -> OffsetMap:
    """``runs`` indexed for lookups, indexed once while the same list is in use (a list that
    grew or shrank is indexed again)."""
    key = id(runs)
    with _INDEXED_LOCK:
        found = _INDEXED.get(key)
        if found is not None and found.fits(runs):
            _INDEXED.move_to_end(key)
            return found
    made = OffsetMap(runs)
    with _INDEXED_LOCK:
        _INDEXED[key] = made
        while len(_INDEXED) > INDEXED_MAPS:
            _INDEXED.popitem(last=False)
    return made


def map_offset(runs: list[Run] | list[list[int]], pos: int, *, end: bool = False) -> int:
    """Map a clean-text offset to an input-text offset.

    With ``end=True`` the offset is an exclusive end, so a position at the boundary of a run maps
    to the end of the run it closes rather than to the start of the next one. One lookup indexes
    the map first; for many lookups on one map use :class:`OffsetMap` (as
    :meth:`Article.input_offset <consilience.model.Article.input_offset>` does).
    """
    return OffsetMap(runs).lookup(pos, end=end)


def identity_runs(length: int) -> list[Run]:
    return [(0, 0, length)] if length else []
