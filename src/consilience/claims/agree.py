"""Whether two aligned claims say the same thing: the learned entailment judge on claim links.

Alignment (``judge.align``) links claims of different articles by similarity and shared anchors.
Similar is not the same: "There is no national emergency" and "This is far from the only declared
national emergency" share most of their words. Before a group of claims is called corroborated,
each cross-source link is put to the judge of ``entail`` (two logistic regressions learned from
SummEdits, see ``scripts/train_verify.py``), both ways: claim A as the premise and claim B as the
hypothesis, then the reverse. A link is *supported* when either direction is labelled "support"
by the model's own threshold (a more specific statement supports a vaguer one; the reverse need
not hold). Nothing here is tuned on the evaluation data: the threshold is the model's.

Each claim text is parsed once (spaCy, in one ``pipe`` call) and indexed once, whatever the
number of links it takes part in; the story's articles are not parsed again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..clean.furniture import dateline_prefix
from ..model import Claim
from ..nlp.quotes import PERSON_TITLES
from .entail import EntailmentScore, combine, part_features, score
from .verify import index_units


#: Features whose presence means the two claims may not both hold.
CONFLICT_FEATURES = ("negation_differs", "antonym", "rival_number")


@dataclass
class LinkJudgement:
    """The judge's view of one link, both ways (``forward``: first claim as premise)."""

    forward: EntailmentScore
    backward: EntailmentScore
    #: The alignment's similarity of the two claims, and whether it is a strong link.
    similarity: float | None = None
    strong: bool = False

    @property
    def conflict_signals(self) -> list[str]:
        """Features of a real conflict in either direction: a negation on one side only, an
        opposite-polarity word, a different number counting the same thing."""
        return [k for k in CONFLICT_FEATURES
                if max(self.forward.features.get(k, 0), self.backward.features.get(k, 0)) > 0]

    @property
    def supported(self) -> bool:
        """One claim states the other: the model says so one way or the other, or the link is
        strong and the judge sees no sign of conflict (the model reads an extra name in one
        claim, "(R-Texas)", as a changed name; a strong link with no conflict is not one)."""
        if "support" in (self.forward.label, self.backward.label):
            return True
        return self.strong and not self.conflict_signals

    @property
    def p_support(self) -> float:
        return max(self.forward.p_support, self.backward.p_support)

    def summary(self) -> str:
        """One line for explanations: the probability and, when unsupported, why."""
        line = f"entailment judge p_support {self.p_support:.2f}"
        if self.supported and "support" not in (self.forward.label, self.backward.label):
            line += f", strong link {self.similarity:g} with no sign of conflict"
        if not self.supported:
            hard = self.forward.reasons + self.backward.reasons
            detail = next((r for r in hard if not r.startswith("off the evidence")), None)
            detail = detail or next(iter(hard), None)
            if detail:
                line += f" ({detail})"
        return line


def _sentences(doc) -> list:
    return [s for s in doc.sents if any(not t.is_punct and not t.is_space for t in s)]


def _is_title(tok) -> bool:
    """A courtesy or office title before a name ("Mr.", "Rep.", "Secretary")."""
    return (tok.lower_ in PERSON_TITLES and tok.i + 1 < len(tok.doc)
            and tok.nbor(1).pos_ == "PROPN")


def judged_text(doc) -> str:
    """What of a claim the judge reads: without a dateline ("WASHINGTON -"), courtesy titles
    or dates and times. Names are compared without their titles ("Mr. Varga" / "Rep. Tomas
    Varga"), and dates are compared by the verdict rules (``compare_times``) after
    normalisation, so a day named by one outlet and left out by another is not a changed name."""
    text = doc.text
    start = dateline_prefix(text.replace("\u2015", "\u2014"))
    kept = [t.text_with_ws for t in doc if t.idx >= start and not _is_title(t)
            and not _is_time(t) and not (t.dep_ == "prep" and t.n_rights
                                         and all(_is_time(c) for c in t.rights))]
    out = re.sub(r"\s+([.,;:!?])", r"\1", re.sub(r"\s+", " ", "".join(kept))).strip()
    return out or text


def _is_time(tok) -> bool:
    return tok.ent_type_ in ("DATE", "TIME")


def judge_links(pairs: list[tuple[Claim, Claim]], similarity: dict[frozenset[str], float] | None
                = None, strong: float = 1.0) -> dict[frozenset[str], LinkJudgement]:
    """The judge's view of each pair of claims, keyed by the pair of claim ids; ``similarity``
    holds the alignment's score of each pair, ``strong`` the score of a strong link."""
    similarity = similarity or {}
    from ..nlp.models import spacy_pipeline

    if not pairs:
        return {}
    nlp = spacy_pipeline()
    claim_texts = sorted({c.text for pair in pairs for c in pair})
    reduced = {t: judged_text(d) for t, d in zip(claim_texts, nlp.pipe(claim_texts))}
    texts = sorted(set(reduced.values()))
    docs = dict(zip(texts, nlp.pipe(texts)))
    sents = {t: _sentences(d) for t, d in docs.items()}
    index = {t: index_units(s) for t, s in sents.items()}

    def one_way(premise: str, hypothesis: str) -> EntailmentScore:
        return score(combine([part_features(s, index[premise]) for s in sents[hypothesis]]))

    out: dict[frozenset[str], LinkJudgement] = {}
    for a, b in pairs:
        key = frozenset((a.id, b.id))
        if key not in out:
            ta, tb = reduced[a.text], reduced[b.text]
            sim = similarity.get(key)
            out[key] = LinkJudgement(one_way(ta, tb), one_way(tb, ta), sim,
                                     sim is not None and sim >= strong)
    return out


__all__ = ["LinkJudgement", "judge_links"]
