"""Store stage: one embedded DuckDB file holding documents, quotes, events, actors and stories."""

from herald.store.db import Store

__all__ = ["Store"]
