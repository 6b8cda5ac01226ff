"""Loading the language models once per process. Which model a language uses is declared in
:mod:`consilience.lang` (the language seam); English is the default."""

from __future__ import annotations

import re
import threading
from functools import lru_cache

from ..lang import language

#: The spaCy pipeline of the default language, English (``lang/en``).
SPACY_MODEL = language("en").spacy_model
#: spaCy's max_length guard; no text longer than :data:`MAX_PIECE_CHARS` reaches the pipeline
#: in one call (``nlp/annotate.py`` parses longer articles in pieces).
MAX_CHARS = 1_000_000
#: Longest piece of an article parsed in one call: longer articles are parsed in
#: paragraph-bounded pieces of at most this many characters, joined into one Doc.
MAX_PIECE_CHARS = 100_000
#: Longest run without white space tokenized in one call; longer runs ("[[[[...", a pasted
#: blob) are tokenized in pieces of this length (spaCy's tokenizer is quadratic in a run's
#: length). 100 characters is longer than any word and most URLs in news copy.
MAX_TOKEN_CHARS = 100

_lock = threading.Lock()
#: A token that ends with the full stop of an abbreviation: a short capitalised word ("Calif.",
#: "Gov.", "Jan.", "Inc."), or letters with full stops inside ("U.S.", "p.m.").
_INITIALISM = r"(?:[A-Za-z]\.){2,}"
_ABBREVIATION = re.compile(rf"[A-Z][a-z]{{0,4}}\.|{_INITIALISM}")
#: Text ending with an initialism ("by 2 p.m.", "in the U.S."), whose closing full stop is part
#: of the word, not a sentence's.
INITIALISM_END = re.compile(rf"(?<![\w.]){_INITIALISM}$")


def without_stop(text: str) -> str:
    """``text`` without the full stops that end it, except an initialism's ("2 p.m.")."""
    stripped = text.rstrip(".")
    if stripped != text and INITIALISM_END.search(stripped + "."):
        return stripped + "."
    return stripped


def _register_components() -> None:
    from spacy.language import Language

    if "paragraph_boundaries" in Language.factories:
        return

    @Language.component("paragraph_boundaries")
    def paragraph_boundaries(doc):
        """A newline in the clean text ends a paragraph, and so a sentence. The marks are set
        as one array: spaCy's ``Token.is_sent_start`` setter scans the whole Doc for a parse
        on every call, quadratic on text of many short lines."""
        from spacy.attrs import SENT_START

        # int64 over the uint64 array: -1 marks a token that starts no sentence
        starts = doc.to_array([SENT_START]).view("int64")
        changed = False
        for tok in doc[1:]:
            prev = doc[tok.i - 1]
            if "\n" in prev.text_with_ws:
                starts[tok.i] = 1
                changed = True
            elif (_ABBREVIATION.fullmatch(prev.text) or prev.text in (")", "]")) \
                    and tok.is_lower and tok.is_alpha:
                # "... in Bakersfield, Calif. just as ...", "at 5 p.m. on Friday", "called
                # Representative Paul Ryan (R-Wisc.) to task": a lower-case word after an
                # abbreviation's full stop or a closing bracket goes on with the sentence
                starts[tok.i] = -1
                changed = True
        if changed:
            doc.from_array([SENT_START], starts.view("uint64"))
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
