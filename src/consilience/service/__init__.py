"""The web API and pages over the store: ``consilience serve``."""

from .app import create_app

__all__ = ["create_app"]
