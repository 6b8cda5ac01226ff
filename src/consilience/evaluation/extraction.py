"""Token-level precision, recall and F1 of extracted article bodies against gold bodies.

The measure of the article-extraction benchmark: lower-cased word tokens (``\\w+``) compared as
bags (multisets); precision, recall and F1 per page, then averaged over pages (a page with an
empty extraction scores zero).
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

_TOKEN = re.compile(r"\w+")


def tokens(text: str | None) -> Counter[str]:
    return Counter(_TOKEN.findall((text or "").lower()))


@dataclass(frozen=True)
class PageScore:
    id: str
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def score_page(page_id: str, predicted: str | None, gold: str) -> PageScore:
    pred, ref = tokens(predicted), tokens(gold)
    tp = sum((pred & ref).values())
    n_pred, n_ref = sum(pred.values()), sum(ref.values())
    return PageScore(page_id, tp / n_pred if n_pred else 0.0, tp / n_ref if n_ref else 0.0)


def summarise(scores: list[PageScore]) -> dict[str, float]:
    """Mean precision, recall and F1 over pages."""
    n = len(scores) or 1
    return {
        "precision": sum(s.precision for s in scores) / n,
        "recall": sum(s.recall for s in scores) / n,
        "f1": sum(s.f1 for s in scores) / n,
        "pages": len(scores),
    }


@dataclass(frozen=True)
class GoldPage:
    id: str
    url: str | None
    body: str
    path: Path

    def html_bytes(self) -> bytes:
        data = self.path.read_bytes()
        return gzip.decompress(data) if self.path.name.endswith(".gz") else data


def load_pages(folder: Path) -> list[GoldPage]:
    """The gold pages of an extraction folder (``gold.jsonl`` and ``pages/<id>.html[.gz]``)."""
    pages = []
    for line in (folder / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        path = folder / "pages" / f"{rec['id']}.html.gz"
        if not path.exists():
            path = folder / "pages" / f"{rec['id']}.html"
        pages.append(GoldPage(rec["id"], rec.get("url"), rec["article_body"], path))
    return pages


Extractor = Callable[[GoldPage], "str | None"]


def evaluate(pages: list[GoldPage], extractor: Extractor) -> tuple[dict[str, float],
                                                                     list[PageScore]]:
    scores = [score_page(p.id, _safe(extractor, p), p.body) for p in pages]
    return summarise(scores), scores


def _safe(extractor: Extractor, page: GoldPage) -> str | None:
    try:
        return extractor(page)
    except Exception:  # an extractor failing on a page scores zero on it
        return None


def consilience_extractor(page: GoldPage) -> str | None:
    """The body Consilience analyses: the HTML reader, then the furniture cleaner."""
    from ..clean.furniture import clean_text
    from ..ingest.html import article_from_html, decode_html

    art = article_from_html(decode_html(page.html_bytes(), str(page.path)), page.id,
                            str(page.path), url=page.url)
    return clean_text(art).text


def trafilatura_extractor(**options) -> Extractor:
    """Plain ``trafilatura.extract`` with the given options."""

    def run(page: GoldPage) -> str | None:
        import trafilatura

        return trafilatura.extract(page.html_bytes(), url=page.url, **options)

    return run


def iter_systems() -> Iterator[tuple[str, Extractor]]:
    yield "consilience", consilience_extractor
    yield "trafilatura (defaults)", trafilatura_extractor()
    yield "trafilatura (favor_precision)", trafilatura_extractor(favor_precision=True)
