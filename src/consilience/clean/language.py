"""Language detection: every article gets ``language`` (ISO 639-1) and ``language_supported``
(whether :mod:`consilience.lang` has a pipeline for it), so that stages built for English skip
articles in other languages (the pipeline checks each stage's ``languages``). Such articles are
kept and marked, never dropped and never read as English.

py3langid (an offline, numpy-only port of langid.py, 97 languages) classifies the clean text. A
language declared by the source (HTML ``lang``, a feed, a JSON record) is kept unless the text
plainly says otherwise.
"""

from __future__ import annotations

from functools import lru_cache

from ..lang import supported
from ..model import Article
from ..pipeline import article_stage

#: Characters of text classified; langid is accurate well before this, and it bounds the cost.
SAMPLE_CHARS = 3000
#: Fewer letters than this and the text is too short to classify: the language stays unknown
#: (or as declared).
MIN_LETTERS = 20
#: Normalised probability above which the detected language overrides a declared one.
OVERRIDE_CONFIDENCE = 0.95


@lru_cache(maxsize=1)
def identifier():
    """The langid model (loaded once per process)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str) -> tuple[str | None, float]:
    """The most likely language of ``text`` and its probability; ``(None, 0.0)`` when the text
    is too short to tell."""
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None, 0.0
    lang, prob = identifier().classify(sample)
    return lang, float(prob)


def _normalise(code: str | None) -> str | None:
    return code.split("-")[0].split("_")[0].lower() or None if code else None


def mark_language(article: Article) -> Article:
    declared = _normalise(article.language)
    found, prob = detect_language(article.text or article.input_text)
    if found is None:
        article.language = declared
    elif declared is None or (found != declared and prob >= OVERRIDE_CONFIDENCE):
        article.language = found
    else:
        article.language = declared
    article.language_supported = supported(article.language)
    return article


language_stage = article_stage("language", needs={"text"},
                               adds={"language", "language_supported"})(mark_language)
