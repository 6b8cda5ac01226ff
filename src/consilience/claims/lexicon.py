"""Small word lists behind the structural checks: opposite-polarity word classes (antonyms),
negation cues, outcome words of contested events, and demonyms for the parties who assert them.

No NLI model runs offline here, so opposition has to be read from words. Each *scale* below holds
two poles; a word on one pole is opposed to every word on the other pole of the same scale. The
lists are general news vocabulary (markets, courts, conflicts, politics), not any one document's.
"""

from __future__ import annotations

#: scale -> (positive pole, negative pole). Lemmas, lower case.
SCALES: dict[str, tuple[frozenset[str], frozenset[str]]] = {
    "change": (
        frozenset({"increase", "rise", "grow", "growth", "gain", "surge", "jump", "climb", "soar",
                   "higher", "expand", "expansion", "upturn", "boom", "up"}),
        frozenset({"decrease", "decline", "fall", "drop", "reduction", "reduce", "slump", "plunge",
                   "downturn", "lower", "shrink", "contraction", "slide", "down", "dip"}),
    ),
    "fortune": (
        frozenset({"thriving", "thrive", "triumphant", "successful", "prosperous", "booming",
                   "flourishing", "profitable", "victorious", "win", "victory", "succeed",
                   "success", "healthy"}),
        frozenset({"struggling", "struggle", "troubled", "failing", "ailing", "embattled",
                   "distressed", "beleaguered", "lose", "defeat", "fail", "failure",
                   "unsuccessful", "bankrupt", "unprofitable"}),
    ),
    "legal": (
        frozenset({"acquit", "acquitted", "acquittal", "innocent", "exonerate", "release",
                   "freed", "dismiss"}),
        frozenset({"arrest", "arrested", "convict", "convicted", "conviction", "guilty", "charge",
                   "charged", "detain", "detained", "jail", "jailed", "imprison", "indict"}),
    ),
    "direction": (
        frozenset({"ahead", "forward", "forwards", "future", "next"}),
        frozenset({"back", "backward", "backwards", "past", "previous"}),
    ),
    "support": (
        frozenset({"support", "prop", "sustain", "bolster", "save", "help", "uphold", "shore",
                   "strengthen", "maintain"}),
        frozenset({"sink", "undermine", "weaken", "abandon", "destroy", "sabotage", "damage",
                   "sell"}),
    ),
    "stance": (
        frozenset({"accept", "approve", "agree", "allow", "permit", "endorse", "confirm",
                   "admit", "favour", "favor"}),
        frozenset({"reject", "refuse", "deny", "ban", "oppose", "veto", "forbid", "block",
                   "prohibit", "dispute"}),
    ),
    "peace": (
        frozenset({"peace", "peaceful", "ceasefire", "truce", "resolution", "reconciliation"}),
        frozenset({"war", "invasion", "attack", "assault", "occupation", "seizure", "annexation",
                   "offensive", "hostility"}),
    ),
    "life": (
        frozenset({"alive", "survive", "survivor", "living", "rescued"}),
        frozenset({"dead", "die", "kill", "killed", "death", "fatal", "perish"}),
    ),
    "state": (
        frozenset({"open", "start", "begin", "launch", "resume", "lift", "continue", "reopen",
                   "proceed"}),
        frozenset({"close", "end", "stop", "halt", "suspend", "impose", "shut", "interrupt",
                   "disrupt", "pause", "cease"}),
    ),
    "order": (
        frozenset({"first", "early", "earliest", "before", "maximum", "most", "highest", "top"}),
        frozenset({"last", "late", "latest", "after", "minimum", "least", "lowest", "bottom"}),
    ),
    "legality": (
        frozenset({"legal", "lawful", "legitimate", "public", "official"}),
        frozenset({"illegal", "unlawful", "illegitimate", "private", "unofficial"}),
    ),
}

#: Words that negate the clause they are in.
NEGATION = frozenset({"not", "n't", "never", "no", "neither", "nor", "without", "none", "nobody",
                      "nothing", "instead"})

