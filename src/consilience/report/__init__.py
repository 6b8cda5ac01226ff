"""Renderers of an :class:`~consilience.model.Analysis`: JSON, Markdown."""

from .jsonout import analysis_schema, to_json
from .markdown import to_markdown

FORMATS = {"json": to_json, "md": to_markdown}

__all__ = ["FORMATS", "analysis_schema", "to_json", "to_markdown"]
