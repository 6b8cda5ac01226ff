"""Languages Consilience reads, and the one seam for what each needs.

A language has a folder here (``lang/<code>/``) holding its resources: the name of its spaCy
model, and the word lists and patterns of the stages built for it. :data:`REGISTRY` lists the
languages with a pipeline; every article stage that reads words declares them as its
``languages`` (:data:`PIPELINE_LANGUAGES`), and the pipeline skips such a stage for an article in
any other language, recording the skip on the article (``skipped_stages``) and marking it
``language_supported: false``. Such an article is still read, cleaned, checked for copies and
clustered, so it shows in its story, but it contributes no claims, quotes, times, quantities or
places. ``docs/languages.md`` says how a language is added.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Language:
    """What the pipeline needs for one language."""

    code: str  # ISO 639-1
    name: str
    spacy_model: str  # a spaCy pipeline installed as a Python package
    resources: tuple[str, ...] = ()  # modules holding its word lists and patterns


def _registry() -> dict[str, Language]:
    from .en import LANGUAGE as EN

    return {lang.code: lang for lang in (EN,)}


#: Languages with a pipeline, by ISO 639-1 code.
REGISTRY: dict[str, Language] = _registry()
#: What article stages that read words declare as their ``languages``.
PIPELINE_LANGUAGES: frozenset[str] = frozenset(REGISTRY)


def supported(code: str | None) -> bool | None:
    """Whether articles in ``code`` get the full analysis; None when the language is unknown
    (too little text to tell), in which case they are read as the default language."""
    if code is None:
        return None
    return code in REGISTRY


def language(code: str) -> Language:
    """The resources of a supported language (KeyError for any other)."""
    return REGISTRY[code]


def unsupported_note(article) -> str | None:
    """One line saying that ``article`` was not read for facts because no pipeline reads its
    language, for every output to carry; None for an article that was read in full."""
    if article.language_supported is not False:
        return None
    return (f"language '{article.language}' has no pipeline: read, cleaned, checked for copies "
            "and clustered only (no claims, quotes, times, quantities or places)")


__all__ = ["PIPELINE_LANGUAGES", "REGISTRY", "Language", "language", "supported",
           "unsupported_note"]
