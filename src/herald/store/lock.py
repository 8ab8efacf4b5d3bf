"""Waiting for the DuckDB file's lock: one writer or several readers, never both at once.

A writer that finds the file locked announces itself (``<path>.writer-waiting``) so that long-lived
readers (``herald serve``) let go at their next pause; both sides wait with backoff up to
``HERALD_LOCK_TIMEOUT`` seconds. See docs/schema.md, "Concurrency". :mod:`herald.store.db` re-exports
these names.
"""

from __future__ import annotations

import os
import time
from contextlib import suppress
from typing import Any


class StoreLocked(RuntimeError):
    """Another process holds the database file for longer than the lock timeout."""


def lock_timeout() -> float:
    return float(os.environ.get("HERALD_LOCK_TIMEOUT", "30"))


WAITING_SUFFIX = ".writer-waiting"
WAITING_FRESH = 5.0  # seconds: an older announcement is left over from a killed writer


def writer_waiting(path: str) -> bool:
    """Is a writer waiting for this file? Long-lived readers (``herald serve``) then let go of it.

    A writer that finds the file locked touches ``<path>.writer-waiting`` on every retry and removes
    it once it is in; a stale file (its writer was killed) stops counting after a few seconds.
    """
    try:
        return time.time() - os.stat(path + WAITING_SUFFIX).st_mtime < WAITING_FRESH
    except OSError:
        return False


def announce(path: str) -> bool:
    try:
        with open(path + WAITING_SUFFIX, "a"):
            pass
        os.utime(path + WAITING_SUFFIX)
        return True
    except OSError:  # a read-only directory: the writer just waits for the readers' timeout
        return False


def connect(path: str, read_only: bool, timeout: float | None = None) -> Any:
    """Open the DuckDB file, waiting (with backoff) while another process holds its lock.

    A writer that has to wait announces itself (:func:`writer_waiting`) so that readers holding the
    file for a while close it at their next pause, and polls faster while it waits.
    """
    import duckdb

    deadline = time.monotonic() + (lock_timeout() if timeout is None else timeout)
    delay = 0.01
    announced = False
    try:
        while True:
            try:
                return duckdb.connect(path, read_only=read_only)
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise
                if time.monotonic() >= deadline:
                    raise StoreLocked(
                        f"{path} is in use by another process ({exc}); readers wait for a writer's batch "
                        f"to commit and vice versa, up to HERALD_LOCK_TIMEOUT={lock_timeout():g}s"
                    ) from exc
                if not read_only:
                    announced = announce(path) or announced
                time.sleep(delay)
                delay = min(delay * 2, 0.05 if announced else 0.2)
    finally:
        if announced:
            with suppress(OSError):
                os.remove(path + WAITING_SUFFIX)
