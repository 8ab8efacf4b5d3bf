"""The app's handle on the store: a read-only DuckDB connection held only while requests use it.

DuckDB lets one process write a file *or* any number of processes read it, never both at once. A
server that kept the file open for its whole life would lock out ``herald run`` on the same file
(the writer would wait, then give up after ``HERALD_LOCK_TIMEOUT``). So the connection is a lease:

* the first request opens the file read-only (waiting, like every herald reader, while a writer
  commits a batch); requests that arrive while it is open share it, each with its own cursor (a
  DuckDB connection must not be used by two threads at once, a cursor is cheap);
* when the last request finishes, the file stays open ``linger`` seconds more (a page load is a
  burst of half a dozen requests: they share one open and a warm cache) and is then closed;
* a writer that finds the file locked announces itself (:func:`herald.store.lock.writer_waiting`):
  the lease then closes as soon as the requests in flight finish, and new requests wait for that
  writer's commit (milliseconds) before opening again. A busy server cannot starve a run.

Opening costs a few tens of milliseconds on a large store, so per-request opening alone would spend
much of the API's time budget there; the lease pays it once per burst.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from herald.store.lock import connect, lock_timeout, writer_waiting

if TYPE_CHECKING:
    import duckdb

    from herald.store import Store

LINGER = 0.25  # seconds the file stays open after the last request


class Data:
    def __init__(self, store: Store, linger: float = LINGER) -> None:
        self.store = store  # opened with hold=False: its calls open (or share) the file per call
        self.path = str(store.path)
        self.linger = linger
        self._tables: frozenset[str] | None = None
        self._cond = threading.Condition()
        self._con: Any = None
        self._users = 0
        self._idle_since = 0.0
        self._closed = False
        self._reaper: threading.Thread | None = None
        self.opens = 0  # how many times the file was opened (tests, benchmarks)

    @classmethod
    def open(cls, db: str | Path, linger: float | None = None) -> Data:
        from herald.store import Store

        path = Path(db)
        if not path.is_file():
            raise FileNotFoundError(
                f"no herald database at {path}: create one with `herald run <files> --db {path}`"
            )
        data = cls(Store(str(path), read_only=True, hold=False), linger=LINGER if linger is None else linger)
        missing = {"documents", "events", "quotes", "stories"} - data.tables()
        if missing:
            raise ValueError(
                f"{path} is not a herald store (no table {', '.join(sorted(missing))}); "
                "was it written by an older herald? Re-run `herald run` into a new file"
            )
        return data

    # --- the lease ------------------------------------------------------------------------------

    def _acquire(self) -> Any:
        deadline = time.monotonic() + lock_timeout()
        with self._cond:
            if self._closed:
                raise RuntimeError("the store was closed")
            while True:
                waiting = writer_waiting(self.path)
                if self._con is not None and not waiting:
                    break
                if self._con is not None:  # a writer waits: let the requests in flight finish
                    if self._users == 0:
                        self._close_locked()
                    else:
                        self._cond.wait(0.02)
                    continue
                if waiting and time.monotonic() < deadline:  # let the writer in before opening again
                    self._cond.wait(0.02)
                    continue
                self._con = connect(self.path, read_only=True)  # waits while a writer commits
                self.opens += 1
                break
            self._users += 1
            return self._con

    def _release(self) -> None:
        with self._cond:
            self._users -= 1
            if self._users == 0:
                self._idle_since = time.monotonic()
                if self.linger <= 0 or writer_waiting(self.path):
                    self._close_locked()
                else:
                    self._start_reaper()
            self._cond.notify_all()

    def _close_locked(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
            self._cond.notify_all()

    def _start_reaper(self) -> None:
        if self._reaper is None or not self._reaper.is_alive():
            self._reaper = threading.Thread(target=self._reap, name="herald-store-lease", daemon=True)
            self._reaper.start()

    def _reap(self) -> None:
        """Close the file once it has been idle for ``linger`` seconds (or a writer waits)."""
        with self._cond:
            while self._con is not None and not self._closed:
                if self._users == 0:
                    idle = time.monotonic() - self._idle_since
                    if idle >= self.linger or writer_waiting(self.path):
                        self._close_locked()
                        return
                    self._cond.wait(min(self.linger - idle, 0.05))
                else:
                    self._cond.wait(0.05)

    @property
    def is_open(self) -> bool:
        return self._con is not None

    # --- what the endpoints use -----------------------------------------------------------------

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self._acquire()
        try:
            cur = con.cursor()
            try:
                yield cur
            finally:
                cur.close()
        finally:
            self._release()

    def call(self, method: str, *args: Any, **kwargs: Any) -> Any:
        """Run one Store query method (``document``...) while the lease is held: the store opens its
        own connection, which DuckDB serves from the database this process already has open."""
        with self.cursor():
            return getattr(self.store, method)(*args, **kwargs)

    def tables(self) -> frozenset[str]:
        """Tables in the store (a database written by an older herald may lack some)."""
        if self._tables is None:
            with self.cursor() as cur:
                rows = cur.execute("SELECT table_name FROM information_schema.tables").fetchall()
            self._tables = frozenset(r[0] for r in rows)
        return self._tables

    def close(self) -> None:
        with self._cond:
            self._closed = True
            self._close_locked()
        self.store.close()
