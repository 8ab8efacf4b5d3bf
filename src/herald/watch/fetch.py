"""HTTP for ``herald watch``: httpx underneath, politeness and budgets on top.

Each request goes through the host's gate (:mod:`herald.watch.gate`) and, for every address it
visits, robots.txt (:mod:`herald.watch.robots`). Redirects are followed here, hop by hop, so that
every hop is rate-limited and checked against robots.txt too, and a loop is named as one. Bodies
are read as a stream and decompressed here (gzip, deflate) with the byte budget applied to the
unpacked size, so neither a huge page nor a compression bomb is ever held whole. 429, 5xx answers
and network errors are retried with exponential backoff, or after the ``Retry-After`` the server
gave, which also holds back every other request to that host.
"""

from __future__ import annotations

import random
import threading
import time
import zlib
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import TYPE_CHECKING
from urllib.parse import urljoin

from herald.watch.gate import Gates, HostGate, Stopped
from herald.watch.options import WatchOptions
from herald.watch.urls import host_of, is_web

if TYPE_CHECKING:
    import httpx

    from herald.watch.robots import Robots

RETRY_STATUS = frozenset({429, 500, 502, 503, 504})
REDIRECT_STATUS = frozenset({301, 302, 303, 307, 308})
ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,text/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"
)


@dataclass
class Answer:
    """What fetching one URL gave: a body, or why there is none."""

    url: str  # as asked for
    final_url: str = ""  # after redirects
    status: int = 0  # HTTP status of the last answer (0: none came)
    headers: dict[str, str] = field(default_factory=dict)  # lower-case names
    body: bytes = b""
    error: str | None = None  # None: a 2xx or a 304
    retryable: bool = False  # worth trying again in a later round
    retry_after: float | None = None  # seconds the server asked us to wait
    disallowed: bool = False  # robots.txt forbids it
    stopped: bool = False  # the watch stopped before an answer came: not an attempt
    attempts: int = 0

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()

    @property
    def charset(self) -> str | None:
        for part in self.headers.get("content-type", "").split(";")[1:]:
            k, _, v = part.partition("=")
            if k.strip().lower() == "charset" and v.strip():
                return v.strip().strip("\"'")
        return None


class Failed(Exception):
    def __init__(self, reason: str, retryable: bool = False) -> None:
        super().__init__(reason)
        self.reason = reason
        self.retryable = retryable


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header: a number of seconds or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    from datetime import UTC, datetime

    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())


class _Decoder:
    """Content-Encoding undone incrementally, never producing more than a budget."""

    def __init__(self, encoding: str) -> None:
        enc = encoding.strip().lower()
        self.z: zlib._Decompress | None
        if enc in ("", "identity"):
            self.z = None
        elif enc in ("gzip", "x-gzip"):
            self.z = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif enc == "deflate":
            self.z = zlib.decompressobj(zlib.MAX_WBITS)
        else:
            raise Failed(f"unsupported Content-Encoding: {encoding}")
        self.enc = enc
        self.first = True

    def feed(self, chunk: bytes, room: int) -> bytes:
        """Up to ``room`` bytes of output; raises when the chunk would unpack to more."""
        if self.z is None:
            return chunk
        try:
            out = self.z.decompress(chunk, room + 1)
        except zlib.error:
            if self.enc == "deflate" and self.first:  # a raw deflate stream without the zlib header
                self.z = zlib.decompressobj(-zlib.MAX_WBITS)
                self.first = False
                return self.feed(chunk, room)
            raise Failed(f"corrupt {self.enc} body") from None
        self.first = False
        if len(out) > room or self.z.unconsumed_tail:
            raise _TooBig
        return out


class _TooBig(Exception):
    pass


