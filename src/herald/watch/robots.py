"""robots.txt, read as RFC 9309 says, once per site and kept for ``robots_ttl`` seconds.

Python's ``urllib.robotparser`` applies the first rule that matches and reads ``*`` and ``$``
literally, so ``Disallow: /*?session=`` would forbid nothing; sites rely on both. This module
follows the RFC instead: the group(s) naming herald's token (``herald``, case-insensitive), else the
``*`` group(s); the longest matching rule wins, ``Allow`` on a tie; ``*`` matches any characters and
a final ``$`` anchors the end. ``Crawl-delay`` (not in the RFC, widely used) slows the host's gate.

When robots.txt cannot be had the RFC's reading applies: a 4xx answer (404 most often) means no
rules; a 5xx answer or a network error means "assume everything is disallowed", and the host is
left alone until a later check gets an answer.
"""

from __future__ import annotations

import contextlib
import re
import threading
import time
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import quote, unquote, urlsplit

from herald.watch.options import ROBOTS_AGENT, WatchOptions
from herald.watch.urls import host_of, origin_of

if TYPE_CHECKING:
    from herald.watch.fetch import Fetcher

ROBOTS_MAX_BYTES = 512_000  # RFC 9309: parse at least 500 KiB; the rest is ignored
RETRY_UNREACHABLE = 60.0  # seconds before an unreachable robots.txt is asked again
_SAFE = "/?&=:;@!$'()*+,-._~"


def _norm(path: str) -> str:
    return quote(unquote(path), safe=_SAFE + "%")


def _pattern(value: str) -> re.Pattern[str]:
    anchored = value.endswith("$")
    body = _norm(value[:-1] if anchored else value)
    regex = ".*".join(re.escape(part) for part in body.split("*"))
    return re.compile(regex + ("$" if anchored else ""))


@dataclass
class Rules:
    """The rules of the group(s) that apply to herald."""

    rules: list[tuple[int, bool, re.Pattern[str]]] = field(default_factory=list)  # (length, allow, pattern)
    crawl_delay: float | None = None
    disallow_all: str | None = None  # why everything is off limits (robots.txt unreachable)

    def allowed(self, url: str) -> bool:
        if self.disallow_all:
            return False
        parts = urlsplit(url)
        path = parts.path or "/"
        if path == "/robots.txt":
            return True
        target = _norm(path + (f"?{parts.query}" if parts.query else ""))
        best: tuple[int, bool] | None = None
        for length, allow, pattern in self.rules:
            if pattern.match(target) and (best is None or (length, allow) > best):
                best = (length, allow)
        return best is None or best[1]


def parse_robots(text: str, agent: str = ROBOTS_AGENT) -> Rules:
    """The rules for ``agent`` in a robots.txt."""
    groups: list[tuple[list[str], list[tuple[str, str]]]] = []
    agents: list[str] = []
    lines: list[tuple[str, str]] = []
    in_rules = False
    for raw in text.splitlines():
        line = raw.split("#", 1)[0].strip()
        if ":" not in line:
            continue
        key, _, value = line.partition(":")
        key, value = key.strip().lower(), value.strip()
        if key == "user-agent":
            if in_rules:
                groups.append((agents, lines))
                agents, lines, in_rules = [], [], False
            agents.append(value.lower())
        elif key in ("allow", "disallow", "crawl-delay") and agents:
            in_rules = True
            lines.append((key, value))
    if agents:
        groups.append((agents, lines))
    token = agent.lower()
    chosen = [g for g in groups if token in g[0]] or [g for g in groups if "*" in g[0]]
    rules = Rules()
    for _, group_lines in chosen:
        for key, value in group_lines:
            if key == "crawl-delay":
                with contextlib.suppress(ValueError):
                    rules.crawl_delay = max(rules.crawl_delay or 0.0, float(value))
            elif value:  # an empty Disallow allows everything: no rule
                rules.rules.append((len(value), key == "allow", _pattern(value)))
    return rules


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    reason: str | None = None
    retryable: bool = False  # robots.txt could not be read: try again later
    stopped: bool = False


class Robots:
    """robots.txt per site, fetched through the same polite client as everything else."""

    def __init__(self, fetcher: Fetcher, options: WatchOptions) -> None:
        self.fetcher = fetcher
        self.options = options
        self._cache: dict[str, tuple[float, Rules]] = {}
        self._locks: dict[str, threading.Lock] = {}
        self._lock = threading.Lock()

    def check(self, url: str) -> Verdict:
        origin = origin_of(url)
        rules = self._rules(origin)
        if rules is None:
            return Verdict(False, "stopped before robots.txt was read", retryable=True, stopped=True)
        if rules.disallow_all:
            return Verdict(False, rules.disallow_all, retryable=True)
        if not rules.allowed(url):
            return Verdict(False, "disallowed by robots.txt")
        return Verdict(True)

    def _rules(self, origin: str) -> Rules | None:
        with self._lock:
            lock = self._locks.setdefault(origin, threading.Lock())
        with lock:
            now = time.monotonic()
            cached = self._cache.get(origin)
            if cached and cached[0] > now:
                return cached[1]
            answer = self.fetcher.get(
                f"{origin}/robots.txt", robots=False, max_bytes=ROBOTS_MAX_BYTES, truncate=True
            )
            if answer.stopped:
                return None
            ttl = self.options.robots_ttl
            if answer.ok and 200 <= answer.status < 300:
                rules = parse_robots(answer.body.decode("utf-8", errors="replace"))
            elif 400 <= answer.status < 500 and answer.status != 429:
                rules = Rules()  # no robots.txt: no rules
            else:
                why = answer.error or f"HTTP {answer.status}"
                rules = Rules(
                    disallow_all=f"robots.txt unreachable ({why}): nothing is fetched from "
                    f"{origin} until it answers"
                )
                ttl = min(ttl, RETRY_UNREACHABLE)
            if rules.crawl_delay:
                self.fetcher.gates[host_of(origin)].slow_down(rules.crawl_delay)
            self._cache[origin] = (now + ttl, rules)
            return rules
