"""The watch loop: look at every source, fetch what is new, code it with ``herald run``'s own code.

A round:

1. every source is looked at, in the worker threads (:func:`herald.watch.sources.look`); new URLs
   and changed files are written to the state as pending before anything is fetched;
2. new files of watched folders go through ``pipeline.extract_paths`` and ``pipeline.store_documents``,
   exactly as ``herald run`` codes a folder;
3. pending pages (spooled ones first, then fetched by the workers, nearest first as they finish)
   become raw documents, go through ``extract.extract`` (stage 2 of ``herald run``) and
   ``pipeline.store_documents`` (stages 3-10 of it), and their URLs are marked stored after each
   committed batch.

Nothing here parses, codes or writes documents itself: the pipeline does. What this module adds is
which pages to fetch, the politeness around fetching them, and the memory of what became of each.
"""

from __future__ import annotations

import contextlib
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from typing import IO

from herald.models import Document, RawDocument
from herald.watch.feeder import Feeder
from herald.watch.fetch import Answer, Fetcher
from herald.watch.options import WatchOptions
from herald.watch.pages import Fetched, fetch_page
from herald.watch.report import RoundReport, WatchSummary
from herald.watch.sources import Found, Source, look
from herald.watch.spool import Spool, Spooled
from herald.watch.state import DISALLOWED, DUPLICATE, FAILED, PENDING, STORED, State, UrlState, now
from herald.watch.urls import canonical_url, site_of

FLUSH_EVERY = 1.0  # seconds: state changes are written at least this often while pages are coded
LAND_WITHIN = 2.0  # seconds: pages fetched are handed to the pipeline at least this often
TICK = 0.25  # seconds: how often the fetch loop looks up from waiting for answers


class WatchBusy(RuntimeError):
    """Another ``herald watch`` is running on this store."""


def lock(db: str) -> IO[str]:
    """An exclusive lock on ``<db>.watch-lock`` for the watch's life (released by the kernel even
    after a kill -9): two watches on one store would fetch the same pages."""
    handle = open(os.path.abspath(db) + ".watch-lock", "a+")  # noqa: SIM115 - held until close()
    try:
        import fcntl

        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except ImportError:  # no fcntl (Windows): no guard
        pass
    except OSError:
        handle.close()
        raise WatchBusy(f"another herald watch is running on {db}") from None
    return handle


