"""Loading the language models once per process. Which model a language uses is declared in
:mod:`consilience.lang` (the language seam); English is the default."""

from __future__ import annotations

import threading
from functools import lru_cache

from ..lang import language

#: The spaCy pipeline of the default language, English (``lang/en``).
SPACY_MODEL = language("en").spacy_model
#: spaCy's max_length guard; articles longer than this are processed in pieces.
MAX_CHARS = 1_000_000

_lock = threading.Lock()


def _register_components() -> None:
    from spacy.language import Language

    if "paragraph_boundaries" in Language.factories:
        return

    @Language.component("paragraph_boundaries")
    def paragraph_boundaries(doc):
        """A newline in the clean text ends a paragraph, and so a sentence."""
        for tok in doc[1:]:
            if "\n" in doc[tok.i - 1].text_with_ws:
                tok.is_sent_start = True
        return doc


@lru_cache(maxsize=2)
def spacy_pipeline(name: str = SPACY_MODEL):
    import spacy

    with _lock:
        _register_components()
        nlp = spacy.load(name)
        nlp.add_pipe("paragraph_boundaries", before="parser")
    nlp.max_length = MAX_CHARS + 1
    return nlp
