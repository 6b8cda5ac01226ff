"""Place-name keys: an exact key (case, accents and punctuation removed) and a folded key that
also merges common transliteration variants (Staromaiorske / Staromayorske, Zaporizhzhia /
Zaporizhzhya, -iy / -yy / -y endings, kh / h, doubled letters)."""

from __future__ import annotations

import re
import unicodedata

from unidecode import unidecode

_APOSTROPHES = re.compile(r"['’`ʼ‘]")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")
#: Scripts whose names are kept as alternate names: Latin (with diacritics) and Cyrillic, the
#: scripts in which news of the regions this product is first used for is written and
#: transliterated. Names in other scripts unidecode to noise ("jiu xi er li ya").
_KEEP_SCRIPT = re.compile(r"^[\s0-9A-Za-z\u00C0-\u024F\u1E00-\u1EFF\u0400-\u04FF'’ʼ`\-\.\(\),/&]+$")

# Folding rules, applied in order to an exact key with its spaces removed.
_FOLD_RULES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(.)\1+"), r"\1"),          # doubled letters (Zaporzhhia)
    (re.compile(r"(iy|yy|yi|ii|y)$"), "i"),  # -iy / -yy / -yi endings (Dniprovskyy, Dniprovskyi)
    (re.compile(r"ye"), "e"),                # Yenakiieve / Enakievo
    (re.compile(r"[yj]"), "i"),              # Staromayorske / Staromaiorske, Zaporizhzhja
    (re.compile(r"kh"), "h"),                # Kharkiv / Harkiv
    (re.compile(r"zh"), "z"),                # Zaporizhzhia / Zaporizzia
    (re.compile(r"(ts|tz)"), "c"),
    (re.compile(r"ch"), "c"),
    (re.compile(r"sh"), "s"),
    (re.compile(r"w"), "v"),                 # Lwow / Lvov
    (re.compile(r"ou"), "u"),
    (re.compile(r"(.)\1+"), r"\1"),          # doubled letters
)


def keep_name(name: str) -> bool:
    """Whether an alternate name is in a script worth indexing."""
    return bool(name) and bool(_KEEP_SCRIPT.match(name))


def exact_key(name: str) -> str:
    """Lower case ASCII, apostrophes dropped, other punctuation as single spaces."""
    text = unicodedata.normalize("NFC", name)
    text = _APOSTROPHES.sub("", unidecode(text).lower())
    return _NON_ALNUM.sub(" ", text).strip()


def fold_key(name: str) -> str:
    """The exact key with spaces removed and transliteration variants merged."""
    return fold_exact(exact_key(name))


def fold_exact(key: str) -> str:
    """:func:`fold_key` of a name whose :func:`exact_key` is ``key``."""
    key = key.replace(" ", "")
    for pattern, repl in _FOLD_RULES:
        key = pattern.sub(repl, key)
    return key


def block_key(folded: str) -> str:
    """The blocking key for fuzzy matching: fuzzy candidates share their first letters."""
    return folded[:BLOCK_PREFIX]


#: Length of the shared prefix that fuzzy candidates must have. Three letters keep the
#: misspellings seen in news ("Zaporzhhia") in the block of the right name while keeping blocks
#: to a few thousand keys.
BLOCK_PREFIX = 3
