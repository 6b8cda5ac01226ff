"""One line per article that was not read in full, for every output to carry (the command line,
the brief's list of sources, the event export): a language with no pipeline, or a page with
no article text."""

from __future__ import annotations

from .clean.furniture import text_note
from .lang import unsupported_note
from .model import Article


def article_note(article: Article) -> str | None:
    """Why ``article`` was not read in full, or None when it was."""
    return unsupported_note(article) or text_note(article)


__all__ = ["article_note"]
