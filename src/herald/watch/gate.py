"""Per-host politeness: at most ``rate`` requests a second and ``per_host`` in flight.

A request to a host first takes one of the host's ``per_host`` slots, then waits for its turn: turns
are handed out ``interval`` seconds apart (``1 / rate``, or more when robots.txt asks for a
``Crawl-delay``), so over any stretch of time the host sees at most one request start per interval,
retries and robots.txt included. A ``Retry-After`` or a 429 pushes the host's next turn back for every
worker at once, not just for the request that got the answer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager


class Stopped(Exception):
    """The watch is shutting down: the request was not sent."""


class HostGate:
    def __init__(self, interval: float, per_host: int) -> None:
        self.interval = interval
        self._slots = threading.BoundedSemaphore(per_host)
        self._lock = threading.Lock()
        self._next = 0.0  # monotonic time of the next free turn
        self.requests = 0

    def slow_down(self, interval: float) -> None:
        """Never go faster than ``interval`` from now on (robots.txt Crawl-delay / Request-rate)."""
        with self._lock:
            self.interval = max(self.interval, interval)

    def pause(self, seconds: float) -> None:
        """No new request to this host for ``seconds`` (the host said Retry-After)."""
        with self._lock:
            self._next = max(self._next, time.monotonic() + seconds)

    @contextmanager
    def turn(self, stop: threading.Event) -> Iterator[None]:
        """Hold a slot and wait for a turn; raises :class:`Stopped` if the watch stops meanwhile."""
        while not self._slots.acquire(timeout=0.1):
            if stop.is_set():
                raise Stopped
        try:
            while True:
                with self._lock:
                    now = time.monotonic()
                    if self._next <= now:
                        self._next = now + self.interval
                        self.requests += 1
                        break
                    wait = self._next - now
                if stop.wait(min(wait, 0.5)):
                    raise Stopped
            yield
        finally:
            self._slots.release()


class Gates:
    """One :class:`HostGate` per host, made on first use."""

    def __init__(self, rate: float, per_host: int) -> None:
        self.interval = 1.0 / rate
        self.per_host = per_host
        self._gates: dict[str, HostGate] = {}
        self._lock = threading.Lock()

    def __getitem__(self, host: str) -> HostGate:
        with self._lock:
            gate = self._gates.get(host)
            if gate is None:
                gate = self._gates[host] = HostGate(self.interval, self.per_host)
            return gate
