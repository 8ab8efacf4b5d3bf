from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Extracted:
    """What an extractor found in one page."""

    text: str
    title: str | None = None
    published: str | None = None
    updated: str | None = None
    boilerplate: list[str] = field(default_factory=list)
