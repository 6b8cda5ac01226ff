from .sqlite import DEFAULT_DB, Store

__all__ = ["DEFAULT_DB", "Store"]
