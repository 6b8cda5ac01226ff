"""Toponym resolution: which gazetteer record each detected mention names.

Each candidate gets a score: a population prior, a small feature prior (countries and
first-level regions over homonymous hamlets), agreement with the mention's cue ("the city of" →
a town; "region" → an administrative area), and agreement with the document's focus: the
countries and first-level regions its other mentions resolve to. Resolution runs twice: first
with priors alone, then with the focus those first answers give. One name keeps one sense within
a document.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass

from .gazetteer import Gazetteer, Match
from .normalize import exact_key
from .toponyms import Mention

# Weights tuned on the GeoWebNews and LGL development sets (accuracy@161km; the focus weights
# by a small grid on the first 100 LGL documents: 4/4 0.706, 3/8 0.719, 5/8 0.720), in units of one
# decade of population.
#: Bonus per point of FEATURE_RANK (countries 5 ... second-level regions 1).
FEATURE_WEIGHT = 0.4
#: Bonus for a candidate in a country the rest of the document is about, times that country's
#: share of the document's resolved mentions.
COUNTRY_FOCUS_WEIGHT = 5.0
#: The same for a first-level region (state, oblast).
ADMIN_FOCUS_WEIGHT = 8.0
#: Bonus when the cue noun agrees with the candidate's kind, malus when it disagrees.
CUE_WEIGHT = 3.0
#: Malus for a region when a town of the same name is the region's seat (Kyiv, Zaporizhzhia):
#: news means the town unless it says "region".
SEAT_PENALTY = 2.5
#: A town this large beats a first-level region of its name anywhere in its country
#: (Washington, D.C. over Washington state).
BIG_CITY = 500_000
ADMIN2_WORDS = r"\b(county|district|raion|parish|borough|municipality|prefecture)\b"
#: Malus per point of fuzzy distance (100 - rapidfuzz ratio).
FUZZY_PENALTY = 0.2
#: Bonus for a candidate inside the region named after a comma ("Columbus, Ohio").
WITHIN_WEIGHT = 6.0

#: Population-equivalent prominence of features that have no population, so that "Atlantic"
#: means the ocean before Atlantic County (log10 of these is the prior they get).
PROMINENCE = {"OCN": 1e9, "CONT": 1e9, "SEA": 1e8, "GULF": 1e8, "BAY": 1e7, "STRT": 1e7,
              "STM": 1e7, "RGN": 1e7, "PEN": 1e7, "MTS": 1e7, "DSRT": 1e7, "LK": 1e6,
              "LKS": 1e7, "CNL": 1e6, "ISL": 1e5, "BLDG": 1e6, "PS": 1e5, "BDG": 1e5,
              "MFG": 1e5}
WATER_FEATURES = frozenset({"OCN", "SEA", "GULF", "BAY", "STRT", "STM", "LK", "LKS", "RSV", "CNL",
                            "CHN"})


@dataclass
class Resolved:
    mention: Mention
    index: int | None  # gazetteer record, None when not in the gazetteer
    score: float = 0.0


def _kind_agrees(gaz: Gazetteer, i: int, cue: str | None) -> float:
    if cue is None or cue == "region-of-previous":
        return 0.0
    feat = gaz.features[i]
    if cue == "locality":
        return 1.0 if feat.startswith("PPL") else -1.0
    if cue == "admin":
        return 1.0 if feat.startswith("ADM") or feat in ("RGN", "PEN") else -1.0
    if cue == "water":
        return 1.0 if feat in WATER_FEATURES else -1.0
    return 0.0


def _within_agrees(gaz: Gazetteer, i: int, within: str | None) -> bool:
    if not within:
        return False
    key = exact_key(within)
    for m in gaz.lookup(within):
        j = m.index
        if gaz.features[j].startswith("PCL") and gaz.countries[j] == gaz.countries[i]:
            return True
        if gaz.features[j] == "ADM1" and gaz.countries[j] == gaz.countries[i] \
                and gaz.admin1[j] == gaz.admin1[i]:
            return True
    idx = gaz.alias("abbrev", within)
    if idx is not None:
        return (gaz.countries[idx] == gaz.countries[i]
                and (gaz.is_country(idx) or gaz.admin1[idx] == gaz.admin1[i]))
    return bool(key) and False


def _seat_penalty(gaz: Gazetteer, i: int, m: Mention) -> float:
    """Regions named like a town: news means the town unless it says "region" or "county"."""
    if m.cue == "admin" or not gaz.features[i].startswith("ADM"):
        return 0.0
    if gaz.features[i] == "ADM2" and not re.search(ADMIN2_WORDS, m.surface, re.I):
        return SEAT_PENALTY
    for c in m.candidates:
        j = c.index
        if not gaz.features[j].startswith("PPL") or gaz.countries[j] != gaz.countries[i]:
            continue
        if gaz.admin1[j] == gaz.admin1[i] and gaz.population[j] >= 10_000:
            return SEAT_PENALTY
        if gaz.features[j] == "PPLC" or gaz.population[j] >= BIG_CITY:
            return SEAT_PENALTY
    return 0.0


def score(gaz: Gazetteer, m: Mention, match: Match, countries: Counter, admins: Counter,
          total: int) -> float:
    i = match.index
    s = math.log10(max(float(gaz.population[i]), PROMINENCE.get(gaz.features[i], 0.0)) + 10.0)
    s += FEATURE_WEIGHT * gaz.feature_rank(i)
    s += CUE_WEIGHT * _kind_agrees(gaz, i, m.cue)
    s -= _seat_penalty(gaz, i, m)
    s -= FUZZY_PENALTY * (100.0 - match.score)
    if total:
        s += COUNTRY_FOCUS_WEIGHT * countries.get(gaz.countries[i], 0) / total
        admin = f"{gaz.countries[i]}.{gaz.admin1[i]}"
        if gaz.admin1[i] and not gaz.is_country(i):
            s += ADMIN_FOCUS_WEIGHT * admins.get(admin, 0) / total
    if _within_agrees(gaz, i, m.within):
        s += WITHIN_WEIGHT
    return s


def _plausible(gaz: Gazetteer, match: Match, countries: Counter, total: int) -> bool:
    """A name matched only as a misspelling ("Tohoku" for Tohopkú, a village in Yucatán) is a
    place the text is about: in a country the document's other places are in, when it has
    any."""
    return match.how != "fuzzy" or not total or countries.get(gaz.countries[match.index], 0) > 0


def _focus(gaz: Gazetteer, chosen: list[int | None], extra: list[int] = ()
           ) -> tuple[Counter, Counter, int]:
    countries: Counter = Counter()
    admins: Counter = Counter()
    n = 0
    for i in [*chosen, *extra]:
        if i is None or not gaz.countries[i]:
            continue
        n += 1
        countries[gaz.countries[i]] += 1
        if gaz.admin1[i] and not gaz.is_country(i):
            admins[f"{gaz.countries[i]}.{gaz.admin1[i]}"] += 1
    return countries, admins, n


def resolve(mentions: list[Mention], gaz: Gazetteer, context: list[int] = ()) -> list[Resolved]:
    """Pick a record for each mention. ``context`` holds records already known to be in the
    surrounding story (other articles' places), which add to the document's focus."""
    groups: dict[str, list[int]] = {}
    for k, m in enumerate(mentions):
        groups.setdefault(exact_key(m.surface) + "|" + (m.within or ""), []).append(k)
    chosen: list[int | None] = [None] * len(mentions)
    scores = [0.0] * len(mentions)
    empty: Counter = Counter()
    for k, m in enumerate(mentions):
        if m.candidates:
            best = max(m.candidates, key=lambda c: score(gaz, m, c, empty, empty, 0))
            chosen[k] = best.index
    for _ in range(2):
        new = list(chosen)
        for ks in groups.values():
            cands: dict[int, tuple[float, Match]] = {}
            others = [chosen[j] for j in range(len(mentions)) if j not in ks]
            countries, admins, total = _focus(gaz, others, list(context))
            for k in ks:
                m = mentions[k]
                for c in m.candidates:
                    if not _plausible(gaz, c, countries, total):
                        continue
                    sc = score(gaz, m, c, countries, admins, total)
                    if c.index not in cands or sc > cands[c.index][0]:
                        cands[c.index] = (sc, c)
            if not cands:
                for k in ks:  # only misspellings of places the text is not about: no place
                    if mentions[k].candidates:
                        new[k] = None
                continue
            best_i, (best_s, _) = max(cands.items(), key=lambda kv: kv[1][0])
            for k in ks:
                if any(c.index == best_i for c in mentions[k].candidates):
                    new[k], scores[k] = best_i, best_s
                elif ok := [c for c in mentions[k].candidates
                            if _plausible(gaz, c, countries, total)]:
                    pick = max(ok, key=lambda c: score(gaz, mentions[k], c, countries, admins,
                                                      total))
                    new[k] = pick.index
        chosen = new
    return [Resolved(m, chosen[k], scores[k]) for k, m in enumerate(mentions)]
