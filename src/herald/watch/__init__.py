"""``herald watch``: keep a store up to date from RSS/Atom feeds, news sitemaps and folders.

Library first, the command is a thin layer on top::

    import herald
    herald.watch(["https://example.org/feed.xml"], db="news.duckdb", every="15m")   # until Ctrl+C
    herald.watch(["https://example.org/sitemap.xml"], db="news.duckdb", once=True)  # one round (cron)
    herald.watch.health("news.duckdb")      # each source: last success, items, errors (a DataFrame)
    herald.watch.items("news.duckdb", status="failed")   # every bad URL with its reason

Pages are coded by the pipeline of ``herald run`` (``pipeline.store_documents``) and land in the
store as they are committed; the watch's own memory (URLs seen, fetched, failed and why, listing
cursors, source health) lives in the same file, tables ``watch_*``. The politeness rules (robots.txt,
rates, retries, budgets) are in docs/watch.md.
"""

from __future__ import annotations

import signal
import sys
import threading
import types
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from herald.watch.options import WatchOptions, parse_interval
from herald.watch.report import RoundReport, WatchSummary
from herald.watch.runner import WatchBusy, Watcher
from herald.watch.sources import Source
from herald.watch.urls import canonical_url

if TYPE_CHECKING:
    import pandas as pd

    from herald.models import Document

__all__ = [
    "RoundReport",
    "Source",
    "WatchBusy",
    "WatchOptions",
    "WatchSummary",
    "Watcher",
    "canonical_url",
    "health",
    "items",
    "make_options",
    "parse_interval",
    "watch",
]


def make_options(every: str | float = "15m", once: bool = False, **settings: Any) -> WatchOptions:
    """:class:`WatchOptions` from keyword settings (``rate=2``, ``workers=4``, ``every="90s"``)."""
    known = {f.name for f in fields(WatchOptions)}
    unknown = sorted(set(settings) - known)
    if unknown:
        raise TypeError(f"unknown watch setting(s): {', '.join(unknown)}")
    return WatchOptions(every=parse_interval(every), once=once, **settings).check()


def watch(
    sources: str | Iterable[str],
    db: str = "herald.duckdb",
    *,
    every: str | float = "15m",
    once: bool = False,
    on_round: Callable[[RoundReport], None] | None = None,
    on_document: Callable[[Document], None] | None = None,
    stop: threading.Event | None = None,
    handle_signals: bool = True,
    on_signal: Callable[[int], None] | None = None,
    **settings: Any,
) -> WatchSummary:
    """Watch ``sources`` (feed or sitemap URLs, folders) into the store ``db``: a round every
    ``every`` (``"15m"``, ``"90s"``, seconds) until SIGINT/SIGTERM or ``stop`` is set, or one round
    with ``once``. Other settings are :class:`WatchOptions` fields (``rate``, ``workers``,
    ``max_bytes``...). ``on_round`` gets each round's report as it ends.

    With ``handle_signals`` (and on the main thread) the first SIGINT or SIGTERM lets the round
    finish the pages in hand, commit them and write the state before returning; a second one
    interrupts as usual.
    """
    opts = make_options(every, once, **settings)
    specs = [sources] if isinstance(sources, str) else list(sources)
    stop = stop or threading.Event()
    with (
        _signals(stop, on_signal, handle_signals),
        Watcher(specs, db, opts, on_round, on_document, stop) as w,
    ):
        return w.run()


@contextmanager
def _signals(stop: threading.Event, on_signal: Callable[[int], None] | None, enabled: bool) -> Iterator[None]:
    if not enabled or threading.current_thread() is not threading.main_thread():
        yield
        return
    wanted = (signal.SIGINT, signal.SIGTERM)
    previous = {s: signal.getsignal(s) for s in wanted}

    def restore() -> None:
        for s, h in previous.items():
            signal.signal(s, h if h is not None else signal.SIG_DFL)

    def handler(signum: int, frame: object) -> None:
        stop.set()
        restore()  # a second signal acts as it normally would
        if on_signal:
            on_signal(signum)

    for s in wanted:
        signal.signal(s, handler)
    try:
        yield
    finally:
        restore()


HEALTH_SQL = """
SELECT s.source, s.kind, s.added_at, s.last_success, s.last_check, s.rounds, s.failures AS failing_checks,
       s.last_error, s.last_error_at,
       count(u.url) AS items,
       count(u.url) FILTER (WHERE u.status = 'stored') AS stored,
       count(u.url) FILTER (WHERE u.status = 'stored' AND u.doc_status = 'ok') AS ok,
       count(u.url) FILTER (WHERE u.status = 'pending') AS pending,
       count(u.url) FILTER (WHERE u.status = 'failed') AS failed,
       count(u.url) FILTER (WHERE u.status = 'disallowed') AS disallowed,
       count(u.url) FILTER (WHERE u.status = 'duplicate') AS duplicates,
       count(u.url) FILTER (WHERE u.status = 'failed' OR (u.status = 'stored' AND u.doc_status = 'error'))
           AS errors,
       max(u.fetched_at) AS last_fetch
FROM watch_sources s LEFT JOIN watch_urls u ON u.source = s.source
GROUP BY ALL ORDER BY s.added_at, s.source
"""

ITEMS_SQL = """
SELECT url, source, status, reason, doc_status, http_status, attempts, final_url, doc_id, item_date, title,
       found_at, fetched_at, retry_at
FROM watch_urls {where} ORDER BY found_at DESC, url {limit}
"""


def _query(db: str, sql: str, params: list[Any]) -> pd.DataFrame:
    from herald.store import Store

    with Store(db, read_only=True) as store, store.connection() as con:
        return con.execute(sql, params).df()


def health(db: str = "herald.duckdb") -> pd.DataFrame:
    """One row per watched source: kind, last success, last error, and its items by what became of
    them (``herald sources``)."""
    return _query(db, HEALTH_SQL, [])


def items(
    db: str = "herald.duckdb", status: str | None = None, source: str | None = None, limit: int | None = None
) -> pd.DataFrame:
    """The URLs (and folder files) a watch knows, newest first, each with its status and reason."""
    clauses, params = [], []
    if status:
        clauses.append("status = ?")
        params.append(status)
    if source:
        clauses.append("source = ?")
        params.append(source)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    lim = f"LIMIT {int(limit)}" if limit else ""
    return _query(db, ITEMS_SQL.format(where=where, limit=lim), params)


class _CallableModule(types.ModuleType):
    """``herald.watch(...)`` calls :func:`watch` while ``herald.watch.health`` etc. stay reachable."""

    def __call__(self, *args: Any, **kwargs: Any) -> WatchSummary:
        return watch(*args, **kwargs)


sys.modules[__name__].__class__ = _CallableModule
