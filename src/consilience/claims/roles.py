"""The office a person held, as outlets describe it beside the name: when one outlet gives a
rank below the office another gives, at the same time, the two cannot both hold.

"Moore, then an assistant district attorney, first approached her" / "Mr. Moore, then a district
attorney and later the chief justice ...": an assistant district attorney is not the district
attorney. The description is the appositive right after a mention of a person ("X, then a ...",
"X, the deputy minister, said") or a title in capitals right before it ("Deputy Foreign Minister
Sergei Ryabkov"), read from the text; two descriptions of one story entity (its
aliases join spelling variants) in two independent sources conflict only when one is the other
with a rank word before it (``RANKS``: assistant, deputy, vice, lieutenant), both are told of the same
time (both "then", or neither, and neither "former"), and the articles appeared within
``SAME_TIME_DAYS`` of each other. Descriptions that merely differ ("his former aide" / "his former
communications director") are left alone: one may be the more specific.
"""

from __future__ import annotations

import hashlib
import re

from ..model import Article, Compared, Explanation, Story, StoryClaim, Verdict
from .verdicts import source_key

#: Words that put an office below the office they precede ("assistant district attorney" is
#: not "district attorney"; "deputy minister" is not "minister"). General English.
#: "Acting" and "associate" are left out: an acting director directs, and "professor" is said of
#: associate professors too; so is "under", a preposition before a title ("Under President Xi").
RANKS = frozenset({"assistant", "deputy", "vice", "lieutenant"})
#: Articles published further apart than this may describe one person at two times.
SAME_TIME_DAYS = 3

_ROLE = re.compile(
    r"^,\s+(?P<then>then\s+|at\s+the\s+time\s+|now\s+)?(?:an?|the)\s+"
    r"(?P<role>[a-z][a-z.'’-]*(?:\s+[a-z][a-z.'’-]*){0,4}?)"
    r"(?=\s*(?:,|;|\.|\s+and\s|\s+who\s|\s+of\s|\s+for\s|\s+in\s|\s+at\s))")


#: A title before a name, in capitals ("Deputy Foreign Minister Sergei Ryabkov", "then-Vice
#: President Joe Biden"): read only when its last word is the head of an office (``OFFICES``).
_TITLE = re.compile(r"(?P<then>\bthen-|\bformer\s+)?(?P<title>(?:[A-Z][a-z]+\s+){1,4})$")
#: Nouns that head the name of an office (general English).
OFFICES = frozenset({"minister", "secretary", "president", "director", "governor", "attorney",
                     "chancellor", "commissioner", "ambassador", "spokesman", "spokeswoman",
                     "mayor", "speaker", "leader", "chairman", "chairwoman", "premier",
                     "commander", "administrator", "adviser", "advisor", "prosecutor",
                     "general", "justice", "treasurer", "editor"})


def descriptions(article: Article) -> list[tuple[str, str, bool, int, int]]:
    """(entity name, office words, told with "then", start, end) for each description of a
    person beside a mention: the appositive right after it ("Moore, then an assistant district
    attorney, ...") or a title right before it ("Deputy Foreign Minister Sergei Ryabkov")."""
    out = []
    text = article.text or ""
    for e in article.entities:
        if e.type != "person":
            continue
        for m in e.mentions:
            found = _ROLE.match(text[m.end:m.end + 120])
            if found is not None:
                role = found.group("role").strip()
                then = bool(found.group("then")) and not found.group("then").startswith("now")
                out.append((e.name, role, then, m.start, m.end + found.end()))
            lead = text[max(0, m.start - 60):m.start]
            title = _TITLE.search(lead)
            if title is None or title.group("title").split()[-1].lower() not in OFFICES:
                continue
            if (title.group("then") or "").startswith("former"):
                continue
            words = title.group("title").lower().split()
            while words and words[0] not in RANKS and words[0] in _LEADING:
                words = words[1:]  # "On Monday, President ..." keeps "president"
            if words:
                out.append((e.name, " ".join(words), bool(title.group("then")),
                            m.start - len(title.group(0)), m.end))
    return out


#: Capitalised words that may open a sentence before a title ("But President ...").
_LEADING = frozenset({"but", "and", "on", "when", "then", "as", "after", "before", "while",
                      "the", "also", "meanwhile", "however", "under", "with", "by", "for",
                      "in", "at", "from"})


def _below(a: list[str], b: list[str]) -> bool:
    """Whether office ``a`` is office ``b`` with a rank word before it."""
    return len(a) == len(b) + 1 and a[0] in RANKS and a[1:] == b


def role_conflicts(story: Story, articles: dict[str, Article]) -> list[StoryClaim]:
    """One ``contradicted`` claim per person described by two independent sources with one
    office and a rank below it, at the same time."""
    alias = {n.lower(): e.id for e in story.entities for n in [e.name, *e.aliases]}
    found: dict[str, list[tuple[Article, tuple[str, str, bool, int, int]]]] = {}
    for aid in story.articles:
        art = articles.get(aid)
        if art is None or (art.copy_of and art.copy_of in articles):
            continue
        for d in descriptions(art):
            if "former" in d[1].split():
                continue
            found.setdefault(alias.get(d[0].lower(), d[0].lower()), []).append((art, d))
    out: list[StoryClaim] = []
    for key, ds in found.items():
        done = False
        for i, (a1, d1) in enumerate(ds):
            for a2, d2 in ds[i + 1:]:
                if done or source_key(a1, story) == source_key(a2, story) or d1[2] != d2[2]:
                    continue
                w1, w2 = d1[1].split(), d2[1].split()
                if not (_below(w1, w2) or _below(w2, w1)):
                    continue
                p1, p2 = a1.published_date(), a2.published_date()
                if p1 and p2 and abs((p1 - p2).days) > SAME_TIME_DAYS:
                    continue
                out.append(_claim(story, a1, d1, a2, d2))
                done = True
    return out


def _claim(story: Story, a1: Article, d1, a2: Article, d2) -> StoryClaim:
    r1 = a1.source_ref(*a1.sentence_around(d1[3], d1[4]))
    r2 = a2.source_ref(*a2.sentence_around(d2[3], d2[4]))
    when = "then " if d1[2] else ""
    summary = (f"{a1.id} [{r1.start}:{r1.end}] describes {d1[0]} as {when}'{d1[1]}' and {a2.id} "
               f"[{r2.start}:{r2.end}] as {when}'{d2[1]}': one office with a rank below the "
               "other, of one person at one time, so they cannot both hold.")
    key = f"{a1.id}:{d1[3]}|{a2.id}:{d2[3]}"
    return StoryClaim(
        id="ro-" + hashlib.sha1(key.encode()).hexdigest()[:10],
        text=f"{d1[0]}: {when}{d1[1]} / {when}{d2[1]}",
        verdict=Verdict.contradicted,
        explanation=Explanation(summary=summary, rule="offices-differ", compared=[
            Compared(source=r1, value=d1[1]), Compared(source=r2, value=d2[1])]),
        sources=[r1, r2], values=[d1[1], d2[1]],
        independent_sources=2, outlets=sorted({a.outlet or a.id for a in (a1, a2)}), claims=[])


__all__ = ["RANKS", "descriptions", "role_conflicts"]
