"""Consilience: what really happened when many outlets report the same events, and according to
whom."""

__version__ = "0.1.0"

from .errors import ConsilienceError, InputError, StageError, UsageError  # noqa: E402
from .model import (Analysis, Article, Claim, Entity, Place, Quantity, Quote, Rejection,  # noqa: E402
                    Span, Story, StoryClaim, TimeRef, Verdict)
from .api import analyze, default_pipeline  # noqa: E402

__all__ = [
    "Analysis", "Article", "Claim", "ConsilienceError", "Entity", "InputError", "Place",
    "Quantity", "Quote", "Rejection", "Span", "StageError", "Story", "StoryClaim", "TimeRef",
    "UsageError", "Verdict", "__version__", "analyze", "default_pipeline",
]
