"""The watch's memory, kept in the store next to the documents (tables ``watch_*``, docs/watch.md).

Held in memory while a watch runs and written back in small transactions (after every stored batch,
every couple of seconds while pages fail, at the end of each round), so readers get the file in
between. What makes a kill -9 harmless is the order of writes, not their frequency:

* a URL is written as ``pending`` before it is fetched;
* a fetched page waits in the spool (:mod:`herald.watch.spool`) until its document is committed;
* a document is committed before its URL is written as stored.

So on restart a pending URL whose document is already in ``documents`` is marked stored without a
fetch (:meth:`State.reconcile`), a spooled page is coded without a fetch, and only requests that were
in flight at the moment of the kill are made again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import astuple, dataclass, fields
from datetime import UTC, datetime, timedelta
from typing import Any

PENDING, STORED, FAILED, DISALLOWED, DUPLICATE = "pending", "stored", "failed", "disallowed", "duplicate"
STATUSES = (PENDING, STORED, FAILED, DISALLOWED, DUPLICATE)


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@dataclass
class UrlState:
    """One row of ``watch_urls``: an article URL (or a file of a watched folder) and what became of it."""

    url: str  # canonical URL (the document id), or a file path
    source: str  # the source (as given on the command line) that listed it
    listed_url: str | None = None  # as the listing gave it
    found_at: datetime | None = None
    item_date: str | None = None  # the date the listing gives
    title: str | None = None
    status: str = PENDING  # pending | stored | failed | disallowed | duplicate
    reason: str | None = None  # why it failed, was disallowed, is a duplicate, or its document's error
    attempts: int = 0  # rounds it was fetched in
    retry_at: datetime | None = None  # a failed URL worth another try, not before this
    http_status: int | None = None
    final_url: str | None = None  # after redirects
    fetched_at: datetime | None = None
    doc_id: str | None = None  # the stored document's id
    doc_status: str | None = None  # ok | skipped | error
    signature: str | None = None  # files: size and modification time


@dataclass
class FeedState:
    """One row of ``watch_feeds``: a listing (a feed, a sitemap, a sitemap an index names)."""

    url: str
    source: str
    kind: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    cursor: str | None = None  # the newest item date seen in it
    items: int | None = None  # items in the last listing read
    http_status: int | None = None
    error: str | None = None
    checked_at: datetime | None = None


@dataclass
class SourceState:
    """One row of ``watch_sources``: a source as given, with its health."""

    source: str
    kind: str | None = None
    added_at: datetime | None = None
    last_check: datetime | None = None
    last_success: datetime | None = None
    last_error: str | None = None
    last_error_at: datetime | None = None
    rounds: int = 0
    failures: int = 0  # consecutive failed checks


_TABLES: dict[str, tuple[type, str]] = {
    "watch_urls": (UrlState, "url"),
    "watch_feeds": (FeedState, "url"),
    "watch_sources": (SourceState, "source"),
}


class State:
    """All three tables in memory, with the rows changed since the last :meth:`flush`."""

    def __init__(self) -> None:
        self.urls: dict[str, UrlState] = {}
        self.feeds: dict[str, FeedState] = {}
        self.sources: dict[str, SourceState] = {}
        self._dirty: dict[str, dict[str, Any]] = {name: {} for name in _TABLES}

    # --- loading and saving ----------------------------------------------------------------------

    @classmethod
    def load(cls, con: Any) -> State:
        state = cls()
        for table, (kind, key) in _TABLES.items():
            names = [f.name for f in fields(kind)]
            target = state._table(table)
            for row in con.execute(f"SELECT {', '.join(names)} FROM {table}").fetchall():
                obj = kind(*row)
                target[getattr(obj, key)] = obj
        return state

    def _table(self, table: str) -> dict[str, Any]:
        tables: dict[str, dict[str, Any]] = {
            "watch_urls": self.urls,
            "watch_feeds": self.feeds,
            "watch_sources": self.sources,
        }
        return tables[table]

    @property
    def dirty(self) -> bool:
        return any(self._dirty.values())

    def flush(self, con: Any) -> int:
        """Write the changed rows in one transaction; returns how many."""
        if not self.dirty:
            return 0
        import pyarrow as pa

        written = 0
        con.execute("BEGIN")
        try:
            for table, (kind, _key) in _TABLES.items():
                rows = list(self._dirty[table].values())
                if not rows:
                    continue
                names = [f.name for f in fields(kind)]
                columns = list(zip(*(astuple(r) for r in rows), strict=True))
                arrow = pa.table({n: pa.array(c) for n, c in zip(names, columns, strict=True)})  # noqa: F841
                con.execute(f"INSERT OR REPLACE INTO {table} SELECT {', '.join(names)} FROM arrow")
                written += len(rows)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
        for d in self._dirty.values():
            d.clear()
        return written

    def touch(self, obj: UrlState | FeedState | SourceState) -> None:
        if isinstance(obj, UrlState):
            self.urls[obj.url] = obj
            self._dirty["watch_urls"][obj.url] = obj
        elif isinstance(obj, FeedState):
            self.feeds[obj.url] = obj
            self._dirty["watch_feeds"][obj.url] = obj
        else:
            self.sources[obj.source] = obj
            self._dirty["watch_sources"][obj.source] = obj

    # --- URLs ------------------------------------------------------------------------------------

    def add(self, url: UrlState) -> bool:
        """Remember a newly listed URL as pending; False when it is known already."""
        if url.url in self.urls:
            return False
        url.found_at = url.found_at or now()
        self.touch(url)
        return True

    def due(self, source: str | None = None, max_attempts: int = 3) -> list[UrlState]:
        """URLs to fetch now: pending ones, then failed ones whose retry time has come, oldest first."""
        t = now()
        out = [
            u
            for u in self.urls.values()
            if (source is None or u.source == source)
            and u.signature is None
            and (
                u.status == PENDING
                or (
                    u.status == FAILED
                    and u.retry_at is not None
                    and u.retry_at <= t
                    and u.attempts < max_attempts
                )
            )
        ]
        out.sort(key=lambda u: (u.status != PENDING, u.found_at or t, u.url))
        return out

    def stored(self, url: UrlState, doc_id: str, doc_status: str, reason: str | None) -> None:
        url.status, url.reason, url.retry_at = STORED, reason, None
        url.doc_id, url.doc_status = doc_id, doc_status
        self.touch(url)

    def failed(
        self, url: UrlState, reason: str, retryable: bool, retry_in: float | None, max_attempts: int
    ) -> None:
        url.status, url.reason = FAILED, reason
        url.retry_at = (
            now() + timedelta(seconds=retry_in or 0.0) if retryable and url.attempts < max_attempts else None
        )
        self.touch(url)

    def reconcile(self, stored_ids: dict[str, str]) -> int:
        """Pending or failed URLs whose document the store already holds (a run killed between the
        commit of a batch and the write of its URLs' state) become stored; returns how many."""
        n = 0
        for u in list(self.urls.values()):
            if u.status in (PENDING, FAILED) and u.signature is None and u.url in stored_ids:
                self.stored(u, u.url, stored_ids[u.url], None)
                n += 1
        return n

    # --- sources ---------------------------------------------------------------------------------

    def source(self, spec: str, kind: str | None = None) -> SourceState:
        s = self.sources.get(spec)
        if s is None:
            s = SourceState(source=spec, kind=kind, added_at=now())
            self.touch(s)
        elif kind and s.kind != kind:
            s.kind = kind
            self.touch(s)
        return s

    def checked(self, spec: str, error: str | None, kind: str | None = None, ok: bool | None = None) -> None:
        """A look at a source: ``ok`` (default: no error) when it answered; an error may come with an
        answer too (a sitemap index read, one of its sitemaps not)."""
        s = self.source(spec, kind)
        t = now()
        s.last_check, s.rounds = t, s.rounds + 1
        if error:
            s.last_error, s.last_error_at = error, t
        if ok if ok is not None else not error:
            s.last_success, s.failures = t, 0
        else:
            s.failures += 1
        self.touch(s)

    def counts(self, urls: Iterable[UrlState] | None = None) -> dict[str, int]:
        out = dict.fromkeys(STATUSES, 0)
        for u in self.urls.values() if urls is None else urls:
            out[u.status] = out.get(u.status, 0) + 1
        return out
