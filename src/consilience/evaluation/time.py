"""Scoring time expressions against TimeML gold (TimeBank / TempEval-3 ``.tml`` files).

For each document, the text inside ``<TEXT>`` with its tags removed becomes the article text and
the ``CREATION_TIME`` TIMEX3 its publication date. A gold DATE expression is *found* when a
predicted expression overlaps it, and *normalised* when an overlapping prediction has exactly the
gold ``value``. Both shares are over all gold DATE expressions (the creation time excluded).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from html import unescape
from pathlib import Path

from ..model import Article, TimeRef

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')


@dataclass
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass
class TimeDoc:
    id: str
    text: str
    dct: date
    timexes: list[GoldTimex] = field(default_factory=list)


def read_tml(path: Path) -> TimeDoc:
    raw = path.read_text(encoding="utf-8")
    dct_m = re.search(r'<TIMEX3[^>]*functionInDocument="CREATION_TIME"[^>]*>', raw)
    if not dct_m:
        raise ValueError(f"{path}: no CREATION_TIME TIMEX3")
    dct_value = dict(_ATTR.findall(dct_m.group(0)))["value"]
    dct = date.fromisoformat(dct_value[:10])
    body_m = re.search(r"<TEXT>(.*)</TEXT>", raw, re.S)
    body = body_m.group(1) if body_m else ""
    out: list[str] = []
    pos = length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    timexes: list[GoldTimex] = []
    for m in _TAG.finditer(body):
        chunk = unescape(body[pos:m.start()])
        out.append(chunk)
        length += len(chunk)
        pos = m.end()
        closing, name, attrs = m.group(1), m.group(2), m.group(3)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(attrs))))
        elif open_timex:
            start, a = open_timex.pop()
            timexes.append(GoldTimex(start, length, "", a.get("type", ""), a.get("value", "")))
    out.append(unescape(body[pos:]))
    text = "".join(out)
    for t in timexes:
        t.text = text[t.start:t.end]
    return TimeDoc(id=path.stem, text=text, dct=dct, timexes=timexes)


def predict(doc: TimeDoc) -> list[TimeRef]:
    from ..nlp.times import find_times

    article = Article(id=f"timebank:{doc.id}", input_text=doc.text, text=doc.text,
                      published=doc.dct)
    return find_times(article)


@dataclass
class TimeScore:
    gold: int = 0
    found: int = 0
    normalised: int = 0
    predicted: int = 0
    errors: list[tuple[str, str, str, str | None]] = field(default_factory=list)

    @property
    def found_share(self) -> float:
        return self.found / self.gold if self.gold else 0.0

    @property
    def normalised_share(self) -> float:
        return self.normalised / self.gold if self.gold else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"gold_dates": self.gold, "found": self.found, "normalised": self.normalised,
                "predicted": self.predicted, "found_share": round(self.found_share, 4),
                "normalised_share": round(self.normalised_share, 4)}


def score_doc(doc: TimeDoc, predicted: list[TimeRef], score: TimeScore,
              gold_type: str = "DATE") -> None:
    score.predicted += len(predicted)
    for g in doc.timexes:
        if g.type != gold_type:
            continue
        score.gold += 1
        overlapping = [p for p in predicted if p.start < g.end and g.start < p.end]
        if overlapping:
            score.found += 1
        if any(p.value == g.value for p in overlapping):
            score.normalised += 1
        else:
            got = overlapping[0].value if overlapping else None
            score.errors.append((doc.id, g.text, g.value, got))


def evaluate(folder: Path, gold_type: str = "DATE") -> TimeScore:
    score = TimeScore()
    for path in sorted(folder.glob("*.tml")):
        doc = read_tml(path)
        score_doc(doc, predict(doc), score, gold_type)
    return score
