"""What a round did (the progress line) and what a watch did (its rounds)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass
class RoundReport:
    round: int
    started: datetime
    seconds: float = 0.0
    sources: int = 0
    sources_failing: int = 0
    new: int = 0  # URLs and files seen for the first time (changed files too)
    fetched: int = 0  # answers read for article pages
    stored: int = 0  # document versions newly stored
    unchanged: int = 0  # coded, but the store had them already
    ok: int = 0
    errors: int = 0  # stored with status error (the page could not be read as an article)
    skipped: int = 0  # stored with status skipped (no article text, not English)
    failed: int = 0  # not fetched: HTTP errors, timeouts, too large, redirect loops...
    disallowed: int = 0  # robots.txt forbids them
    duplicates: int = 0  # the same article as one already stored
    events: int = 0
    quotes: int = 0
    pending: int = 0  # never fetched yet, left for a later round (--max-pages, a shutdown)
    retry: int = 0  # failed for a reason that may pass (a 5xx, a timeout): tried again next round
    stopped: bool = False  # the round was cut short by a signal
    source_errors: list[str] = field(default_factory=list)

    def line(self) -> str:
        failing = f" ({self.sources_failing} failing)" if self.sources_failing else ""
        parts = [
            f"round {self.round}: {self.sources} source{'s' * (self.sources != 1)}{failing}",
            f"{self.new} new",
            f"{self.fetched} fetched",
            f"{self.stored} stored ({self.ok} ok, {self.errors} error, {self.skipped} skipped)",
            f"{self.failed} failed",
            f"{self.disallowed} disallowed",
            f"{self.duplicates} duplicate",
            f"{self.events} events",
            f"{self.pending} pending",
            f"{self.retry} to retry",
            f"{self.seconds:.1f} s",
        ]
        return ", ".join(parts) + (" (stopped)" if self.stopped else "")


@dataclass
class WatchSummary:
    db: str
    rounds: list[RoundReport] = field(default_factory=list)

    def total(self, name: str) -> int:
        return sum(int(getattr(r, name)) for r in self.rounds)
