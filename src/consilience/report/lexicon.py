"""Action words and the ACLED event types they signal: (disorder type, event type, sub-event
type), after ACLED's codebook. English; another language adds its own table behind the same
names."""

from __future__ import annotations

import re

_PV = "Political violence"
_DEMO = "Demonstrations"
_STRAT = "Strategic developments"
REGAIN = (_PV, "Battles", "Government regains territory")
CLASH = (_PV, "Battles", "Armed clash")
SHELLING = (_PV, "Explosions/Remote violence", "Shelling/artillery/missile attack")
AIR_STRIKE = (_PV, "Explosions/Remote violence", "Air/drone strike")
IED = (_PV, "Explosions/Remote violence", "Remote explosive/landmine/IED")
ABDUCTION = (_PV, "Violence against civilians", "Abduction/forced disappearance")
PROTEST = (_DEMO, "Protests", "Peaceful protest")
RIOT = (_DEMO, "Riots", "Violent demonstration")
ARREST = (_STRAT, "Strategic developments", "Arrests")
AGREEMENT = (_STRAT, "Strategic developments", "Agreement")
WITHDRAWAL = (_STRAT, "Strategic developments", "Non-violent transfer of territory")
DESTRUCTION = (_STRAT, "Strategic developments", "Looting/property destruction")

#: Verb lemmas -> event type. "take" counts only with "back"/"over" or "control".
ACTIONS: dict[str, tuple[str, str, str]] = {
    **dict.fromkeys(["recapture", "retake", "liberate", "regain", "reclaim", "take"], REGAIN),
    **dict.fromkeys(["capture", "seize", "occupy", "storm", "fight", "clash", "battle",
                     "assault", "repel", "repulse", "counterattack", "ambush", "attack",
                     "kill", "shoot", "massacre", "execute"], CLASH),
    **dict.fromkeys(["shell", "bombard", "pound", "shelled"], SHELLING),
    **dict.fromkeys(["bomb", "airstrike"], AIR_STRIKE),
    **dict.fromkeys(["explode", "detonate"], IED),
    **dict.fromkeys(["abduct", "kidnap"], ABDUCTION),
    **dict.fromkeys(["protest", "demonstrate", "rally", "march"], PROTEST),
    **dict.fromkeys(["riot", "loot"], RIOT),
    **dict.fromkeys(["arrest", "detain"], ARREST),
    **dict.fromkeys(["withdraw", "retreat"], WITHDRAWAL),
    **dict.fromkeys(["destroy", "demolish", "torch"], DESTRUCTION),
}
#: Nouns that name an event. "control" counts only as the object of claim/take/gain/seize.
NOUN_ACTIONS: dict[str, tuple[str, str, str]] = {
    **dict.fromkeys(["recapture", "liberation", "control"], REGAIN),
    **dict.fromkeys(["clash", "battle", "assault", "ambush", "firefight"], CLASH),
    **dict.fromkeys(["shelling", "bombardment", "barrage"], SHELLING),
    **dict.fromkeys(["airstrike", "bombing", "drone strike"], AIR_STRIKE),
    **dict.fromkeys(["explosion", "blast"], IED),
    **dict.fromkeys(["protest", "demonstration"], PROTEST),
    **dict.fromkeys(["riot"], RIOT),
}
REGAIN_PARTICLES = {"back", "over"}
#: Auxiliaries that make an action possible or future rather than reported as done.
MODAL_WORDS = {"could", "would", "might", "may", "should", "will", "can", "must", "'ll", "shall"}
#: Words that mark the targets of an attack as civilians.
CIVILIAN_WORDS = ("civilian", "villager", "resident", "worshipper", "children", "women",
                  "pupils", "students", "shoppers", "passengers", "patients", "refugees")
#: A cheap test run before parsing: a sentence without any of these stems has no action word
#: of the tables above (kept in step with them).
ACTION_STEMS = re.compile(
    r"\b(recaptur|retak|retook|liberat|regain|reclaim|tak|took|captur|seiz|occup|storm|fight|"
    r"fought|clash|battl|assault|repel|repuls|counter-?attack|ambush|attack|kill|shoot|shot|"
    r"massacr|execut|shell|bombard|pound|bomb|air-?strike|explo|detonat|blast|abduct|kidnap|"
    r"protest|demonstrat|rall|march|riot|loot|arrest|detain|withdr|retreat|destr|demolish|"
    r"torch|control|firefight|barrage|drone strike)", re.IGNORECASE)
#: Words that say a protest is people in the street rather than a diplomatic "protest".
CROWD_WORDS = re.compile(r"\b(protesters?|demonstrators?|crowds?|people|thousands|hundreds|"
                         r"marchers|students|workers|residents|activists|supporters|rally)\b")
