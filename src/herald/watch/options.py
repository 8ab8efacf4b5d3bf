"""What a watch is allowed to do: rounds, workers, politeness budgets (docs/watch.md)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from herald.ingest.limits import max_bytes

ROBOTS_AGENT = "herald"  # the token robots.txt groups are matched against


def default_user_agent(contact: str | None = None) -> str:
    """``herald/<version> (political event coder; ...)``; ``contact`` (a URL or an e-mail address)
    lets a site's operator reach whoever runs the watch, as polite crawlers do."""
    from herald import __version__

    tail = f"; +{contact}" if contact else ""
    return f"herald/{__version__} (political event coder; obeys robots.txt{tail})"


_PART = re.compile(r"(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?", re.I)
_UNIT = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0, "d": 86400.0, None: 1.0}


def parse_interval(value: str | float | int) -> float:
    """Seconds from ``15m``, ``90s``, ``1h30m``, ``500ms`` or a plain number of seconds."""
    if isinstance(value, int | float):
        seconds = float(value)
    else:
        text = value.strip().lower().replace(" ", "")
        parts = list(_PART.finditer(text))
        if not text or not parts or "".join(p.group(0) for p in parts) != text:
            raise ValueError(f"not an interval: {value!r} (use e.g. 90s, 15m, 1h30m)")
        seconds = sum(float(p.group(1)) * _UNIT[(p.group(2) or "").lower() or None] for p in parts)
    if seconds < 0:
        raise ValueError(f"a negative interval: {value!r}")
    return seconds


@dataclass
class WatchOptions:
    """Every knob of ``herald watch``; the defaults are the polite ones documented in docs/watch.md."""

    every: float = 900.0  # seconds between the starts of two rounds
    once: bool = False  # one round, then return (cron)
    rounds: int | None = None  # stop after this many rounds (tests, benchmarks)
    workers: int = 2  # pages fetched at once, over all hosts
    rate: float = 1.0  # requests per second to one host, at most (robots.txt may ask for less)
    per_host: int = 2  # requests in flight to one host, at most
    timeout: float = 20.0  # seconds to connect, and between two reads of an answer
    max_time: float = 60.0  # seconds for a whole answer (a server that drips bytes is cut off)
    retries: int = 2  # retries of a request after a 429, a 5xx or a network error
    backoff: float = 1.0  # first wait before a retry (doubled each time) when no Retry-After says
    max_wait: float = 120.0  # longest Retry-After honoured in place; longer ones: a later round
    max_attempts: int = 3  # rounds a transiently failing page is tried in before it is given up
    max_bytes: int = field(default_factory=max_bytes)  # bytes of one answer, after decompression
    max_redirects: int = 5
    max_pages: int | None = None  # pages fetched per round, at most (a first look at a big sitemap)
    max_sitemaps: int = 50  # sitemaps of one sitemap index read per round
    robots_ttl: float = 3600.0  # seconds a robots.txt is trusted before it is fetched again
    settle: float = 2.0  # seconds a file in a watched folder must be left alone before it is read
    user_agent: str = field(default_factory=default_user_agent)
    batch_size: int = 25  # documents per store transaction (as in `herald run`)
    reference_date: str | None = None
    trust_env: bool = True  # honour HTTP(S)_PROXY / NO_PROXY and SSL_CERT_FILE from the environment
    spool: str | None = None  # folder for fetched pages not yet stored (default: next to the store)

    def check(self) -> WatchOptions:
        if self.workers < 1 or self.per_host < 1:
            raise ValueError("workers and per_host must be at least 1")
        if self.rate <= 0:
            raise ValueError("rate must be positive (requests per second per host)")
        if self.max_bytes < 1 or self.max_redirects < 0 or self.retries < 0:
            raise ValueError("max_bytes must be positive, max_redirects and retries not negative")
        return self