class Watcher:
    """Watches sources into one store; :func:`herald.watch.watch` is the usual way in."""

    def __init__(
        self,
        sources: Iterable[str],
        db: str,
        options: WatchOptions | None = None,
        on_round: Callable[[RoundReport], None] | None = None,
        on_document: Callable[[Document], None] | None = None,
        stop: threading.Event | None = None,
    ) -> None:
        from herald.store import Store

        self.options = (options or WatchOptions()).check()
        self.sources = [Source.parse(s) for s in sources]
        if not self.sources:
            raise ValueError("no sources to watch")
        self.db = db
        self.on_round, self.on_document = on_round, on_document
        self.stop = stop or threading.Event()
        self._lock = lock(db)
        try:
            self.store = Store(db)
            self.spool = Spool(self.options.spool) if self.options.spool else Spool.beside(db)
            with self.store.connection() as con:
                self.state = State.load(con)
                docs = con.execute(
                    "SELECT id, status, url, content_hash FROM documents WHERE latest"
                ).fetchall()
        except BaseException:
            self._lock.close()
            raise
        self.doc_ids: dict[str, str] = {i: s for i, s, _, _ in docs}
        # one article, one text per site: (site, content hash) -> the document holding that text
        self.texts: dict[tuple[str, str], str] = {
            (site_of(u), h): i for i, s, u, h in docs if s == "ok" and u and h
        }
        self.fetcher = Fetcher(self.options, self.stop)
        self.pool = ThreadPoolExecutor(self.options.workers, thread_name_prefix="herald-watch")
        self._pages: dict[str, UrlState] = {}  # doc id -> URL, for pages handed to the pipeline
        self._drops: list[str] = []  # spooled pages to remove once their state is written
        self._flushed = time.monotonic()
        self._rounds = 0
        for spec in self.sources:
            self.state.source(spec.spec, "folder" if spec.kind == "folder" else None)
        self.state.reconcile(self.doc_ids)
        self._flush()

    # --- life -----------------------------------------------------------------------------------

    def __enter__(self) -> Watcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.stop.set()
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.fetcher.close()
        with contextlib.suppress(Exception):
            self._flush()
        self.spool.tidy()
        self.store.close()
        self._lock.close()

    def run(self) -> WatchSummary:
        """Rounds every ``options.every`` seconds (start to start) until stopped, or once."""
        summary = WatchSummary(self.db)
        opts = self.options
        while True:
            started = time.monotonic()
            report = self.round()
            summary.rounds.append(report)
            if self.on_round:
                self.on_round(report)
            if (
                opts.once
                or self.stop.is_set()
                or (opts.rounds is not None and len(summary.rounds) >= opts.rounds)
            ):
                break
            if self.stop.wait(max(0.0, opts.every - (time.monotonic() - started))):
                break
        return summary

    def round(self) -> RoundReport:
        self._rounds += 1
        report = RoundReport(self._rounds, datetime.now(UTC).replace(tzinfo=None), sources=len(self.sources))
        t0 = time.monotonic()
        for found in self.pool.map(lambda s: look(s, self.fetcher, self.state, self.options), self.sources):
            self._register(found, report)
        self._flush()
        self._code_files(report)
        self._code_pages(report)
        self._flush()
        counts = self.state.counts()
        report.pending = counts[PENDING]
        report.retry = sum(
            1 for u in self.state.due(max_attempts=self.options.max_attempts) if u.status != PENDING
        )
        report.stopped = self.stop.is_set()
        report.seconds = time.monotonic() - t0
        return report

    # --- state ----------------------------------------------------------------------------------

    def _flush(self) -> None:
        if self.state.dirty:
            with self.store.connection() as con:
                self.state.flush(con)
        for url in self._drops:
            self.spool.drop(url)
        self._drops.clear()
        self._flushed = time.monotonic()

    def _maybe_flush(self) -> None:
        if time.monotonic() - self._flushed >= FLUSH_EVERY:
            self._flush()

    def _register(self, found: Found, report: RoundReport) -> None:
        spec = found.source.spec
        for feed in found.feeds:
            self.state.touch(feed)
        if found.error and self.stop.is_set():
            return  # cut short by the shutdown: not the source's fault
        answered = not found.error if not found.feeds else found.feeds[0].error is None
        self.state.checked(spec, found.error, found.kind, ok=answered)
        if not answered:
            report.sources_failing += 1
            report.source_errors.append(f"{spec}: {found.error}")
        for item in found.items:
            key = canonical_url(item.url)
            if self.state.add(
                UrlState(url=key, source=spec, listed_url=item.url, item_date=item.date, title=item.title)
            ):
                report.new += 1
        for path, signature in found.files:
            known = self.state.urls.get(path)
            if known is None:
                self.state.add(UrlState(url=path, source=spec, signature=signature))
                report.new += 1
            elif known.signature != signature:
                known.signature, known.status, known.reason = signature, PENDING, None
                self.state.touch(known)
                report.new += 1

    # --- coding: the pipeline of `herald run` ---------------------------------------------------

    def _reference_date(self) -> str:
        return self.options.reference_date or datetime.now(UTC).date().isoformat()

    def _store(
        self, docs: Iterable[Document], report: RoundReport, on_document: Callable[[Document], None]
    ) -> None:
        from herald.pipeline import RunSummary, analyse, store_documents

        summary = RunSummary(db=self.db)

        def each(doc: Document) -> None:
            on_document(doc)
            if self.on_document:
                self.on_document(doc)
            self._maybe_flush()

        store_documents(docs, self.store, summary, analyse, self.options.batch_size, each)
        report.stored += summary.added
        report.unchanged += summary.unchanged
        report.errors += summary.errors
        report.skipped += summary.skipped
        report.ok += summary.added - summary.errors - summary.skipped
        report.events += summary.events
        report.quotes += summary.quotes

    def _code_files(self, report: RoundReport) -> None:
        from herald.pipeline import extract_paths

        files = sorted(
            (u for u in self.state.urls.values() if u.signature is not None and u.status == PENDING),
            key=lambda u: u.url,
        )
        if not files:
            return
        by_path = {u.url: u for u in files}
        started: list[UrlState] = []
        seen: dict[str, list[Document]] = {}

        def docs() -> Iterator[Document]:
            for u in files:  # stop between files only, so that a started file is finished
                if self.stop.is_set():
                    return
                started.append(u)
                yield from extract_paths([u.url], self.options.reference_date)

        def stored(doc: Document) -> None:
            path = doc.source if doc.source in by_path else doc.source.rsplit("#", 1)[0]
            seen.setdefault(path, []).append(doc)

        self._store(docs(), report, stored)
        for u in started:
            got = seen.get(u.url, [])
            bad = next((d for d in got if d.status != "ok"), None)
            self.state.stored(
                u,
                got[0].id if len(got) == 1 else u.url,
                bad.status if bad else "ok",
                f"{bad.id}: {bad.error}" if bad else None,
            )
            if not got:
                u.doc_status, u.reason = None, "no documents in the file"

    def _code_pages(self, report: RoundReport) -> None:
        """Pages in chunks of at most ``batch_size``, a chunk cut short after ``LAND_WITHIN`` seconds:
        a page lands in the store seconds after it was fetched, even when the site is slow (the
        workers go on fetching while a chunk is coded)."""
        from herald import extract

        chunk: list[RawDocument] = []
        since = 0.0
        for raw in self._raws(report):
            if raw is not None:
                if not chunk:
                    since = time.monotonic()
                chunk.append(raw)
            if chunk and (len(chunk) >= self.options.batch_size or time.monotonic() - since >= LAND_WITHIN):
                docs = extract.extract(chunk, reference_date=self._reference_date())
                self._store(self._distinct(docs, report), report, self._page_stored)
                chunk = []
        if chunk:
            docs = extract.extract(chunk, reference_date=self._reference_date())
            self._store(self._distinct(docs, report), report, self._page_stored)

    def _page_stored(self, doc: Document) -> None:
        url = self._pages.pop(doc.id, None)
        if url is None:
            return
        self.state.stored(url, doc.id, doc.status, doc.error)
        self.doc_ids[doc.id] = doc.status
        if doc.id != url.url:  # reached by a redirect or named by rel=canonical: remember its own URL
            alias = self.state.urls.get(doc.id) or UrlState(url=doc.id, source=url.source, found_at=now())
            if alias.status != STORED:
                alias.status, alias.doc_id, alias.doc_status = DUPLICATE, doc.id, doc.status
                alias.reason = f"stored as the page {url.url} leads to"
                self.state.touch(alias)
        self._drops.append(url.url)

    def _duplicate(self, url: UrlState, of: str, why: str, report: RoundReport) -> None:
        url.status, url.doc_id, url.reason, url.retry_at = (
            DUPLICATE,
            of,
            f"same article as {of} ({why})",
            None,
        )
        self.state.touch(url)
        self._drops.append(url.url)
        report.duplicates += 1

    def _distinct(self, docs: Iterable[Document], report: RoundReport) -> Iterator[Document]:
        """Drop a page whose text is already stored under another address of the same site."""
        for doc in docs:
            if doc.ok and doc.content_hash and doc.url:
                key = (site_of(doc.url), doc.content_hash)
                other = self.texts.get(key)
                if other is not None and other != doc.id:
                    url = self._pages.pop(doc.id, None)
                    if url is not None:
                        self._duplicate(url, other, "the same text", report)
                    continue
                self.texts[key] = doc.id
            yield doc

    def _raws(self, report: RoundReport) -> Iterator[RawDocument | None]:
        """Spooled pages, then pages fetched by the workers, as raw documents; failures recorded.
        ``None`` now and then while the workers are busy: nothing new yet (time to code a chunk)."""
        opts = self.options
        spooled: dict[str, Spooled] = {}
        for page in self.spool:
            url = self.state.urls.get(page.url)
            if url is None:
                url = UrlState(url=page.url, source=page.source, found_at=now())
                self.state.add(url)
            if page.doc_id in self.doc_ids:  # stored before a kill; only its state was lost
                if url.status != STORED:
                    self.state.stored(url, page.doc_id, self.doc_ids[page.doc_id], None)
                self._drops.append(page.url)
            elif url.status in (PENDING, FAILED):
                spooled[page.url] = page
            else:
                self._drops.append(page.url)
        for page in spooled.values():
            raw = self._accept(self.state.urls[page.url], page, report)
            if raw is not None:
                yield raw
        due = [u for u in self.state.due(max_attempts=opts.max_attempts) if u.url not in spooled]
        if opts.max_pages is not None:
            due = due[: opts.max_pages]
        feeder = Feeder(self.pool, self._fetch, self.stop, opts.workers, max(opts.batch_size, 4), TICK)
        for result in feeder.results(due):
            if result is None:
                self._maybe_flush()
                yield None
                continue
            raw = self._handle(result, report)
            if raw is not None:
                yield raw

    def _fetch(self, url: UrlState) -> Fetched:
        """A worker's job: one page (unless a redirect reached it meanwhile); never raises."""
        if url.url in self.doc_ids or url.url in self._pages:
            return Fetched(url, Answer(url=url.url), error="stored through another address", already=True)
        try:
            return fetch_page(url, self.fetcher, self.spool)
        except Exception as exc:  # a bug must not lose the page: it stays pending, the round goes on
            return Fetched(url, Answer(url=url.url, stopped=True), error=f"{type(exc).__name__}: {exc}")

    def _handle(self, result: Fetched, report: RoundReport) -> RawDocument | None:
        url, answer = result.url, result.answer
        if result.already:
            self._duplicate(url, url.url, result.error or "", report)
            return None
        if result.stopped:
            return None  # never asked: stays as it was
        report.fetched += answer.attempts > 0
        url.attempts += 1
        url.http_status, url.final_url, url.fetched_at = (
            answer.status or None,
            answer.final_url or None,
            now(),
        )
        if answer.disallowed:
            url.status, url.reason, url.retry_at = DISALLOWED, answer.error, None
            self.state.touch(url)
            report.disallowed += 1
            return None
        if result.page is None:
            retry_in = answer.retry_after or 0.0  # transient: the next round may try again
            self.state.failed(
                url, result.error or "no page", result.retryable, retry_in, self.options.max_attempts
            )
            report.failed += 1
            return None
        return self._accept(url, result.page, report)

    def _accept(self, url: UrlState, page: Spooled, report: RoundReport) -> RawDocument | None:
        """The raw document of a fetched page, unless its document is stored or in hand already."""
        if page.doc_id != url.url and page.doc_id in self.doc_ids:
            self._duplicate(url, page.doc_id, "redirect or rel=canonical", report)
            return None
        if page.doc_id in self._pages:
            self._duplicate(url, page.doc_id, "redirect or rel=canonical", report)
            return None
        self._pages[page.doc_id] = url
        return RawDocument(
            id=page.doc_id,
            source=page.final_url,
            kind="web",
            content=page.content,
            content_type="html" if page.content_type == "html" else "text",
            url=page.final_url,
            date=page.item_date,
            title=page.title,
        )
