"""Fetch pages in the worker threads while the main thread codes the ones already fetched.

A dispatcher thread hands the URLs to the workers; answers come back through a queue. At most
``workers + ahead`` pages are in flight or waiting to be coded (back-pressure: a site faster than
the coder never fills memory). The main thread reads :meth:`Feeder.results`, which yields ``None``
every ``tick`` seconds while nothing arrives, so that it can code a chunk or write its state.
On stop, no new request is sent; answers still in flight are not waited for (their pages are in the
spool, and the next start codes them).
"""

from __future__ import annotations

import queue
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor

from herald.watch.pages import Fetched
from herald.watch.state import UrlState


class Feeder:
    def __init__(
        self,
        pool: ThreadPoolExecutor,
        fetch: Callable[[UrlState], Fetched],
        stop: threading.Event,
        workers: int,
        ahead: int,
        tick: float,
    ) -> None:
        self.pool, self.fetch, self.stop, self.tick = pool, fetch, stop, tick
        self._room = threading.Semaphore(workers + ahead)
        self._results: queue.Queue[Fetched] = queue.Queue()
        self._lock = threading.Lock()
        self._sent = 0
        self._dispatched = threading.Event()

    def _dispatch(self, urls: list[UrlState]) -> None:
        try:
            for url in urls:
                while not self._room.acquire(timeout=self.tick):
                    if self.stop.is_set():
                        return
                if self.stop.is_set():
                    self._room.release()
                    return
                with self._lock:
                    self._sent += 1
                self.pool.submit(self.fetch, url).add_done_callback(self._done)
        except RuntimeError:  # the pool was shut down under us (the watch is closing)
            return
        finally:
            self._dispatched.set()

    def _done(self, future: Future[Fetched]) -> None:
        self._results.put(future.result())

    def results(self, urls: list[UrlState]) -> Iterator[Fetched | None]:
        """Each URL's result as it comes (``None`` while waiting)."""
        threading.Thread(
            target=self._dispatch, args=(urls,), name="herald-watch-dispatch", daemon=True
        ).start()
        received = 0
        while True:
            try:
                result = self._results.get(timeout=self.tick)
            except queue.Empty:
                with self._lock:
                    sent = self._sent
                if self._dispatched.is_set() and (received == sent or self.stop.is_set()):
                    return
                yield None
                continue
            received += 1
            self._room.release()
            yield result