class Fetcher:
    """Polite HTTP GETs shared by the watch's worker threads (httpx.Client is thread-safe)."""

    def __init__(self, options: WatchOptions, stop: threading.Event | None = None) -> None:
        import httpx

        from herald.watch.robots import Robots

        self.options = options
        self.stop = stop or threading.Event()
        self.gates = Gates(options.rate, options.per_host)
        self.client = httpx.Client(
            headers={"User-Agent": options.user_agent, "Accept": ACCEPT, "Accept-Encoding": "gzip, deflate"},
            timeout=httpx.Timeout(options.timeout, connect=min(options.timeout, 10.0)),
            follow_redirects=False,
            trust_env=options.trust_env,
            limits=httpx.Limits(max_connections=max(4, options.workers * 2 + 2), max_keepalive_connections=8),
        )
        self.robots: Robots = Robots(self, options)

    def close(self) -> None:
        self.client.close()

    # --- one URL, redirects included ------------------------------------------------------------

    def get(
        self,
        url: str,
        headers: dict[str, str] | None = None,
        robots: bool = True,
        max_bytes: int | None = None,
        truncate: bool = False,
    ) -> Answer:
        """GET ``url`` following redirects; never raises for a network or HTTP problem."""
        seen = [url]
        current = url
        answer = Answer(url=url)
        while True:
            if robots:
                verdict = self.robots.check(current)
                if not verdict.allowed:
                    via = "" if current == url else f" (redirected to {current})"
                    return Answer(
                        url=url,
                        final_url=current,
                        error=f"{verdict.reason}{via}",
                        disallowed=not verdict.retryable,
                        retryable=verdict.retryable,
                        stopped=verdict.stopped,
                        attempts=answer.attempts,
                    )
            step = self._with_retries(current, headers, max_bytes, truncate)
            step.attempts += answer.attempts
            answer = step
            if answer.status in REDIRECT_STATUS and answer.error is None:
                location = answer.headers.get("location", "").strip()
                target = urljoin(current, location) if location else ""
                if not target or not is_web(target):
                    answer.error = f"HTTP {answer.status} redirect without a usable Location ({location!r})"
                    break
                if target in seen:
                    answer.error = f"redirect loop: {' -> '.join([*seen[seen.index(target) :], target])}"
                    break
                if len(seen) > self.options.max_redirects:
                    answer.error = f"more than {self.options.max_redirects} redirects (last: {target})"
                    break
                seen.append(target)
                current = target
                continue
            break
        answer.url, answer.final_url = url, current
        return answer

    # --- one address, retried ------------------------------------------------------------------

    def _with_retries(
        self, url: str, headers: dict[str, str] | None, max_bytes: int | None, truncate: bool
    ) -> Answer:
        opts = self.options
        gate = self.gates[host_of(url)]
        attempt = 0
        while True:
            attempt += 1
            try:
                answer = self._once(url, headers, gate, max_bytes, truncate)
            except Stopped:
                return _stopped(url, attempt - 1)
            answer.attempts = attempt
            if not answer.retryable:
                return answer
            wait = answer.retry_after
            if answer.status in (429, 503) and wait is not None:
                gate.pause(min(wait, opts.max_wait))
            if attempt > opts.retries:
                return answer
            if wait is None:
                wait = opts.backoff * 2 ** (attempt - 1) * (1 + 0.1 * random.random())
            if wait > opts.max_wait:
                answer.error = f"{answer.error}; asked to wait {wait:.0f} s (more than {opts.max_wait:g} s)"
                return answer
            if self.stop.wait(wait):
                return _stopped(url, attempt)

    def _once(
        self, url: str, headers: dict[str, str] | None, gate: HostGate, max_bytes: int | None, truncate: bool
    ) -> Answer:
        import httpx

        limit = max_bytes or self.options.max_bytes
        answer = Answer(url=url, final_url=url)
        with gate.turn(self.stop):
            deadline = time.monotonic() + self.options.max_time
            try:
                with self.client.stream("GET", url, headers=headers or {}) as resp:
                    answer.status = resp.status_code
                    answer.headers = {k.lower(): v for k, v in resp.headers.items()}
                    if resp.status_code in RETRY_STATUS:
                        answer.error = f"HTTP {resp.status_code}"
                        answer.retryable = True
                        answer.retry_after = retry_after(resp.headers.get("retry-after"))
                        return answer
                    if resp.status_code in REDIRECT_STATUS or resp.status_code == 304:
                        return answer
                    if resp.status_code >= 400 or resp.status_code < 200:
                        answer.error = f"HTTP {resp.status_code}"
                        return answer
                    answer.body = self._read(resp, limit, deadline, truncate)
            except Failed as exc:
                answer.error, answer.retryable = exc.reason, exc.retryable
            except httpx.TimeoutException as exc:
                answer.error = f"timed out ({type(exc).__name__}, limit {self.options.timeout:g} s)"
                answer.retryable = True
            except httpx.HTTPError as exc:
                answer.error = f"network error: {type(exc).__name__}: {exc}"[:300]
                answer.retryable = True
        return answer

    def _read(self, resp: httpx.Response, limit: int, deadline: float, truncate: bool) -> bytes:
        length = resp.headers.get("content-length", "")
        encoding = resp.headers.get("content-encoding", "")
        if length.isdigit() and int(length) > limit and not truncate and encoding in ("", "identity"):
            raise Failed(f"larger than the {limit:,} byte limit (Content-Length {int(length):,})")
        decoder = _Decoder(encoding)
        out = bytearray()
        for chunk in resp.iter_raw():
            try:
                out += decoder.feed(chunk, limit - len(out))
            except _TooBig:
                if truncate:
                    return bytes(out[:limit])
                raise Failed(
                    f"larger than the {limit:,} byte limit"
                    + (f" once unpacked ({encoding})" if decoder.z is not None else "")
                ) from None
            if len(out) > limit:
                if truncate:
                    return bytes(out[:limit])
                raise Failed(f"larger than the {limit:,} byte limit")
            if time.monotonic() > deadline:
                raise Failed(f"answer took longer than {self.options.max_time:g} s", retryable=True)
        return bytes(out)


def _stopped(url: str, attempts: int) -> Answer:
    """The answer of a fetch that the watcher's stop ended before the server answered."""
    return Answer(
        url=url,
        final_url=url,
        error="stopped before an answer came",
        stopped=True,
        retryable=True,
        attempts=attempts,
    )
