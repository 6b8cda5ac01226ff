"""Scoring quotes and reported speech against PolNeAR-style brat standoff gold.

Gold: ``text/<name>.txt`` and ``ann/<name>_<annotator>.ann`` with ``Source``, ``Cue`` and
``Content`` text-bound spans (possibly discontinuous, ``start end;start end``) linked by
``Attribution`` events. Attributions without a source (``Attribution-no-source``) are not
scored as gold; a predicted quote whose content overlaps one is neither right nor wrong.

Protocol for texts with several annotators: the annotator whose attributions agree best with the
others' (highest mean source+content F1 against each other annotator, the "medoid") is the gold
for that text, so every text counts once and no single annotator's habits dominate it.

Matching is one-to-one and greedy in text order (a prediction that matches a gold attribution
already matched is another piece of it and not counted: see :func:`score`). A predicted
attribution is right for
``source+content`` when its speaker span overlaps the gold source and its content span overlaps
the gold content; for ``content`` when the content spans overlap; for ``cue`` when content and
cue overlap.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path

Ranges = list[tuple[int, int]]


@dataclass
class Attribution:
    source: Ranges | None
    cue: Ranges | None
    content: Ranges


@dataclass
class AttributionDoc:
    name: str
    text: str
    gold: list[Attribution]
    unsourced: list[Attribution] = field(default_factory=list)


def _ranges(spec: str) -> Ranges:
    return [(int(a), int(b)) for a, b in (part.split() for part in spec.split(";"))]


def read_ann(path: Path) -> tuple[list[Attribution], list[Attribution]]:
    """(attributions with a source, attributions without one) of one brat file."""
    spans: dict[str, tuple[str, Ranges]] = {}
    events: list[tuple[str, dict[str, str]]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, spec = parts[1].partition(" ")
            spans[parts[0]] = (label, _ranges(spec))
        elif line.startswith("E") and len(parts) >= 2:
            args = parts[1].split()
            kind = args[0].split(":")[0]
            roles = {}
            for a in args[1:]:
                role, _, ref = a.partition(":")
                roles[re.sub(r"\d+$", "", role)] = ref
            events.append((kind, roles))
    sourced, unsourced = [], []
    for kind, roles in events:
        content = spans.get(roles.get("Content", ""), (None, None))[1]
        if not content:
            continue
        source = spans.get(roles.get("Source", ""), (None, None))[1]
        cue = spans.get(roles.get("Cue", ""), (None, None))[1]
        att = Attribution(source, cue, content)
        (sourced if source and kind == "Attribution" else unsourced).append(att)
    return sourced, unsourced


def _overlap(a: Ranges | None, b: Ranges | None) -> bool:
    if not a or not b:
        return False
    return any(s1 < e2 and s2 < e1 for s1, e1 in a for s2, e2 in b)


@dataclass
class Counts:
    tp: int = 0
    predicted: int = 0
    gold: int = 0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.predicted += other.predicted
        self.gold += other.gold

    @property
    def precision(self) -> float:
        return self.tp / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        return self.tp / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {"tp": self.tp, "predicted": self.predicted, "gold": self.gold,
                "precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4)}


MODES = ("source+content", "content", "cue")


def _matches(mode: str, pred: Attribution, gold: Attribution) -> bool:
    if not _overlap(pred.content, gold.content):
        return False
    if mode == "source+content":
        return _overlap(pred.source, gold.source)
    if mode == "cue":
        return _overlap(pred.cue, gold.cue)
    return True


def score(predicted: list[Attribution], gold: list[Attribution], unsourced: list[Attribution],
          mode: str, pieces: bool = False) -> Counts:
    """Counts of one text. With ``pieces``, a prediction whose source and content match a gold
    attribution already matched is another piece of it, neither right nor wrong: the gold
    keeps a quotation continued over sentences or paragraphs ("“...,” X said. “...”") as one
    attribution of several content ranges, where a prediction is one per quotation."""
    free = list(range(len(gold)))
    taken: list[int] = []
    counts = Counts(gold=len(gold))
    for p in predicted:
        hit = next((i for i in free if _matches(mode, p, gold[i])), None)
        if hit is not None:
            free.remove(hit)
            taken.append(hit)
            counts.tp += 1
            counts.predicted += 1
        elif pieces and any(_matches("source+content", p, gold[i]) for i in taken):
            continue
        elif not any(_overlap(p.content, u.content) for u in unsourced):
            counts.predicted += 1
    return counts


def load_docs(folder: Path) -> list[AttributionDoc]:
    """One document per text, its gold from the medoid annotator (see the module docstring)."""
    by_text: dict[str, list[Path]] = defaultdict(list)
    for ann in sorted((folder / "ann").glob("*.ann")):
        by_text[re.sub(r"_[0-9a-f]{4}$", "", ann.stem)].append(ann)
    docs = []
    for name, anns in sorted(by_text.items()):
        text_path = folder / "text" / f"{name}.txt"
        if not text_path.exists():
            continue
        gold, unsourced = read_ann(_medoid(anns))
        docs.append(AttributionDoc(name, text_path.read_text(encoding="utf-8"), gold, unsourced))
    return docs


def _medoid(anns: list[Path]) -> Path:
    if len(anns) == 1:
        return anns[0]
    sets = {a: read_ann(a) for a in anns}
    agreement: dict[Path, float] = defaultdict(float)
    for a, b in combinations(anns, 2):
        f = score(sets[a][0], sets[b][0], sets[b][1], "source+content").f1
        agreement[a] += f
        agreement[b] += f
    return max(anns, key=lambda a: (agreement[a], a.name))


def predict(doc: AttributionDoc) -> list[Attribution]:
    from ..model import Article
    from ..nlp.annotate import annotate
    from ..nlp.quotes import find_quotes

    article = annotate(Article(id=f"polnear:{doc.name}", input_text=doc.text, text=doc.text))
    out = []
    for q in find_quotes(article):
        src = [(q.speaker_span.start, q.speaker_span.end)] if q.speaker_span else None
        cue = [(q.cue_span.start, q.cue_span.end)] if q.cue_span else None
        out.append(Attribution(src, cue, [(q.content_span.start, q.content_span.end)]))
    return out


def half_of(name: str) -> str:
    """'A' (tune) or 'B' (report): the half of a document, fixed by the SHA-256 of its name."""
    import hashlib

    return "A" if hashlib.sha256(name.encode("utf-8")).digest()[0] < 128 else "B"


def evaluate(folder: Path, half: str | None = None) -> dict[str, Counts]:
    """Totals over the documents of ``folder`` (only those of ``half``, 'A' or 'B', if given)."""
    totals = {m: Counts() for m in MODES}
    for doc in load_docs(folder):
        if half and half_of(doc.name) != half:
            continue
        pred = predict(doc)
        for m in MODES:
            totals[m].add(score(pred, doc.gold, doc.unsourced, m, pieces=True))
    return totals
