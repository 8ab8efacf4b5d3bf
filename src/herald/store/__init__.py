"""Store stage: one embedded DuckDB file holding documents, quotes, events, actors, places and stories."""

from herald.store.db import Store, StoreLocked, upgrade
from herald.store.queries import ReadOnlyViolation

__all__ = ["ReadOnlyViolation", "Store", "StoreLocked", "upgrade"]
