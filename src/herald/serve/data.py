"""The app's handle on the store: one read-only DuckDB database, one cursor per request.

A DuckDB connection must not be used by two threads at once, and FastAPI runs plain ``def``
endpoints in a thread pool; ``cursor()`` gives each request its own connection to the same
database (cheap: no file is reopened), so requests run in parallel without a global lock.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import duckdb

    from herald.store import Store


class Data:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.path = str(store.path)
        self._tables: frozenset[str] | None = None

    @classmethod
    def open(cls, db: str | Path) -> Data:
        from herald.store import Store

        path = Path(db)
        if not path.is_file():
            raise FileNotFoundError(
                f"no herald database at {path}: create one with `herald run <files> --db {path}`"
            )
        return cls(Store(str(path), read_only=True))

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        cur = self.store.con.cursor()
        try:
            yield cur
        finally:
            cur.close()

    def tables(self) -> frozenset[str]:
        """Tables in the store (a database written by an older herald may lack some)."""
        if self._tables is None:
            with self.cursor() as cur:
                rows = cur.execute("SELECT table_name FROM information_schema.tables").fetchall()
            self._tables = frozenset(r[0] for r in rows)
        return self._tables

    def close(self) -> None:
        self.store.close()