#: Outcome of a contested operation: words by which a party claims it went well (``success``)
#: or that it failed (``failure``). Lemmas; multi-word cues are matched on the lower-cased text.
OUTCOME_SUCCESS = frozenset({"liberate", "recapture", "retake", "regain", "capture", "seize",
                             "advance", "win", "won", "breakthrough", "reclaim", "take over",
                             "claim control", "gain ground", "push forward", "move forward",
                             "taken over", "retook"})
OUTCOME_FAILURE = frozenset({"fail", "failure", "repel", "repulse", "stop", "thwart", "halt",
                             "push back", "pushed back", "unsuccessful", "foil", "beat back",
                             "beaten back"})

#: Country-level names: the country's name, demonyms and abbreviations ("U.K.", "British").
NATION_WORDS: dict[str, str] = {}
#: Words that mark a party's side without naming the country: capitals, leaders, institutions.
AFFILIATE_WORDS: dict[str, str] = {}
for _party, _names, _affiliates in [
    ("Ukraine", ["ukraine", "ukrainian", "ukrainians", "ukranian"],
     ["kyiv", "kiev", "zelensky", "zelenskyy", "zelenskiy", "maliar", "zaluzhny"]),
    ("Russia", ["russia", "russian", "russians", "russian federation"],
     ["moscow", "kremlin", "putin", "wagner", "shoigu", "peskov", "lavrov", "prigozhin",
      "gerasimov", "khodakovsky", "wargonzo"]),
    ("United States", ["united states", "us", "u.s.", "usa", "american", "americans", "america"],
     ["washington", "pentagon", "white house", "biden"]),
    ("United Kingdom", ["united kingdom", "uk", "u.k.", "british", "britain", "great britain"],
     ["downing street", "whitehall"]),
    ("Israel", ["israel", "israeli", "israelis"], ["idf", "jerusalem", "netanyahu"]),
    ("Palestine", ["palestine", "palestinian", "palestinians"], ["hamas", "gaza"]),
    ("China", ["china", "chinese", "prc"], ["beijing"]),
    ("Taiwan", ["taiwan", "taiwanese"], ["taipei"]),
    ("Syria", ["syria", "syrian", "syrians"], ["damascus", "assad"]),
    ("Iran", ["iran", "iranian", "iranians"], ["tehran"]),
    ("Belarus", ["belarus", "belarusian"], ["minsk", "lukashenko"]),
    ("Turkey", ["turkey", "turkish", "turkiye"], ["ankara", "erdogan"]),
    ("France", ["france", "french"], ["paris", "elysee", "macron"]),
    ("Germany", ["germany", "german", "germans"], ["berlin", "scholz"]),
    ("Australia", ["australia", "australian", "australians"], ["canberra"]),
    ("Canada", ["canada", "canadian", "canadians"], ["ottawa"]),
]:
    for _w in _names:
        NATION_WORDS[_w] = _party
    for _w in _affiliates:
        AFFILIATE_WORDS[_w] = _party
#: Every word that marks a party's side.
PARTY_WORDS: dict[str, str] = {**AFFILIATE_WORDS, **NATION_WORDS}


#: Modal verbs: what a clause under one states is possible or wanted, not done ("could refute",
#: "must let", "may not improve").
MODALS = frozenset({"could", "might", "may", "would", "should", "can", "must"})
#: Verbs by which a party denies or disputes a statement (general English).
DENIAL_LEMMAS = frozenset({"deny", "dispute", "reject", "refute", "rebut", "dismiss", "contest",
                           "contradict", "disavow", "debunk"})


def pole(lemma: str) -> tuple[str, int] | None:
    """The scale and pole (+1 or -1) of a word, or None if it is on no scale."""
    for scale, (pos, neg) in SCALES.items():
        if lemma in pos:
            return scale, 1
        if lemma in neg:
            return scale, -1
    return None


def opposed(a: str, b: str) -> str | None:
    """The scale on which two lemmas are opposite poles, or None."""
    pa, pb = pole(a), pole(b)
    if pa and pb and pa[0] == pb[0] and pa[1] != pb[1]:
        return pa[0]
    return None
