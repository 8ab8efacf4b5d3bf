"""The app's handle on the store: one read-only DuckDB database, one cursor per request.

A DuckDB connection must not be used by two threads at once, and FastAPI runs plain ``def``
endpoints in a thread pool; ``cursor()`` gives each request its own connection to the same
database (cheap: no file is reopened), so requests run in parallel without a global lock.
Calls into the :class:`~herald.store.Store` library itself (which uses the store's one connection)
go through :meth:`Data.call`, which serialises them.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import duckdb

    from herald.store import Store


class Data:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = str(store.path)
        self._tables: frozenset[str] | None = None
        self._lock = threading.Lock()

    @classmethod
    def open(cls, db: str | Path) -> Data:
        from herald.store import Store

        path = Path(db)
        if not path.is_file():
            raise FileNotFoundError(
                f"no herald database at {path}: create one with `herald run <files> --db {path}`"
            )
        store = Store(str(path), read_only=True)
        data = cls(store)
        missing = {"documents", "events", "quotes", "stories"} - data.tables()
        if missing:
            store.close()
            raise ValueError(f"{path} is not a herald store (no table {', '.join(sorted(missing))}); "
                             "was it written by an older herald? Re-run `herald run` into a new file")
        return data

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        with self._lock, self.store.connection() as con:
            cur = con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Run one Store query method (``document``, ``summary``...) under the store's lock."""
        with self._lock:
            return getattr(self.store, method)(*args, **kwargs)

    def tables(self) -> frozenset[str]:
        """Tables in the store (a database written by an older herald may lack some)."""
        if self._tables is None:
            with self.cursor() as cur:
                rows = cur.execute("SELECT table_name FROM information_schema.tables").fetchall()
            self._tables = frozenset(r[0] for r in rows)
        return self._tables

    def close(self) -> None:
        self.store.close()
