"""Contested outcomes: parties to an event asserting opposite things.

Across a story, claims asserted by a named party (not the outlet) that state an outcome are
sorted by the asserting party's side (``parties.party_of``) and the outcome's direction
(``parties.outcome``: success such as "liberated", "recaptured"; failure such as "has failed",
"were stopped", "repelled"). When one side claims success and the opposing side claims failure,
the story gets one ``contested`` claim naming both sides' spans: the outlets are reporting a
dispute between the parties, not contradicting each other.
"""

from __future__ import annotations

import hashlib
import re

from ..model import Article, Claim, Compared, Explanation, Story, StoryClaim, Verdict
from .disputes import claim_at
from .parties import outcome, party_of
from .verdicts import source_key

#: Claims quoted per side in a contested claim's explanation (the most direct first).
MAX_PER_SIDE = 4


def _side_claims(claims: list[Claim], articles: dict[str, Article]):
    """(party, sign, cue, claim, article) for each outcome claim of a named party."""
    for c in claims:
        if c.asserted_by == "outlet" or c.question:
            continue
        art = articles[c.article]
        party = party_of(c, art)
        oc = outcome(c)
        if party and oc:
            yield party, oc[0], oc[1], c, art


def contested_claims(claims: list[Claim], articles: dict[str, Article],
                     story: Story) -> list[StoryClaim]:
    by_side: dict[tuple[str, int], list[tuple[str, Claim, Article]]] = {}
    for party, sign, cue, c, art in _side_claims(claims, articles):
        by_side.setdefault((party, sign), []).append((cue, c, art))
    out = []
    for (winner, sign), wins in sorted(by_side.items()):
        if sign != 1:
            continue
        for (loser, sign2), fails in sorted(by_side.items()):
            if sign2 != -1 or loser == winner:
                continue
            out.append(_contested(winner, wins, loser, fails, story))
    return out


def _contested(winner: str, wins, loser: str, fails, story: Story) -> StoryClaim:
    wins = sorted(wins, key=lambda x: (x[2].id, x[1].span.start))[:MAX_PER_SIDE]
    fails = sorted(fails, key=lambda x: (x[2].id, x[1].span.start))[:MAX_PER_SIDE]
    members = wins + fails
    compared = [Compared(source=a.source_ref(c.span.start, c.span.end), value=cue,
                         asserted_by=f"{c.asserted_by} ({party})")
                for party, group in ((winner, wins), (loser, fails)) for cue, c, a in group]
    w_cue, w_claim, w_art = wins[0]
    f_cue, f_claim, f_art = fails[0]
    summary = (f"The parties disagree on the outcome: {winner}'s side ({w_claim.asserted_by}, "
               f"{w_art.id} [{w_claim.span.start}:{w_claim.span.end}]) says {w_cue!r}, "
               f"{loser}'s side ({f_claim.asserted_by}, {f_art.id} "
               f"[{f_claim.span.start}:{f_claim.span.end}]) says {f_cue!r}. The outlets report "
               "both claims; they do not contradict each other.")
    key = "|".join(sorted(c.id for _, c, _ in members))
    sources = {source_key(a, story) for _, _, a in members}
    return StoryClaim(
        id="ct-" + hashlib.sha1(key.encode()).hexdigest()[:10],
        text=f"{winner}: {w_claim.text} / {loser}: {f_claim.text}",
        verdict=Verdict.contested,
        explanation=Explanation(summary=summary, rule="opposing-parties-opposite-outcomes",
                                compared=compared),
        sources=[a.source_ref(c.span.start, c.span.end) for _, c, a in members],
        values=[w_cue, f_cue], independent_sources=len(sources),
        outlets=sorted({a.outlet or a.id for _, _, a in members}),
        claims=[c.id for _, c, _ in members],
    )


# -- denials ---------------------------------------------------------------------------------


def _norm_party(name: str) -> str:
    return re.sub(r"^(the|a|an)\s+", "", name.strip().lower())


def find_denial(claim: Claim, article: Article) -> tuple[str, int, int] | None:
    """(who, start, end) of a denial of ``claim`` by another party later in its own sentence
    ("..., which the company denied", "..., a claim the ministry rejected"), read from the
    denials the ``disputes`` article stage found (``Article.denials``): a denial whose disputed
    statement is most of the claim and whose cue follows it. A denial of a noun inside the
    claim ("urged him to resign over the accusations, which he denied") is not one of the
    claim."""
    c0, c1 = claim.span.start, claim.span.end
    for d in article.denials:
        t = d.target
        if t is None or min(c1, t.end) - max(c0, t.start) < (c1 - c0) / 2:
            continue
        if claim.part_of is None and (main := claim_at(article, t.start, t.end)) is not None \
                and main.id != claim.id:
            continue  # "dismissed the critique, claiming X, a point ... denied": X is denied
        cue = article.text.find(d.cue, t.end, d.sentence.end)
        if cue < 0 or _norm_party(d.who) == _norm_party(claim.asserted_by or "outlet"):
            continue
        between = article.text[t.end:cue]  # only these words, not the whole text, lowered
        at = between.lower().find(d.who.lower())
        if at < 0:
            return d.who, t.end, cue + len(d.cue)
        det = re.search(r"\b(?:the|a|an)\s+$", between[:at], re.IGNORECASE)
        start = t.end + (det.start() if det else at)  # "the company", as the article says
        return article.text[start:t.end + at + len(d.who)], start, cue + len(d.cue)
    return None


def denied(members: list[tuple[Claim, Article]], story: Story):
    """``contested`` when a party's statement is reported as denied by another party."""
    found = [(c, a, d) for c, a in members if (d := find_denial(c, a)) is not None]
    if not found:
        return None
    c, a, (who, s, e) = found[0]
    claimants = list(dict.fromkeys(c2.asserted_by for c2, _ in members
                                   if c2.asserted_by and c2.asserted_by != "outlet"))
    compared = [Compared(source=a2.source_ref(c2.span.start, c2.span.end), value="asserts",
                         asserted_by=c2.asserted_by) for c2, a2 in members]
    compared += [Compared(source=a2.source_ref(s2, e2), value="denies", asserted_by=w2)
                 for _, a2, (w2, s2, e2) in found]
    sources = {source_key(a2, story) for _, a2 in members}
    says = "says" if len(claimants) < 2 else "say"
    summary = (f"{', '.join(claimants) or 'One party'} {says} this; {who} denies it "
               f"({a.id} [{s}:{e}]: {a.text[s:e]!r}). "
               + (f"{len(sources)} independent sources report the dispute; they do not "
                  "contradict each other." if len(sources) > 1 else
                  "One source reports the dispute."))
    values = [f"{claimants[0] if claimants else 'reported'}: asserts", f"{who}: denies"]
    return (Verdict.contested, "denied-by-another-party", summary, compared,
            values + sorted({q.text for c2, _ in members for q in c2.values}))
